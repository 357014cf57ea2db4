import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Personal data")
struct PersonalDataTests {
    @Test("Every table either declares how it exports and erases personal data or says why it holds none")
    func everyTableDeclared() async throws {
        try await withApp { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            let tables: [String]
            if sql.dialect.name == "sqlite" {
                tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                    .all().map { try $0.decode(column: "name", as: String.self) }
            } else {
                tables = try await sql.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
                    .all().map { try $0.decode(column: "table_name", as: String.self) }
            }
            let declared = Set(PersonalData.holders.map { $0.personalDataTable }).union(PersonalData.impersonalTables.keys)
            #expect(tables.count > 5)
            #expect(Set(tables).subtracting(declared).isEmpty, "tables without a personal data declaration")
        }
    }

    @Test("A person downloads their data; it holds their schools and no secrets")
    func export() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser()
            try await browser.login(Fixtures.teacherA)
            let page = try await browser.get("/account/export.json")
            #expect(page.status == .ok)
            #expect(page.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            #expect(page.contains("School A"))
            #expect(page.contains(Fixtures.teacherA))
            #expect(!page.contains("$2"), "no password hash")
            #expect(!page.contains("token_hash"))
            #expect(try await ctx.browser().get("/account/export.json").status == .seeOther)
        }
    }

    @Test("Erasing a person removes them from every table, and their invitees keep their invitations")
    func erase() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "new@example.org", "given_name": "N", "family_name": "P", "role": "teacher"])
            let user = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.leaderA).first())
            try await PersonalData.erase(user, on: app.db)
            #expect(try await User.query(on: app.db).filter(\.$email == Fixtures.leaderA).count() == 0)
            #expect(try await LoginSession.query(on: app.db).count() == 0)
            #expect(try await Membership.query(on: app.db).filter(\.$user.$id == user.requireID()).count() == 0)
            let invitation = try #require(try await Invitation.query(on: app.db).filter(\.$email == "new@example.org").first())
            #expect(invitation.$invitedBy.id == nil)
            #expect(try await leader.get("/").contains("id=\"login-link\""))
        }
    }
}
