import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// "A new password ends every other session" (ASVS 3.3.3; `PasswordChange`). Collegium sets
/// a new password only through a reset link (there is no change form for a signed-in
/// person), so that is the path tested: from one browser, with the person also signed in
/// on another.
@Suite("A new password ends the other sessions")
struct PasswordSessionTests {
    static let newPassword = "a brand new passphrase"

    @Test("A reset in one browser signs the other out; the older link and the API token stop working; others stay signed in")
    func resetEndsOtherSessions() async throws {
        try await withApp { app, ctx in
            let laptop = ctx.browser(), phone = ctx.browser(), colleague = ctx.browser()
            #expect(try await laptop.login(Fixtures.teacherA).location == "/")
            #expect(try await phone.login(Fixtures.teacherA).location == "/")
            #expect(try await colleague.login(Fixtures.leaderA).location == "/")
            #expect(try await phone.get("/wellbeing").status == .ok)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).first())
            let token = try await APITokens.issue(name: "a script", for: user, on: app.db)
            #expect(try await Self.me(app, token) == .ok)

            // Two reset links asked for from the laptop; the newer one is used.
            #expect(try await laptop.post("/password/forgot", form: ["email": Fixtures.teacherA]).status == .seeOther)
            let older = try #require(try await ctx.mailbox.lastLinkPath(to: Fixtures.teacherA))
            ctx.clock.advance(by: 60)
            #expect(try await laptop.post("/password/forgot", form: ["email": Fixtures.teacherA]).status == .seeOther)
            let newer = try #require(try await ctx.mailbox.lastLinkPath(to: Fixtures.teacherA))
            #expect(older != newer)
            let saved = try await laptop.post(newer, form: ["password": Self.newPassword, "password_confirmation": Self.newPassword])
            #expect(saved.location == "/")

            // The browser that set it is signed in afresh; the other one is out at its next request.
            #expect(try await laptop.get("/wellbeing").status == .ok)
            let next = try await phone.get("/wellbeing")
            #expect(next.status == .seeOther && next.location?.hasPrefix("/login") == true, "the phone is sent to the login page")
            #expect(try await phone.get("/").contains("id=\"login-link\""))
            #expect(try await LoginSession.query(on: app.db).filter(\.$user.$id == user.requireID()).count() == 1)

            // What the old password could open is closed too.
            #expect(try await ctx.browser().get(older).status == .notFound, "an older reset link")
            #expect(try await Self.me(app, token) == .unauthorized, "an API token made before")
            // Only the new password signs in; another person's session is untouched.
            #expect(try await ctx.browser().login(Fixtures.teacherA).status == .unauthorized)
            #expect(try await phone.login(Fixtures.teacherA, password: Self.newPassword).location == "/")
            #expect(try await colleague.get("/").contains("id=\"my-schools\""))
        }
    }

    static func me(_ app: Application, _ token: String) async throws -> HTTPStatus {
        try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(token)"]).status
    }
}
