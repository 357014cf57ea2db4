import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Lists a person reads are in their language's alphabet (issue 19), not in the order of
/// code points or of the database's collation.
@Suite("Reader's alphabet")
struct AlphabetTests {
    /// Where each of `names` first appears on the page, in that order.
    static func order(of names: [String], in page: Browser.Page) -> [String] {
        names.compactMap { name in page.body.range(of: name).map { (name, $0.lowerBound) } }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    @Test("Colleagues to invite to a study group: in Czech Č comes after C and Ch after H; in English both sort as plain C")
    func groupCandidates() async throws {
        try await withApp { app, ctx in
            let names = ["Hana", "Chvála", "Čeněk", "Cyril"]
            for (index, given) in names.enumerated() {
                let email = "colleague\(index)@example.org"
                try await Fixtures.addMember(email, school: ctx.fixtures.schoolA, role: .teacher, on: app)
                let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
                user.givenName = given
                try await user.save(on: app.db)
            }
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            let path = "/support/groups/new?kind=" + Engagement.Form.studyGroup.rawValue
            let english = try await teacher.get(path)
            #expect(english.status == .ok)
            #expect(Self.order(of: names, in: english) == ["Čeněk", "Chvála", "Cyril", "Hana"])

            let me = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).first())
            me.language = Language.cs.rawValue
            try await me.save(on: app.db)
            let czech = try await teacher.get(path)
            #expect(czech.headers.first(name: .contentLanguage) == "cs")
            #expect(Self.order(of: names, in: czech) == ["Cyril", "Čeněk", "Hana", "Chvála"])
        }
    }

    @Test("The admin's networks and schools: a Latvian reader finds Ābeļu after Alūksnes and before Bauskas")
    func adminLists() async throws {
        try await withApp { app, ctx in
            let names = ["Bauskas skola", "Ābeļu skola", "Alūksnes skola"]
            for (index, name) in names.enumerated() {
                try await School(name: name, code: "LV-T-\(index)", country: "LV", city: "Rīga", language: "lv", networkID: nil).save(on: app.db)
            }
            let admin = ctx.browser()
            try await admin.login(Fixtures.admin)
            let english = try await admin.get("/admin")
            #expect(Self.order(of: names, in: english) == ["Ābeļu skola", "Alūksnes skola", "Bauskas skola"])
            let me = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.admin).first())
            me.language = Language.lv.rawValue
            try await me.save(on: app.db)
            let latvian = try await admin.get("/admin")
            #expect(Self.order(of: names, in: latvian) == ["Alūksnes skola", "Ābeļu skola", "Bauskas skola"])
        }
    }
}
