import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue #14, class 8: reset links, return paths and API tokens.
@Suite("Reset links, return paths and API tokens")
struct CredentialTests {
    static func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    static func user(_ email: String, _ app: Application) async throws -> User {
        try #require(try await User.query(on: app.db).filter(\.$email == email).first())
    }

    @Test("Using a newer reset link kills the older one")
    func olderResetLinkDead() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser()
            try await browser.post("/password/forgot", form: ["email": Fixtures.teacherA])
            let older = try #require(try await ctx.mailbox.lastLinkPath(to: Fixtures.teacherA))
            try await browser.post("/password/forgot", form: ["email": Fixtures.teacherA])
            let newer = try #require(try await ctx.mailbox.lastLinkPath(to: Fixtures.teacherA))
            #expect(older != newer)
            let form = ["password": "brand new secret", "password_confirmation": "brand new secret"]
            #expect(try await browser.post(newer, form: form).status == .seeOther)

            let other = ctx.browser()
            #expect(try await other.get(older).status == .notFound)
            let late = ["password": "attacker's choice", "password_confirmation": "attacker's choice"]
            #expect(try await other.post(older, form: late).status == .notFound)
            #expect(try await ctx.browser().login(Fixtures.teacherA, password: "brand new secret").status == .seeOther)
        }
    }

    @Test("A password reset ends every API token of the person")
    func tokensEndWithReset() async throws {
        try await withApp { app, ctx in
            let teacher = try await Self.user(Fixtures.teacherA, app)
            let token = try await APITokens.issue(
                name: "script", for: teacher, scopes: .all,
                expiresAt: ctx.clock.now.addingTimeInterval(86_400), on: app.db)
            try await app.testing().test(.GET, "/api/v1/me", headers: Self.bearer(token)) { #expect($0.status == .ok) }
            let browser = ctx.browser()
            try await browser.post("/password/forgot", form: ["email": Fixtures.teacherA])
            let path = try #require(try await ctx.mailbox.lastLinkPath(to: Fixtures.teacherA))
            try await browser.post(path, form: ["password": "brand new secret", "password_confirmation": "brand new secret"])
            try await app.testing().test(.GET, "/api/v1/me", headers: Self.bearer(token)) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("Return paths: only a path on this site, whatever browsers would make of it")
    func returnPaths() async throws {
        for bad in [
            "/\t/evil.example", "/\n/evil", "//evil", "/\\evil", "https://evil", "\t//evil.example",
            "/ /evil", "\u{0}/x", "javascript:alert(1)", "evil.example", "/a//b", "", "/\u{202E}x", "/é",
        ] {
            #expect(ReturnPath.validated(bad) == nil, "accepted \(bad.debugDescription)")
            #expect(ReturnPath.safe(bad) == "/")
        }
        for good in ["/", "/account", "/surveys/1c0ffee?tab=report#q2", "/login?next=%2Faccount"] {
            #expect(ReturnPath.validated(good) == good)
        }
        try await withApp { _, ctx in
            let browser = ctx.browser()
            try await browser.get("/login")
            let page = try await browser.post(
                "/login",
                form: [
                    "email": Fixtures.leaderA, "password": Fixtures.password,
                    "next": "/\t/evil.example",
                ])
            #expect(page.location == "/")
            let switched = try await browser.post("/language", form: ["language": "lv", "return_to": "/\n/evil"])
            #expect(switched.location == "/")
        }
    }

    @Test("A read-only token cannot write, and a token reaches only its modules")
    func scopes() async throws {
        try await withApp { app, ctx in
            let leader = try await Self.user(Fixtures.leaderA, app)
            let until = ctx.clock.now.addingTimeInterval(86_400)
            let readSurveys = try await APITokens.issue(
                name: "reader", for: leader,
                scopes: .init(write: false, modules: [.surveys]), expiresAt: until, on: app.db)
            try await app.testing().test(.GET, "/api/v1/surveys", headers: Self.bearer(readSurveys)) { #expect($0.status == .ok) }
            var body = ByteBuffer(string: #"{"schoolId":"\#(ctx.fixtures.schoolA.uuidString)","definition":{}}"#)
            var headers = Self.bearer(readSurveys)
            headers.contentType = .json
            try await app.testing().test(.POST, "/api/v1/surveys", headers: headers, body: body) { res async throws in
                #expect(res.status == .forbidden)
                let error = try res.content.decode(APIErrorBody.self).error
                #expect(error.code == "forbidden")
                #expect(error.message.contains("write surveys"))
                #expect(res.headers.first(name: "WWW-Authenticate")?.contains("insufficient_scope") == true)
            }
            try await app.testing().test(.GET, "/api/v1/me", headers: Self.bearer(readSurveys)) { #expect($0.status == .forbidden) }
            try await app.testing().test(.GET, "/api/v1/courses", headers: Self.bearer(readSurveys)) { #expect($0.status == .forbidden) }

            let writeSurveys = try await APITokens.issue(
                name: "writer", for: leader,
                scopes: .init(write: true, modules: [.surveys]), expiresAt: until, on: app.db)
            headers = Self.bearer(writeSurveys)
            headers.contentType = .json
            body = ByteBuffer(string: #"{"schoolId":"\#(ctx.fixtures.schoolA.uuidString)","definition":{}}"#)
            try await app.testing().test(.POST, "/api/v1/surveys", headers: headers, body: body) { res async throws in
                #expect(res.status != .forbidden && res.status != .unauthorized, "the scope was right, yet \(res.status)")
            }
        }
    }

    @Test("A token ends at its expiry")
    func expiry() async throws {
        try await withApp { app, ctx in
            let leader = try await Self.user(Fixtures.leaderA, app)
            let token = try await APITokens.issue(
                name: "short", for: leader, scopes: .all,
                expiresAt: ctx.clock.now.addingTimeInterval(7 * 86_400), on: app.db)
            try await app.testing().test(.GET, "/api/v1/me", headers: Self.bearer(token)) { #expect($0.status == .ok) }
            ctx.clock.advance(by: 7 * 86_400)
            try await app.testing().test(.GET, "/api/v1/me", headers: Self.bearer(token)) { res async throws in
                #expect(res.status == .unauthorized)
                #expect(try res.content.decode(APIErrorBody.self).error.message.contains("expired"))
            }
        }
    }

    @Test("The account page makes a token with the chosen scopes and lifetime, and lists them")
    func accountPage() async throws {
        try await withApp { app, ctx in
            let browser = ctx.browser()
            try await browser.login(Fixtures.leaderA)
            let refused = try await browser.post("/account/tokens", fields: [("token_name", "x"), ("access", "read"), ("days", "400")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.contains("Choose at least one part"))
            #expect(refused.contains("at most one year"))

            let made = try await browser.post(
                "/account/tokens",
                fields: [
                    ("token_name", "Report script"), ("access", "read"), ("module", "surveys"), ("module", "wellbeing"), ("days", "30"),
                ])
            #expect(made.status == .created)
            let token = try #require(try await APIToken.query(on: app.db).filter(\.$name == "Report script").first())
            #expect(token.scopes == APIScopes(write: false, modules: [.surveys, .wellbeing]))
            #expect(token.expiresAt == ctx.clock.now.addingTimeInterval(30 * 86_400))
            let page = try await browser.get("/account")
            #expect(page.contains("Read only: Well-being, Surveys"))
        }
    }
}
