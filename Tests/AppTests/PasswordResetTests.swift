import Fluent
import Testing
import Vapor

@testable import App

@Suite("Forgotten passwords")
struct PasswordResetTests {
    @Test("A person resets a forgotten password from the emailed link and logs in with the new one")
    func reset() async throws {
        try await withApp { app, ctx in
            let browser = ctx.browser()
            try await browser.get("/password/forgot")
            let asked = try await browser.post("/password/forgot", form: ["email": Fixtures.teacherA])
            #expect(asked.status == .seeOther)
            let path = try #require(try await ctx.mailbox.lastLinkPath(to: Fixtures.teacherA))

            let mismatch = try await browser.post(path, form: ["password": "brand new secret", "password_confirmation": "brand new secreT"])
            #expect(mismatch.status == .unprocessableEntity)
            #expect(mismatch.contains("not the same"))

            #expect(try await browser.post(path, form: ["password": "brand new secret", "password_confirmation": "brand new secret"]).status == .seeOther)
            #expect(try await browser.get(path).status == .notFound, "a reset link works once")

            let fresh = ctx.browser()
            #expect(try await fresh.login(Fixtures.teacherA, password: Fixtures.password).status == .unauthorized)
            #expect(try await fresh.login(Fixtures.teacherA, password: "brand new secret").status == .seeOther)
        }
    }

    @Test("The answer is the same for an unknown address, and no email is sent")
    func noEnumeration() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser()
            let known = try await browser.post("/password/forgot", form: ["email": Fixtures.teacherA])
            let unknown = try await browser.post("/password/forgot", form: ["email": "nobody@example.org"])
            #expect(known.status == unknown.status)
            #expect(try await ctx.mailbox.messages().count == 1)
            let invalid = try await browser.post("/password/forgot", form: ["email": "nobody"])
            #expect(invalid.status == .unprocessableEntity)
        }
    }

    @Test("A reset link expires")
    func expiry() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser()
            try await browser.post("/password/forgot", form: ["email": Fixtures.teacherA])
            let path = try #require(try await ctx.mailbox.lastLinkPath(to: Fixtures.teacherA))
            ctx.clock.advance(by: 61 * 60)
            #expect(try await browser.get(path).status == .notFound)
        }
    }

    @Test("Nobody can fill a colleague's mailbox: three reset mails an hour per person, the same answer each time")
    func resetsPerHour() async throws {
        try await withApp { _, ctx in
            var answers: [HTTPStatus] = []
            for _ in 0..<5 {
                answers.append(try await ctx.browser().post("/password/forgot", form: ["email": Fixtures.teacherA]).status)
            }
            #expect(Set(answers) == [.seeOther])
            #expect(try await ctx.mailbox.messages().count == 3)
            // An hour later, a fourth.
            ctx.clock.advance(by: 3601)
            try await ctx.browser().post("/password/forgot", form: ["email": Fixtures.teacherA])
            #expect(try await ctx.mailbox.messages().count == 4)
        }
    }
}
