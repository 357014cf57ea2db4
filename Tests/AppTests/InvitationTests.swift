import Domain
import Fluent
import Testing
import Vapor

@testable import App

@Suite("Inviting staff")
struct InvitationTests {
    @Test("A leader invites a colleague, who accepts in another browser, sets a password and sees the school")
    func inviteAndAccept() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let sent = try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "Anna.Kalnina@Example.org ", "given_name": "Anna", "family_name": "Kalniņa", "role": "counsellor"])
            #expect(sent.status == .seeOther)
            let school = try await leader.get("/schools/\(ctx.fixtures.schoolA)")
            #expect(school.contains("Invitation sent to anna.kalnina@example.org"))
            #expect(school.contains("id=\"pending-invitations\""))

            // The email goes out in the school's language (Latvian for school A).
            let mail = try #require(try await ctx.mailbox.last(to: "anna.kalnina@example.org"))
            #expect(mail.kind == .invitation)
            #expect(!mail.subject.hasPrefix("You are invited"))
            let path = try #require(try await ctx.mailbox.lastLinkPath(to: "anna.kalnina@example.org"))

            let newcomer = ctx.browser()
            let form = try await newcomer.get(path)
            #expect(form.contains("id=\"accept-form\""))
            #expect(form.contains("value=\"Anna\""))

            let short = try await newcomer.post(
                path, form: ["given_name": "Anna", "family_name": "Kalniņa", "password": "short", "password_confirmation": "short"])
            #expect(short.status == .unprocessableEntity)
            #expect(short.contains("at least 10 characters"))

            let accepted = try await newcomer.post(
                path,
                form: [
                    "given_name": "Anna", "family_name": "Kalniņa",
                    "password": "a long enough secret", "password_confirmation": "a long enough secret",
                ])
            #expect(accepted.status == .seeOther)
            let home = try await newcomer.get("/")
            #expect(home.contains("School A"))
            #expect(home.contains("Welcome to School A"))

            let user = try #require(try await User.query(on: app.db).filter(\.$email == "anna.kalnina@example.org").first())
            #expect(user.passwordHash?.hasPrefix("$2") == true, "bcrypt hash")
            // The link works once.
            #expect(try await ctx.browser().get(path).status == .notFound)
        }
    }

    @Test("Someone who already has an account joins a second school with their password")
    func existingAccount() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderB)
            try await leader.post(
                "/schools/\(ctx.fixtures.schoolB)/invitations",
                form: ["email": Fixtures.teacherA, "given_name": "T", "family_name": "A", "role": "teacher"])
            let path = try #require(try await ctx.mailbox.lastLinkPath(to: Fixtures.teacherA))
            let teacher = ctx.browser()
            #expect(try await teacher.get(path).contains("You already have a Collegium account"))
            #expect(try await teacher.post(path, form: ["password": "wrong password!"]).status == .unprocessableEntity)
            #expect(try await teacher.post(path, form: ["password": Fixtures.password]).status == .seeOther)
            let home = try await teacher.get("/")
            #expect(home.contains("School A") && home.contains("School B"))
            let user = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).first())
            #expect(try await Membership.query(on: app.db).filter(\.$user.$id == user.requireID()).count() == 2)
        }
    }

    @Test("Bad input is explained next to each field and nothing is sent")
    func badInput() async throws {
        try await withApp { _, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let page = try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "not-an-email", "given_name": "", "family_name": "Z", "role": "principal"])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("id=\"form-errors\""))
            #expect(page.contains("email-error"))
            #expect(page.contains("given_name-error"))
            #expect(page.contains("role-error"))
            #expect(page.contains("value=\"not-an-email\""))
            #expect(try await ctx.mailbox.messages().isEmpty)

            let member = try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": Fixtures.teacherA, "given_name": "T", "family_name": "A", "role": "teacher"])
            #expect(member.status == .conflict)
            #expect(member.contains("already belongs to this school"))
        }
    }

    @Test("An expired invitation cannot be used")
    func expired() async throws {
        try await withApp(environment: ["INVITATION_DAYS": "3"]) { _, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "late@example.org", "given_name": "L", "family_name": "Late", "role": "teacher"])
            let path = try #require(try await ctx.mailbox.lastLinkPath(to: "late@example.org"))
            ctx.clock.advance(by: 4 * 86_400)
            let page = try await ctx.browser().get(path)
            #expect(page.status == .notFound)
        }
    }
}
