import Domain
import Fluent
import Testing
import Vapor

@testable import App

@Suite("Languages")
struct LanguageTests {
    @Test("The browser's Accept-Language chooses the language when nothing else does")
    func acceptLanguage() async throws {
        try await withApp { _, ctx in
            let page = try await ctx.browser(language: "lv-LV,lv;q=0.9,en;q=0.5").get("/login")
            #expect(page.contains("<html lang=\"lv\""))
            #expect(page.headers.first(name: .contentLanguage) == "lv")
            let unknown = try await ctx.browser(language: "fr-FR").get("/login")
            #expect(unknown.contains("<html lang=\"en\""))
        }
    }

    @Test("The switcher's cookie beats the browser; the account's choice beats both")
    func precedence() async throws {
        try await withApp { app, ctx in
            let browser = ctx.browser(language: "it")
            #expect(try await browser.get("/login").contains("<html lang=\"it\""))
            let switched = try await browser.post("/language", form: ["language": "cs", "return_to": "/login"])
            #expect(switched.location == "/login")
            #expect(try await browser.get("/login").contains("<html lang=\"cs\""))

            try await browser.login(Fixtures.leaderA)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.leaderA).first())
            #expect(user.language == "cs", "the choice made before login is kept")
            try await browser.post("/language", form: ["language": "lv", "return_to": "/"])

            let elsewhere = ctx.browser(language: "en")
            try await elsewhere.login(Fixtures.leaderA)
            #expect(try await elsewhere.get("/").contains("<html lang=\"lv\""))
        }
    }

    @Test("Latvian pages are translated, with Latvian plurals and formats")
    func latvianPage() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser(language: "lv")
            try await browser.login(Fixtures.leaderA)
            let school = try await browser.get("/schools/\(ctx.fixtures.schoolA)")
            #expect(school.contains("<html lang=\"lv\""))
            #expect(!school.contains("Invite a colleague"))
            #expect(!school.contains("members of staff"))
            // What is there, not only what is not: an empty page passed the two lines above (issue 15).
            #expect(school.contains("Uzaicināt kolēģi"))
            #expect(school.contains("3 darbinieki"), "three members of staff, in the plural form for 3 (not the one for 1 or 0)")
            #expect(school.contains("Latvija"))
        }
    }

    @Test("A language that is not offered is ignored and the return path stays on this site")
    func badSwitch() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser()
            let page = try await browser.post("/language", form: ["language": "xx", "return_to": "https://evil.example/"])
            #expect(page.location == "/")
            #expect(try await browser.get("/login").contains("<html lang=\"en\""))
        }
    }
}
