import Testing
import Vapor

@testable import App

@Suite("Security headers and error pages")
struct SecurityHeaderTests {
    @Test("Every page carries CSP, nosniff, frame-ancestors and no-store; static files may be cached")
    func headers() async throws {
        try await withApp { app, _ in
            try await app.testing().test(.GET, "/login") { res async throws in
                #expect(res.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(res.headers.first(name: "Referrer-Policy") == "same-origin")
                #expect(res.headers.first(name: .cacheControl) == "no-store")
            }
            // A public document a route serves keeps the caching it asks for (before, this
            // was overwritten with no-store too).
            try await app.testing().test(.GET, "/.well-known/jwks.json") { res async throws in
                #expect(res.headers.first(name: .cacheControl) == "public, max-age=3600")
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(res.headers[.setCookie].isEmpty, "a cached response carries no cookie (the CSRF cookie would be shared)")
            }
            try await app.testing().test(.GET, "/css/app.css") { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .cacheControl)?.contains("max-age") == true)
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
            }
        }
    }

    @Test("An unknown page is a friendly 404 in the person's language")
    func notFound() async throws {
        try await withApp { _, ctx in
            let english = try await ctx.browser(language: "en").get("/no-such-page")
            #expect(english.status == .notFound)
            #expect(english.contains("Page not found"))
            #expect(english.contains("id=\"language-form\""))

            let latvian = try await ctx.browser(language: "lv").get("/no-such-page")
            #expect(latvian.status == .notFound)
            #expect(latvian.contains("<html lang=\"lv\""))
            #expect(!latvian.contains("Page not found"))
            #expect(latvian.contains("Lapa nav atrasta"), "said in Latvian, not merely not in English")
        }
    }

    @Test("A malformed id in a path is a 404, not a 500")
    func malformedID() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser()
            try await browser.login(Fixtures.leaderA)
            #expect(try await browser.get("/schools/not-a-uuid").status == .notFound)
            #expect(try await browser.get("/invitations/%00%01").status == .notFound)
        }
    }
}

@Suite("Server errors")
struct ServerErrorTests {
    struct Leak: Error, CustomStringConvertible { var description: String { "password=hunter2 at db.internal:5432" } }

    @Test("A 500 is a friendly page with a reference, never the internals; the API gets the error shape")
    func friendly500() async throws {
        try await withApp { app, ctx in
            app.get("boom") { _ -> String in throw Leak() }
            app.get("api", "v1", "boom") { _ -> String in throw Leak() }
            let page = try await ctx.browser(language: "en").get("/boom")
            #expect(page.status == .internalServerError)
            #expect(page.contains("Something went wrong"))
            #expect(page.contains("mention this reference"))
            #expect(!page.contains("hunter2"))
            try await app.testing().test(.GET, "/api/v1/boom") { res async throws in
                #expect(res.status == .internalServerError)
                let body = try res.content.decode(APIErrorBody.self)
                #expect(body.error.code == "internal_error")
                #expect(!res.body.string.contains("hunter2"))
            }
        }
    }
}
