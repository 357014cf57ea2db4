import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue 15, point 10: `HTMLEscape.text` is the one escaper of HTML built by hand rather than
/// through Plot: the course page's step list (built as a string for speed) and the survey
/// report's SVG charts. (Markdown's heading anchors use it too, but an anchor holds only
/// letters, digits and hyphens, so nothing there can show a change to it.) A mutant without
/// its `<` case passed every test, because nothing stored `<` where those pages show it.
/// `AttributeEscapingTests` covers attributes written through Plot; this is the text (and the
/// few attributes) these two places write themselves.
///
/// Each check says which mistake it catches: markup (`<x` reaching the page), the text a
/// reader is shown (references decoded once, as a browser does: a lost `&` turns the typed
/// `&lt;y&gt;` into `<y>`, a lost `"` ends an attribute early), and the exact escaped form
/// (a lost `>` or `'` is harmless in text and in double-quoted attributes, so only the
/// form shows it; it is pinned because these places promise all five, like Plot's attributes).
@Suite("Text in hand-built HTML is escaped")
struct HandBuiltHTMLEscapingTests {
    static let payload = "<x>\"'&>&lt;y&gt;"
    static let escaped = "&lt;x&gt;&quot;&#39;&amp;&gt;&amp;lt;y&amp;gt;"

    /// The text a browser shows for escaped HTML: the five references `HTMLEscape` writes,
    /// decoded in one pass.
    static func shown(_ html: Substring) -> String {
        String(html).replacing(/&(lt|gt|quot|#39|amp);/) { match in
            switch match.1 {
            case "lt": "<"
            case "gt": ">"
            case "quot": "\""
            case "#39": "'"
            default: "&"
            }
        }
    }

    /// What stands between each `open` and the next `close` on a page.
    static func fragments(_ body: String, after open: String, until close: String) -> [Substring] {
        var found: [Substring] = []
        var rest = body[...]
        while let start = rest.range(of: open) {
            let after = rest[start.upperBound...]
            guard let end = after.range(of: close) else { break }
            found.append(after[..<end.lowerBound])
            rest = after[end.upperBound...]
        }
        return found
    }

    static func expectNoMarkup(_ body: String, _ page: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!body.contains("<x") && !body.contains("<y"), "\(page): the stored text is written as markup", sourceLocation: sourceLocation)
    }

    @Test("A step title with markup characters is shown as typed in the step list: to a visitor, a learner, and in another language")
    func courseStepList() async throws {
        try await withApp { app, ctx in
            var document = CourseTests.document()
            // English only, so that a Latvian reader gets it with lang="en" beside it.
            document.sections[0].activities[0].title = ["en": "Why " + Self.payload]
            try await CourseLibrary.sync(document, on: app.db)
            let title = "Why " + Self.payload

            let visitor = try await ctx.browser().get(CourseTests.path)
            #expect(visitor.status == .ok)
            Self.expectNoMarkup(visitor.body, "the course page of a visitor")
            #expect(
                Self.fragments(visitor.body, after: "<span>", until: "</span>").map(Self.shown).contains(title),
                "a visitor reads the step title as it was typed")
            #expect(visitor.contains("<span>Why " + Self.escaped + "</span>"))

            let latvian = try await ctx.browser(language: "lv").get(CourseTests.path)
            Self.expectNoMarkup(latvian.body, "the course page in Latvian")
            #expect(Self.fragments(latvian.body, after: "<span lang=\"en\">", until: "</span>").map(Self.shown).contains(title))
            #expect(latvian.contains("<span lang=\"en\">Why " + Self.escaped + "</span>"))

            let learner = try await CourseTests.enrolled(ctx, app)
            let page = try await learner.get(CourseTests.path)
            Self.expectNoMarkup(page.body, "the course page of a learner")
            let link = "<a href=\"/courses/test-course/steps/read\">"
            #expect(
                Self.fragments(page.body, after: link, until: "</a>").map(Self.shown) == [title],
                "the learner's link to the step reads as typed")
            #expect(page.contains(link + "Why " + Self.escaped + "</a>"))
        }
    }

    @Test("A question and an option with markup characters are shown as typed in the report's chart: its labels, title and spoken description")
    func surveyChart() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let created = try await leader.post(
                "/surveys", form: ["scope": "school:\(ctx.fixtures.schoolA)", "title": "Chart", "language": "en", "template": ""])
            let path = try #require(created.location)
            #expect(try await leader.post(path + "/sections", form: ["section_title": "One"]).status == .seeOther)
            #expect(
                try await leader.post(
                    path + "/questions",
                    form: [
                        "section": "0", "kind": "single_choice", "variable": "pick", "text": "Pick " + Self.payload, "required": "1",
                        "options": "Yes " + Self.payload + "\nNo",
                    ]
                ).status == .seeOther)
            #expect(try await leader.post(path + "/publish", form: ["anonymous": "1"]).status == .seeOther)
            let survey = try #require(try await Survey.query(on: app.db).first())
            // Five answers, the fewest the report shows figures (and so a chart) for.
            for _ in 0..<5 {
                let visitor = ctx.browser()
                let base = "/s/\(survey.slug)"
                #expect(try await visitor.post(base + "/start").location == base + "/1")
                let sent = try await visitor.post(base + "/1", form: ["pick": "1", "action": "send", "submission": UUID().uuidString])
                #expect(sent.location == base + "/thanks")
            }
            #expect(try await leader.post(path + "/close").status == .seeOther)

            let report = try await leader.get(path + "/report")
            #expect(report.status == .ok)
            Self.expectNoMarkup(report.body, "the survey report")
            let svg = try #require(
                Self.fragments(report.body, after: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"", until: "</svg>").first,
                "the report draws a chart")
            let body = String(svg)
            #expect(Self.fragments(body, after: "class=\"chart-label\">", until: "</text>").map(Self.shown) == ["Yes " + Self.payload, "No"])
            #expect(Self.fragments(body, after: "<title>", until: "</title>").map(Self.shown) == ["Pick " + Self.payload])
            // The description a screen reader speaks; a quote left raw would end it early.
            #expect(
                Self.fragments(body, after: "aria-label=\"", until: "\"").map(Self.shown)
                    == ["Pick " + Self.payload + ". Yes " + Self.payload + ": 5; No: 0"])
            #expect(body.contains("class=\"chart-label\">Yes " + Self.escaped + "</text>"))
            #expect(body.contains("<title>Pick " + Self.escaped + "</title>"))
        }
    }
}
