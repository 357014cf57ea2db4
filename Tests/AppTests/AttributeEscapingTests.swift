import Fluent
import Foundation
import Plot
import SQLKit
import Testing
import Vapor

@testable import App

/// Issue 14, class 7: text that one person types must never become markup on another
/// person's page, in attributes (`value`, `href`, `content`, `aria-label`, …) as in text.
/// The escaping lives in the vendored Plot's attribute renderer (Sources/Plot/README.md);
/// these tests render `"'><x>&` through every field that reaches a page.
@Suite("Attribute values are escaped everywhere")
struct AttributeEscapingTests {
    static let payload = "\"'><x>&"
    static let encoded = "%22%27%3E%3Cx%3E%26"

    @Test("Plot writes an attribute value with every special character escaped, titles' meta tags included")
    func plotEscapesAttributes() {
        let html = HTML(
            .head(.title(Self.payload)),
            .body(
                .a(.href("/search?q=" + Self.payload), .text("link")),
                .input(.name("n"), .value(Self.payload)),
                .div(.attribute(named: "aria-label", value: Self.payload))
            )
        ).render()
        #expect(!html.contains("<x>"))
        #expect(!html.contains("'>"))
        #expect(html.contains("value=\"&quot;&#39;&gt;&lt;x&gt;&amp;\""))
        #expect(html.contains("content=\"&quot;&#39;&gt;&lt;x&gt;&amp;\""), "the title's <meta> copies are escaped too")
        // An entity-looking value is the user's text, not markup: its & is escaped as well.
        #expect(Node<HTML.BodyContext>.a(.href("?a=1&amp;b=2")).render() == "<a href=\"?a=1&amp;amp;b=2\"></a>")
    }

    @Test("The demo with the payload in every name, title, place and link: no page of any role shows it as markup")
    func everyPageOfTheDemo() async throws {
        try await withApp { app, ctx in
            try await HandbookLibrary.loadShipped(app)
            try await CourseLibrary.loadShipped(app)
            _ = try await DemoData.seed(on: app.db, hasher: app.password.sync, questionnaires: app.questionnaireTranslations)
            try await DemoCourses.seed(app, now: ctx.clock.now)
            try await Self.plantPayload(app)

            var visited = 0
            let people: [String?] = [
                nil, "admin@collegium.example", "coordinator@collegium.example",
                "ilze.berzina@riga.collegium.example", "janis.ozols@riga.collegium.example",
                "liga.kalnina@riga.collegium.example", "inese.vitola@valmiera.collegium.example",
            ]
            for person in people {
                let browser = ctx.browser()
                if let person {
                    let login = try await browser.login(person, password: DemoData.password)
                    #expect(login.status == .seeOther, "demo login \(person)")
                }
                visited += try await Self.crawl(browser, who: person ?? "visitor")
            }
            #expect(visited > 150, "the crawl reached \(visited) pages")
        }
    }

    /// Appends the payload to every text that people type and other people see as a name,
    /// title, place or link (not to Markdown bodies or JSON columns, which have their own
    /// renderer and structure).
    static func plantPayload(_ app: Application) async throws {
        let sql = try #require(app.db as? any SQLDatabase)
        let columns: [(String, [String])] = [
            ("users", ["given_name", "family_name"]),
            ("networks", ["name"]),
            ("schools", ["name", "city"]),
            ("practice_engagements", ["topic"]),
            ("practice_groups", ["purpose"]),
            ("practice_meetings", ["place", "online_link", "agenda"]),
            ("practice_help_requests", ["question"]),
            ("practice_case_sessions", ["title"]),
            ("practice_school_protocols", ["name"]),
            ("surveys", ["title"]),
            ("mentoring_programmes", ["name", "goal"]),
            ("course_cohorts", ["name"]),
            ("course_reviews", ["title", "provider", "url"]),
            ("course_credentials", ["recipient_name", "course_title"]),
            ("handbook_texts", ["title", "summary"]),
            ("practice_notes", ["text"]),
        ]
        for (table, fields) in columns {
            for field in fields {
                try await sql.raw("UPDATE \(ident: table) SET \(ident: field) = \(ident: field) || \(bind: payload)").run()
            }
        }
    }

    /// Follows every same-site link from the home page (GET only, at most 260 pages per
    /// person), and each of the first pages again with the payload in its query string.
    /// Returns how many HTML pages were checked.
    static func crawl(_ browser: Browser, who: String) async throws -> Int {
        var queue = [
            "/", "/handbook", "/courses", "/support", "/surveys", "/mentoring", "/wellbeing", "/account",
            "/handbook/search?q=" + encoded, "/login?next=" + encoded, "/password/reset/" + encoded,
            "/invitations/" + encoded, "/s/demo-needs-survey-2026?t=" + encoded,
            "/support/groups/new?kind=study&course=" + encoded + "&school=" + encoded,
            "/courses/elsewhere?form=" + encoded,
        ]
        var seen = Set(queue)
        var checked = 0
        while !queue.isEmpty, seen.count < 260 {
            let path = queue.removeFirst()
            let page = try await browser.get(path)
            guard page.headers.contentType?.subType == "html" else { continue }
            checked += 1
            #expect(!page.body.contains("<x>"), "\(who): \(path) writes the payload as markup")
            #expect(!page.body.contains("'><"), "\(who): \(path) closes an attribute with the payload")
            #expect(page.status != .internalServerError, "\(who): \(path) answers 500")
            for link in links(in: page.body) where !seen.contains(link) {
                seen.insert(link)
                queue.append(link)
                if checked < 40 {
                    let probe = link + (link.contains("?") ? "&" : "?") + "probe=" + encoded
                    if !seen.contains(probe) { seen.insert(probe); queue.append(probe) }
                }
            }
        }
        return checked
    }

    /// Same-site links of a page, with the escaping of `&` undone.
    static func links(in html: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "href=\"/") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            let link = "/" + after[..<end].replacingOccurrences(of: "&amp;", with: "&")
            rest = after[end...]
            if link.hasPrefix("//") || link.contains("#") || link.hasPrefix("/css/") || link.hasPrefix("/js/") { continue }
            if link.hasSuffix(".svg") || link.hasSuffix(".png") { continue }
            found.append(link)
        }
        return found
    }
}
