import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// `collegium create-admin` and `collegium erase-user` (docs/operations.md), run as the
/// operator runs them: through the command table, with the password typed at the prompt.
@Suite("Account commands")
struct AccountCommandTests {
    static let newAdmin = "new.admin@example.org"
    static let secret = "a long admin passphrase"

    @Test("create-admin makes an administrator who signs in with the typed password and reaches the admin pages")
    func createAdmin() async throws {
        try await withApp { app, ctx in
            let run = await runCommand(
                app, ["create-admin", "--email", Self.newAdmin, "--given-name", "Ana", "--family-name", "Bērziņa"],
                input: [Self.secret])
            #expect(!run.failed)
            #expect(run.output.contains("Password for \(Self.newAdmin) (at least 10 characters):"), "the password is asked for")
            #expect(run.output.contains("Administrator \(Self.newAdmin) created."))
            #expect(!run.output.contains(Self.secret), "the typed password is never printed")

            let admin = ctx.browser()
            let wrong = try await ctx.browser().login(Self.newAdmin, password: "a wrong admin passphrase")
            #expect(wrong.status == .unauthorized)
            let signedIn = try await admin.login(Self.newAdmin, password: Self.secret)
            #expect(signedIn.location == "/")
            let adminPage = try await admin.get("/admin")
            #expect(adminPage.status == .ok)
            let account = try await admin.get("/account")
            #expect(account.contains("Ana Bērziņa"), "the names given on the command line")
        }
    }

    @Test("create-admin refuses a short password, a bad address and a bad name: a message, a non-zero exit, no account")
    func createAdminRefuses() async throws {
        try await withApp { app, _ in
            let short = await runCommand(app, ["create-admin", "--email", Self.newAdmin], input: ["too short"])
            #expect(short.failed)
            #expect(short.output.contains("The password is too short or too long."))
            let missing = await runCommand(app, ["create-admin", "--email", Self.newAdmin], input: [""])
            #expect(missing.failed && missing.output.contains("The password is too short or too long."))
            let address = await runCommand(app, ["create-admin", "--email", "not-an-address"], input: [Self.secret])
            #expect(address.failed && address.output.contains("Give a valid --email."))
            let name = await runCommand(app, ["create-admin", "--email", Self.newAdmin, "--given-name", "Ana\u{202E}"], input: [Self.secret])
            #expect(name.failed && name.output.contains("no control or text-direction characters"))
            let accounts = try await User.query(on: app.db).filter(\.$email == Self.newAdmin).count()
            #expect(accounts == 0)
        }
    }

    /// The documented design (docs/operations.md): an existing address is made an
    /// administrator, not refused; its password stays, and no password is asked for.
    @Test("create-admin with an existing address makes that account an administrator and leaves its password alone")
    func createAdminPromotes() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(try await teacher.get("/admin").status == .forbidden)
            let run = await runCommand(app, ["create-admin", "--email", Fixtures.teacherA], input: [Self.secret])
            #expect(!run.failed)
            #expect(run.output.contains("\(Fixtures.teacherA) is now an administrator."))
            #expect(!run.output.contains("Password for"), "no password asked: the account keeps its own")
            #expect(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).count() == 1)
            #expect(try await ctx.browser().login(Fixtures.teacherA, password: Self.secret).status == .unauthorized)
            let again = ctx.browser()
            #expect(try await again.login(Fixtures.teacherA).location == "/")
            #expect(try await again.get("/admin").status == .ok)
        }
    }

    @Test("erase-user asks first, then removes the person everywhere and keeps the anonymous well-being figures")
    func eraseUser() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(try await teacher.post("/wellbeing", form: WellbeingTests.answers(who5: 4, cbi: 25, note: "A calm month.")).status == .created)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).first())
            let userID = try user.requireID()
            let cells = try await Self.cellSums(app)
            #expect(cells.n == 1)

            // Answered "no": nothing happens.
            let declined = await runCommand(app, ["erase-user", "--email", Fixtures.teacherA], input: ["n"])
            #expect(!declined.failed)
            #expect(declined.output.contains("Erase teacher.a Tester <\(Fixtures.teacherA)> and all their data?"))
            #expect(!declined.output.contains("Erased"))
            #expect(try await teacher.get("/wellbeing").contains("A calm month."), "still signed in, history kept")

            let erased = await runCommand(app, ["erase-user", "--email", Fixtures.teacherA], input: ["y"])
            #expect(!erased.failed && erased.output.contains("Erased \(Fixtures.teacherA)."))

            // The person is gone: no account, no session, no membership, no personal history.
            #expect(try await User.find(userID, on: app.db) == nil)
            let signedOut = try await teacher.get("/wellbeing")
            #expect(signedOut.status == .seeOther && signedOut.location?.hasPrefix("/login") == true)
            #expect(try await LoginSession.query(on: app.db).filter(\.$user.$id == userID).count() == 0)
            #expect(try await Membership.query(on: app.db).filter(\.$user.$id == userID).count() == 0)
            #expect(try await WellbeingParticipation.query(on: app.db).filter(\.$user.$id == userID).count() == 0)
            #expect(try await WellbeingPersonalEntry.query(on: app.db).filter(\.$user.$id == userID).count() == 0)
            // Every table's export of them is empty (the users table's reads the object in hand).
            let export = try await PersonalData.export(user, on: app.db)
            let left = export.keys.filter { $0 != User.schema && export[$0]?.isEmpty == false }.sorted()
            #expect(left.isEmpty, "left about them: \(left)")
            #expect(try await ctx.browser().login(Fixtures.teacherA).status == .unauthorized)
            // The school's anonymous figures do not move: the answer and its cell stay.
            #expect(try await WellbeingAnswer.query(on: app.db).count() == 1)
            #expect(try await Self.cellSums(app) == cells)

            let unknown = await runCommand(app, ["erase-user", "--email", Fixtures.teacherA, "--yes"])
            #expect(unknown.failed && unknown.output.contains("No account uses that --email."))
            // --yes answers the question itself (the console here would answer "no" to it).
            let leader = await runCommand(app, ["erase-user", "--email", Fixtures.leaderA, "--yes"])
            #expect(!leader.failed && leader.output.contains("Erased \(Fixtures.leaderA)."))
            #expect(try await User.query(on: app.db).filter(\.$email == Fixtures.leaderA).count() == 0)
        }
    }

    struct CellSums: Equatable { var n: Int; var w: Double; var b: Double }

    static func cellSums(_ app: Application) async throws -> CellSums {
        let sql = try #require(app.db as? any SQLDatabase)
        // SUM of a bigint is numeric on PostgreSQL (and a decoding error as Int): cast on both databases.
        let row = try #require(
            try await sql.raw(
                """
                SELECT CAST(SUM(n) AS BIGINT) AS n, CAST(SUM(w) AS DOUBLE PRECISION) AS w, CAST(SUM(b) AS DOUBLE PRECISION) AS b
                FROM wellbeing_cells
                """
            ).first())
        return CellSums(
            n: try row.decode(column: "n", as: Int.self), w: try row.decode(column: "w", as: Double.self),
            b: try row.decode(column: "b", as: Double.self))
    }
}
