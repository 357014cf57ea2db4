import Fluent
import Testing
import Vapor

@testable import App

@Suite("Logging in and out")
struct LoginTests {
    @Test("A person logs in, sees their schools with their role, and logs out")
    func loginAndLogout() async throws {
        try await withApp { app, ctx in
            let browser = ctx.browser()
            let login = try await browser.login(Fixtures.leaderA)
            #expect(login.status == .seeOther)
            #expect(login.location == "/")

            let home = try await browser.get("/")
            #expect(home.contains("id=\"my-schools\""))
            #expect(home.contains("School A"))
            #expect(home.contains("<span class=\"role\">Leader</span>"))

            let logout = try await browser.post("/logout")
            #expect(logout.status == .seeOther)
            let after = try await browser.get("/")
            #expect(after.contains("id=\"login-link\""))
            #expect(try await LoginSession.query(on: app.db).count() == 0)
        }
    }

    @Test("A wrong password gets a clear message and a 401, and keeps the typed email")
    func wrongPassword() async throws {
        try await withApp { _, ctx in
            let page = try await ctx.browser().login(Fixtures.leaderA, password: "not the password")
            #expect(page.status == .unauthorized)
            #expect(page.contains("id=\"form-errors\""))
            #expect(page.contains("The email address or password is not right"))
            #expect(page.contains("value=\"\(Fixtures.leaderA)\""))
        }
    }

    @Test("After five failures the sixth attempt is refused with 429, even with the right password")
    func throttling() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser()
            for _ in 0..<5 {
                #expect(try await browser.login(Fixtures.teacherA, password: "guess-guess").status == .unauthorized)
            }
            let blocked = try await browser.login(Fixtures.teacherA)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers.first(name: .retryAfter) != nil)
            #expect(blocked.contains("Too many failed attempts"))

            ctx.clock.advance(by: 16 * 60)
            #expect(try await browser.login(Fixtures.teacherA).status == .seeOther)
        }
    }

    @Test("The session cookie is HttpOnly and SameSite=Lax, and a new session id is issued at login")
    func sessionCookie() async throws {
        try await withApp { app, ctx in
            let browser = ctx.browser()
            try await browser.get("/login")
            try await browser.post("/login", form: ["email": Fixtures.leaderA, "password": Fixtures.password])
            let first = try #require(browser.cookies["collegium_session"])

            var setCookie = ""
            try await app.testing().test(
                .POST, "/login",
                beforeRequest: { req in
                    req.headers.replaceOrAdd(name: .cookie, value: "collegium_csrf=\(browser.cookies["collegium_csrf"]!); collegium_session=\(first)")
                    try req.content.encode(
                        ["email": Fixtures.leaderA, "password": Fixtures.password, "_csrf": browser.cookies["collegium_csrf"]!], as: .urlEncodedForm)
                },
                afterResponse: { res async throws in
                    setCookie = res.headers[.setCookie].joined(separator: "\n")
                })
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("collegium_session=\(first)"))
            // The earlier session was ended on the server, not just replaced in the browser.
            #expect(try await LoginSession.query(on: app.db).count() == 1)
        }
    }

    @Test("Over HTTPS cookies are Secure and carry the __Host- prefix")
    func secureCookies() async throws {
        try await withApp(environment: ["PUBLIC_URL": "https://collegium.example.org"]) { app, _ in
            try await app.testing().test(.GET, "/login") { res async throws in
                let setCookie = res.headers[.setCookie].joined(separator: "\n")
                #expect(setCookie.contains("__Host-collegium_csrf="))
                #expect(setCookie.contains("Secure"))
                #expect(res.headers.first(name: "Strict-Transport-Security") != nil)
            }
        }
    }

    @Test("A session ends after the idle timeout and after the absolute timeout")
    func timeouts() async throws {
        try await withApp(environment: ["SESSION_IDLE_MINUTES": "30", "SESSION_ABSOLUTE_HOURS": "2"]) { app, ctx in
            let browser = ctx.browser()
            try await browser.login(Fixtures.teacherA)
            ctx.clock.advance(by: 29 * 60)
            #expect(try await browser.get("/").contains("id=\"my-schools\""))
            ctx.clock.advance(by: 31 * 60)
            #expect(try await browser.get("/").contains("id=\"login-link\""))
            #expect(try await LoginSession.query(on: app.db).count() == 0)

            try await browser.login(Fixtures.teacherA)
            for _ in 0..<5 {
                ctx.clock.advance(by: 25 * 60)
                _ = try await browser.get("/")
            }
            #expect(try await browser.get("/").contains("id=\"login-link\""), "signed out after 2 hours although active")
        }
    }

    @Test("A form sent without its CSRF token is refused with 403 and nothing happens")
    func csrf() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser()
            try await browser.get("/login")
            let page = try await browser.post("/login", form: ["email": Fixtures.leaderA, "password": Fixtures.password], csrf: false)
            #expect(page.status == .forbidden)
            #expect(page.contains("This form has expired"))
            #expect(browser.cookies["collegium_session"] == nil)
        }
    }

    @Test("Signing in returns to the page that asked for it, but never to another site")
    func nextParameter() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser()
            let protected = try await browser.get("/account")
            #expect(protected.status == .seeOther)
            #expect(protected.location?.hasPrefix("/login?next=") == true)
            try await browser.get("/login")
            let ok = try await browser.post("/login", form: ["email": Fixtures.leaderA, "password": Fixtures.password, "next": "/account"])
            #expect(ok.location == "/account")

            let other = ctx.browser()
            try await other.get("/login")
            let evil = try await other.post("/login", form: ["email": Fixtures.leaderA, "password": Fixtures.password, "next": "//evil.example/"])
            #expect(evil.location == "/")
        }
    }
}
