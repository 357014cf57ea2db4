import Fluent
import Testing
import Vapor

@testable import App

@Suite("Importing staff from a CSV file")
struct ImportTests {
    @Test("A file with bad rows changes nothing and lists every bad row with its line and reason")
    func badFileChangesNothing() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let csv = """
                givenName,familyName,email,role,school
                Anna,Kalniņa,anna@example.org,teacher,A-1
                Pēteris,,peteris@example.org,teacher,A-1
                Rita,Ozola,not-an-email,counsellor,A-1
                Juris,Krauklis,juris@example.org,janitor,A-1
                Ieva,Liepa,ieva@example.org,teacher,B-1
                Anna,Again,ANNA@example.org,teacher,A-1
                T,A,\(Fixtures.teacherA),teacher,A-1
                """
            let page = try await leader.upload("/schools/\(ctx.fixtures.schoolA)/import", field: "file", filename: "staff.csv", content: csv)
            #expect(page.status == .unprocessableEntity)
            for line in 3...8 { #expect(page.contains("Line \(line):"), "line \(line) reported") }
            #expect(!page.contains("Line 2:"))
            #expect(page.contains("familyName is empty"))
            #expect(page.contains("janitor"))
            #expect(page.contains("already on line 2"))
            #expect(try await Invitation.query(on: app.db).count() == 0)
            #expect(try await ctx.mailbox.messages().isEmpty)
        }
    }

    @Test("A good file invites everyone in it, in one go")
    func goodFile() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let csv =
                "\u{FEFF}givenName;familyName;email;role;school\r\nAnna;Kalniņa;anna@example.org;teacher;a-1\r\n\"Jānis\";\"Bērziņš, jr.\";janis@example.org;pedagogical adviser;A-1\r\n"
            let page = try await leader.upload("/schools/\(ctx.fixtures.schoolA)/import", field: "file", filename: "staff.csv", content: csv)
            #expect(page.status == .seeOther)
            #expect(try await Invitation.query(on: app.db).count() == 2)
            #expect(try await ctx.mailbox.messages().count == 2)
            let school = try await leader.get("/schools/\(ctx.fixtures.schoolA)")
            #expect(school.contains("2 invitations sent."))
            #expect(school.contains("Bērziņš, jr."))
        }
    }

    @Test("An empty upload and a file without the needed columns are explained")
    func emptyAndMissingColumns() async throws {
        try await withApp { _, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let empty = try await leader.upload("/schools/\(ctx.fixtures.schoolA)/import", field: "file", filename: "x.csv", content: "")
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.contains("Choose a CSV file"))
            let columns = try await leader.upload(
                "/schools/\(ctx.fixtures.schoolA)/import", field: "file", filename: "x.csv", content: "name,mail\nA,a@example.org\n")
            #expect(columns.status == .unprocessableEntity)
            #expect(columns.contains("givenName, familyName, email, role, school"))
        }
    }
}
