import Foundation
import Testing

@testable import App

/// Links with a query string are built by `SiteURL.path(_:)`, never glued by hand (issue 16):
/// every name and value is percent-encoded, so no value can end the query early or start a
/// second parameter, and the reader gets back exactly what was put in.
@Suite("SiteURL's query strings")
struct SiteURLTests {
    @Test("Each value is percent-encoded: a space, '&', '=', '?', '#', '/', '+' and letters beyond ASCII")
    func encodesValues() {
        #expect(SiteURL.courses.path(["next": "/a b?c=d&e#f"]) == "/courses?next=%2Fa%20b%3Fc%3Dd%26e%23f")
        #expect(SiteURL.courses.path(["q": "1+1"]) == "/courses?q=1%2B1")
        #expect(SiteURL.courses.path(["q": "kā zināt"]) == "/courses?q=k%C4%81%20zin%C4%81t")
        // RFC 3986's unreserved characters stay as they are.
        #expect(SiteURL.courses.path(["lang": "lv", "step": "a-b_c.d~e"]) == "/courses?lang=lv&step=a-b_c.d~e")
    }

    @Test("Names are encoded too, the order given is kept, and no query leaves the path alone")
    func namesOrderAndEmpty() {
        #expect(SiteURL.courses.path(["b": "2", "a": "1"]) == "/courses?b=2&a=1")
        #expect(SiteURL.courses.path(["a b": "c"]) == "/courses?a%20b=c")
        #expect(SiteURL.courses.path([:]) == "/courses")
        #expect(SiteURL.withQuery("https://example.org/s/x", ["t": "abc"]) == "https://example.org/s/x?t=abc")
    }

    @Test("What is encoded reads back as it was: Foundation's URLComponents decodes every value")
    func roundTrip() throws {
        let values = ["/courses/x/steps/y?again=1", "a&b=c", "100%", "Ελληνικά ქართული", "tab\there", "#top"]
        for value in values {
            let url = try #require(URLComponents(string: "https://example.org" + SiteURL.login.path(["next": value, "lang": "el"])))
            #expect(url.queryItems?.first { $0.name == "next" }?.value == value, "\(value)")
            #expect(url.queryItems?.count == 2, "\(value): still two parameters")
        }
    }

    @Test("A page that needs a login sends to it with the way back encoded, and signing in returns there")
    func loginRoundTrip() async throws {
        try await withApp { _, ctx in
            let browser = ctx.browser()
            let protected = try await browser.get("/account?tab=data")
            let location = try #require(protected.location)
            #expect(location == "/login?next=%2Faccount", "the path is encoded, whole: \(location)")
            let next = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "next" }?.value)
            try await browser.get(location)
            let signedIn = try await browser.post("/login", form: ["email": Fixtures.leaderA, "password": Fixtures.password, "next": next])
            #expect(signedIn.location == "/account")

            // A path with letters beyond ASCII (a course named in Latvian): the way back is
            // sent as ASCII, every byte encoded, and reads back as the path it was.
            let other = ctx.browser()
            let step = try await other.get("/courses/k%C4%81-vad%C4%ABt/steps/pirmais")
            let back = try #require(step.location)
            let ascii = back.unicodeScalars.allSatisfy(\.isASCII)
            #expect(ascii, "the Location header is ASCII: \(back)")
            // The path is kept as the browser sent it (percent-encoded), and encoded once more
            // as a query value: decoding the value gives that path back, unchanged.
            #expect(back == "/login?next=%2Fcourses%2Fk%25C4%2581-vad%25C4%25ABt%2Fsteps%2Fpirmais", "\(back)")
            let way = try #require(URLComponents(string: back)?.queryItems?.first { $0.name == "next" }?.value)
            #expect(way == "/courses/k%C4%81-vad%C4%ABt/steps/pirmais")
            try await other.get(back)
            let returned = try await other.post("/login", form: ["email": Fixtures.teacherA, "password": Fixtures.password, "next": way])
            #expect(returned.location == way)
        }
    }
}
