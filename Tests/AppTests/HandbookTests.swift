import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Writes a small shipped handbook into a temporary folder, as `Resources/Handbook/` is laid out.
struct ShippedHandbook {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "handbook-" + UUID().uuidString + "/"
        for language in ["en", "lv"] {
            try FileManager.default.createDirectory(atPath: directory + language, withIntermediateDirectories: true)
        }
    }

    func write(
        _ language: String, _ file: String, title: String, summary: String = "What this chapter is for.",
        order: Int, version: Int = 1, sourceVersion: Int? = nil, body: String
    ) throws {
        var text = "---\ntitle: \(title)\nsummary: \(summary)\norder: \(order)\nversion: \(version)\n"
        if let sourceVersion { text += "source-version: \(sourceVersion)\n" }
        text += "---\n\n" + body
        try text.write(toFile: directory + language + "/" + file, atomically: true, encoding: .utf8)
    }

    /// Two chapters: coaching in English and Latvian, intervision in English only.
    static func standard() throws -> ShippedHandbook {
        let shipped = try ShippedHandbook()
        try shipped.write(
            "en", "01-coaching.md", title: "Coaching", order: 1,
            body: "## Purpose\n\nCoaching helps a colleague find their own answers.\n\n## Roles\n\nThe coach asks; the coachee decides.\n")
        try shipped.write(
            "lv", "01-coaching.md", title: "Koučings", summary: "Kam šī nodaļa.", order: 1, sourceVersion: 1,
            body: "## Mērķis\n\nKoučings palīdz kolēģim atrast pašam savas atbildes.\n")
        try shipped.write(
            "en", "02-intervision.md", title: "Intervision", order: 2,
            body: "## Purpose\n\nPeers consult on a case without an outside expert, following a protocol.\n")
        return shipped
    }

    func load(_ app: Application) async throws -> HandbookLibrary.SyncReport {
        try await HandbookLibrary.sync(from: directory, on: app.db, logger: app.logger)
    }
}

@Suite("Handbook")
struct HandbookTests {
    @Test("The shipped handbook: every chapter in English and Latvian, each form chapter with its seven sections, all CommonMark without raw HTML")
    func shippedContent() async throws {
        try await withApp { app, _ in
            let report = try await HandbookLibrary.sync(from: HandbookLibrary.shippedDirectory(app), on: app.db, logger: app.logger)
            #expect(report.problems.isEmpty, "\(report.problems)")
            let chapters = try await HandbookChapter.query(on: app.db).sort(\.$position).all()
            #expect(
                chapters.map(\.slug) == [
                    "introduction", "mentoring", "coaching", "peer-observation", "study-groups",
                    "supervision", "intervision", "consultation", "planning",
                ])
            let texts = try await HandbookText.query(on: app.db).all()
            for chapter in chapters {
                let own = texts.filter { $0.$chapter.id == chapter.id }
                #expect(Set(own.map(\.language)).isSuperset(of: ["en", "lv"]), "\(chapter.slug)")
                #expect(HandbookReading.status(own, language: "lv") == .none, "\(chapter.slug) is not up to date in Latvian")
                for text in own {
                    let rendered = Markdown.render(text.body)
                    #expect(!rendered.html.contains("raw HTML omitted"), "\(text.language)/\(chapter.slug)")
                    #expect(rendered.plainText.split(separator: " ").count > 600, "\(text.language)/\(chapter.slug) is short")
                    if chapter.practice != nil {
                        #expect(rendered.headings.filter { $0.level == 2 }.count == 7, "\(text.language)/\(chapter.slug) sections")
                    }
                }
            }
            // Loading again changes nothing.
            let again = try await HandbookLibrary.sync(from: HandbookLibrary.shippedDirectory(app), on: app.db, logger: app.logger)
            #expect(again.created.isEmpty && again.updated.isEmpty && again.diverged.isEmpty)
        }
    }

    @Test("Visitors read public chapters with sections, previous and next; a members-only chapter sends them to log in")
    func reading() async throws {
        try await withApp { app, ctx in
            _ = try await ShippedHandbook.standard().load(app)
            let visitor = ctx.browser()
            let index = try await visitor.get("/handbook")
            #expect(index.status == .ok)
            #expect(index.contains("href=\"/handbook/coaching\"") && index.contains("href=\"/handbook/intervision\""))
            let chapter = try await visitor.get("/handbook/coaching")
            #expect(chapter.status == .ok)
            #expect(chapter.contains("<h2 id=\"purpose\">Purpose</h2>"))
            #expect(chapter.contains("href=\"#roles\""))
            #expect(chapter.contains("rel=\"next\""))
            #expect(!chapter.contains("Edit this chapter"))
            #expect(try await visitor.get("/handbook/no-such-chapter").status == .notFound)

            let intervision = try await HandbookChapter.query(on: app.db).filter(\.$slug == "intervision").first()!
            intervision.isPublic = false
            try await intervision.save(on: app.db)
            let hidden = try await visitor.get("/handbook/intervision")
            #expect(hidden.status == .seeOther)
            #expect(hidden.location?.hasPrefix("/login") == true)
            #expect(!(try await visitor.get("/handbook")).contains("/handbook/intervision"))
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            let members = try await teacher.get("/handbook/intervision")
            #expect(members.status == .ok && members.contains("Peers consult on a case"), "a member reads the chapter")
        }
    }

    @Test("A Latvian reader sees Latvian where it is translated, and English with a notice where it is missing or out of date")
    func fallback() async throws {
        try await withApp { app, ctx in
            _ = try await ShippedHandbook.standard().load(app)
            let reader = ctx.browser(language: "lv")
            let coaching = try await reader.get("/handbook/coaching")
            #expect(coaching.contains("Koučings palīdz kolēģim"))
            #expect(!coaching.contains("fallback-notice"))
            let intervision = try await reader.get("/handbook/intervision")
            #expect(intervision.contains("Peers consult on a case"))
            #expect(intervision.contains("fallback-notice"))
            #expect(intervision.contains("<article class=\"handbook-chapter\" lang=\"en\""))

            // The English text changes: the Latvian one is now older than its source.
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            let edit = try await coordinator.get("/handbook/coaching/edit?language=en")
            #expect(edit.status == .ok)
            let saved = try await coordinator.post(
                "/handbook/coaching/edit",
                form: [
                    "language": "en", "title": "Coaching", "summary": "What this chapter is for.", "base_revision": "1", "action": "save",
                    "body": "## Purpose\n\nCoaching helps a colleague find their own answers, one question at a time.\n",
                ])
            #expect(saved.status == .seeOther)
            let outdated = try await reader.get("/handbook/coaching")
            #expect(outdated.contains("one question at a time"))
            #expect(outdated.contains("fallback-notice"))

            // The translator brings the Latvian text up to date.
            let translated = try await coordinator.post(
                "/handbook/coaching/edit",
                form: [
                    "language": "lv", "title": "Koučings", "summary": "Kam šī nodaļa.", "base_revision": "1", "action": "save",
                    "translation_current": "1", "body": "## Mērķis\n\nKoučings palīdz kolēģim atrast atbildes, pa vienam jautājumam.\n",
                ])
            #expect(translated.status == .seeOther)
            let current = try await reader.get("/handbook/coaching")
            #expect(current.contains("pa vienam jautājumam"))
            #expect(!current.contains("fallback-notice"))
        }
    }

    @Test("Editing keeps every revision; two can be compared and an earlier one restored; a stale form saves nothing")
    func revisions() async throws {
        try await withApp { app, ctx in
            _ = try await ShippedHandbook.standard().load(app)
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            let form = [
                "language": "en", "title": "Coaching", "summary": "What this chapter is for.", "base_revision": "1",
                "body": "## Purpose\n\nA rewritten purpose.\n", "note": "Shorter purpose",
            ]
            let preview = try await coordinator.post("/handbook/coaching/edit", form: form.merging(["action": "preview"]) { $1 })
            #expect(preview.status == .ok)
            #expect(preview.contains("A rewritten purpose."))
            #expect(try await HandbookRevision.query(on: app.db).filter(\.$language == "en").count() == 2)  // nothing saved by a preview

            #expect(try await coordinator.post("/handbook/coaching/edit", form: form.merging(["action": "save"]) { $1 }).status == .seeOther)
            // The same form again, still based on revision 1: someone (here, we) saved since.
            let stale = try await coordinator.post(
                "/handbook/coaching/edit",
                form: form.merging(["action": "save", "body": "## Purpose\n\nA third text.\n"]) { $1 })
            #expect(stale.status == .conflict)
            #expect(stale.contains("A third text."))
            #expect(!(try await ctx.browser().get("/handbook/coaching")).contains("A third text."))

            let history = try await coordinator.get("/handbook/coaching/history?language=en")
            #expect(history.status == .ok)
            #expect(history.contains("Shorter purpose"))
            #expect(history.contains("/handbook/coaching/history/1/restore"))
            let compare = try await coordinator.get("/handbook/coaching/compare?language=en&from=1&to=2")
            #expect(compare.contains("<h1>Revision 1 compared with revision 2</h1>"))
            // Purpose's sentence replaced (2 lines) and the Roles section gone (4 lines: blank,
            // heading, blank, sentence): what a reader counts, not only that the page answered.
            #expect(compare.contains("6 lines differ."))
            #expect(compare.contains("<span class=\"diff-same\">  ## Purpose\n</span>"), "unchanged lines around a change stay as context")
            #expect(compare.contains("<del class=\"diff-removed\">− ## Roles\n</del>"))
            #expect(compare.contains("<del class=\"diff-removed\">− Coaching helps a colleague find their own answers.\n</del>"))
            #expect(compare.contains("<ins class=\"diff-added\">+ A rewritten purpose.\n</ins>"))

            let restored = try await coordinator.post("/handbook/coaching/history/1/restore", form: ["language": "en"])
            #expect(restored.status == .seeOther)
            let page = try await ctx.browser().get("/handbook/coaching")
            #expect(page.contains("Coaching helps a colleague find their own answers."))
            let numbers = try await HandbookRevision.query(on: app.db).filter(\.$language == "en")
                .join(HandbookChapter.self, on: \HandbookRevision.$chapter.$id == \HandbookChapter.$id)
                .filter(HandbookChapter.self, \.$slug == "coaching").sort(\.$number).all()
            #expect(numbers.map(\.origin) == [.shipped, .edited, .restored])
            #expect(try await coordinator.post("/handbook/coaching/history/99/restore", form: ["language": "en"]).status == .notFound)
            #expect(try await coordinator.get("/handbook/coaching/compare?language=en&from=1&to=99").status == .notFound)
        }
    }

    @Test("Bad input is explained and changes nothing")
    func badInput() async throws {
        try await withApp { app, ctx in
            _ = try await ShippedHandbook.standard().load(app)
            let coordinator = ctx.browser(language: "lv")
            try await coordinator.login(Fixtures.coordinator)
            let empty = try await coordinator.post(
                "/handbook/coaching/edit",
                form: [
                    "language": "en", "title": "  ", "summary": "", "body": "", "base_revision": "1", "action": "save",
                ])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.contains("aria-invalid=\"true\""))
            #expect(!empty.contains("Give the chapter a title."))  // said in Latvian:
            #expect(empty.contains("Ierakstiet nodaļas nosaukumu."))
            #expect(try await coordinator.post("/handbook/coaching/edit", form: ["language": "xx", "title": "A", "body": "B"]).status == .badRequest)
            #expect(try await coordinator.get("/handbook/coaching/edit?language=xx").status == .badRequest)
            // A number that is not one: the newest revision compared with the one before, here
            // the only one with itself, said in Latvian.
            let unreadable = try await coordinator.get("/handbook/coaching/compare?language=en&from=abc")
            #expect(unreadable.status == .ok)
            #expect(unreadable.contains("<h1>1. redakcija salīdzinājumā ar 1. redakciju</h1>"))
            #expect(unreadable.contains("Abas redakcijas ir vienādas."))
            #expect((try await ctx.browser().get("/handbook/coaching")).contains("Coaching helps a colleague"))
        }
    }

    @Test(
        "Only coordinators and admins edit; teachers, leaders and visitors are refused",
        arguments: [
            (Fixtures.teacherA, HTTPStatus.forbidden), (Fixtures.leaderA, .forbidden), (Fixtures.counsellorA, .forbidden),
            (Fixtures.coordinator, .ok), (Fixtures.admin, .ok),
        ])
    func permissions(email: String, status: HTTPStatus) async throws {
        try await withApp { app, ctx in
            _ = try await ShippedHandbook.standard().load(app)
            let browser = ctx.browser()
            try await browser.login(email)
            #expect(try await browser.get("/handbook/coaching/edit").status == status)
            #expect(try await browser.get("/handbook/coaching/history").status == status)
            #expect(try await browser.get("/handbook/translations").status == status)
            let visibility = try await browser.post("/handbook/coaching/visibility", form: ["public": "0"])
            #expect(visibility.status == (status == .ok ? .seeOther : status))
            let chapter = try await HandbookChapter.query(on: app.db).filter(\.$slug == "coaching").first()!
            #expect(chapter.isPublic == (status != .ok))
            let save = try await browser.post(
                "/handbook/coaching/edit",
                form: [
                    "language": "en", "title": "Taken over", "summary": "", "body": "x", "base_revision": "1", "action": "save",
                ])
            #expect(save.status == (status == .ok ? .seeOther : status))
            #expect(try await HandbookText.query(on: app.db).filter(\.$title == "Taken over").count() == (status == .ok ? 1 : 0))
        }
    }

    @Test("A visitor cannot reach the editor: they are sent to log in")
    func visitorEditor() async throws {
        try await withApp { app, ctx in
            _ = try await ShippedHandbook.standard().load(app)
            let visitor = ctx.browser()
            #expect(try await visitor.get("/handbook/coaching/edit").status == .seeOther)
            #expect(try await visitor.get("/handbook/translations").status == .seeOther)
            #expect(try await visitor.post("/handbook/coaching/visibility", form: ["public": "0"]).status == .seeOther)
            #expect(try await HandbookChapter.query(on: app.db).filter(\.$isPublic == false).count() == 0)
        }
    }

    @Test("An upgrade updates untouched chapters, never a local edit, and shows which diverged until an editor chooses")
    func upgrade() async throws {
        try await withApp { app, ctx in
            let shipped = try ShippedHandbook.standard()
            _ = try await shipped.load(app)
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            #expect(
                try await coordinator.post(
                    "/handbook/intervision/edit",
                    form: [
                        "language": "en", "title": "Intervision", "summary": "What this chapter is for.", "base_revision": "1", "action": "save",
                        "body": "## Purpose\n\nOur school's own wording.\n",
                    ]
                ).status == .seeOther)

            try shipped.write(
                "en", "01-coaching.md", title: "Coaching", order: 1, version: 2,
                body: "## Purpose\n\nCoaching, improved in the new release.\n")
            try shipped.write(
                "en", "02-intervision.md", title: "Intervision", order: 2, version: 2,
                body: "## Purpose\n\nIntervision, improved in the new release.\n")
            let report = try await shipped.load(app)
            #expect(report.updated == ["en/coaching"])
            #expect(report.diverged == ["en/intervision"])
            #expect((try await ctx.browser().get("/handbook/coaching")).contains("improved in the new release"))
            #expect((try await ctx.browser().get("/handbook/intervision")).contains("Our school's own wording."))

            let status = try await coordinator.get("/handbook/translations")
            #expect(status.contains("/handbook/intervision/shipped"))
            #expect(status.contains("Out of date"))  // Latvian coaching translates version 1
            #expect(try await coordinator.post("/handbook/intervision/shipped", form: ["language": "en"]).status == .seeOther)
            #expect((try await ctx.browser().get("/handbook/intervision")).contains("improved in the new release"))
            #expect(!(try await coordinator.get("/handbook/translations")).contains("/handbook/intervision/shipped"))
            #expect(try await coordinator.post("/handbook/intervision/shipped", form: ["language": "en"]).status == .notFound)
        }
    }

    @Test("Search finds chapters by the start of words, in the reader's language, title matches first, with marked snippets")
    func search() async throws {
        try await withApp { app, ctx in
            _ = try await ShippedHandbook.standard().load(app)
            let visitor = ctx.browser()
            let results = try await visitor.get("/handbook/search?q=Coach")
            #expect(results.status == .ok)
            #expect(results.contains("<mark>Coaching</mark>"))
            #expect(results.contains("href=\"/handbook/coaching\""))
            #expect(!results.contains("href=\"/handbook/intervision\""))
            // "protocol" is in the intervision text only; "coach" in the coaching title.
            let both = try await visitor.get("/handbook/search?q=colleague")
            #expect(both.contains("href=\"/handbook/coaching\""))
            let none = try await visitor.get("/handbook/search?q=zebra")
            #expect(none.contains("0 chapters found.") && !none.contains("<mark>"))
            // Every word must match.
            #expect(!(try await visitor.get("/handbook/search?q=coaching+zebra")).contains("href=\"/handbook/coaching\""))

            let latvian = try await ctx.browser(language: "lv").get("/handbook/search?q=kolēģ")
            #expect(latvian.contains("href=\"/handbook/coaching\""))
            #expect(latvian.contains("<mark>kolēģim</mark>"))
            // A chapter not translated is found by its English text, as the reader sees it.
            #expect((try await ctx.browser(language: "lv").get("/handbook/search?q=protocol")).contains("href=\"/handbook/intervision\""))

            // Query syntax of either database is just text here.
            for query in [
                "\"", "*", "coach*", "a:b", "NEAR(x y)", "!!&|", "' OR 1=1 --", "½", "Ⅻ", "ﬁ", "İstanbul", "a\u{301}", "١٢٣",
                "AND", "OR NOT", String(repeating: "long", count: 100),
            ] {
                let page = try await visitor.get("/handbook/search?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                #expect(page.status == .ok, "\(query)")
            }
        }
    }

    @Test("Search ranks a title match above a match in the text, and hides members-only chapters from visitors")
    func searchRankingAndVisibility() async throws {
        try await withApp { app, ctx in
            let shipped = try ShippedHandbook()
            try shipped.write(
                "en", "01-planning.md", title: "Planning", order: 1,
                body: "Mentoring is mentioned here once, in passing.\n")
            try shipped.write("en", "02-mentoring.md", title: "Mentoring", order: 2, body: "How to start a programme.\n")
            _ = try await shipped.load(app)
            let results = try await ctx.browser().get("/handbook/search?q=mentoring")
            let first = results.body.range(of: "/handbook/mentoring"), second = results.body.range(of: "/handbook/planning")
            #expect(first != nil && second != nil && first!.lowerBound < second!.lowerBound)

            let mentoring = try await HandbookChapter.query(on: app.db).filter(\.$slug == "mentoring").first()!
            mentoring.isPublic = false
            try await mentoring.save(on: app.db)
            #expect(!(try await ctx.browser().get("/handbook/search?q=mentoring")).contains("href=\"/handbook/mentoring\""))
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect((try await teacher.get("/handbook/search?q=mentoring")).contains("href=\"/handbook/mentoring\""))
        }
    }

    @Test("What an editor writes goes through the sanitiser: no script reaches a reader")
    func sanitisedEdits() async throws {
        try await withApp { app, ctx in
            _ = try await ShippedHandbook.standard().load(app)
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            let body = "## Purpose\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n"
            #expect(
                try await coordinator.post(
                    "/handbook/coaching/edit",
                    form: [
                        "language": "en", "title": "<b>Coaching</b>", "summary": "", "body": body, "base_revision": "1", "action": "save",
                    ]
                ).status == .seeOther)
            let page = try await ctx.browser().get("/handbook/coaching")
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("onerror=alert"))
            #expect(!page.contains("javascript:"))
            #expect(page.contains("&lt;b&gt;Coaching&lt;/b&gt;"))
            #expect(page.contains("<a href=\"\">click</a>"))
        }
    }

    @Test("The print views hold one chapter, or the whole book with one outline")
    func printViews() async throws {
        try await withApp { app, ctx in
            _ = try await ShippedHandbook.standard().load(app)
            let one = try await ctx.browser().get("/handbook/coaching/print")
            #expect(one.status == .ok && one.contains("print-view"))
            #expect(one.contains("<h1>Coaching</h1>"))
            let book = try await ctx.browser().get("/handbook/print")
            #expect(book.contains("id=\"chapter-coaching\"") && book.contains("id=\"chapter-intervision\""))
            #expect(book.contains("<h3 id=\"purpose\">Purpose</h3>"))  // chapter sections one level down
        }
    }

    @Test("API: chapters, one chapter and search, in the language asked for, with the same fallback and permissions")
    func api() async throws {
        try await withApp { app, _ in
            _ = try await ShippedHandbook.standard().load(app)
            let token = try await APITests().issueToken(for: Fixtures.teacherA, on: app)
            let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            try await app.testing().test(.GET, "/api/v1/handbook/chapters?language=lv", headers: headers) { res async throws in
                #expect(res.status == .ok)
                let list = try res.content.decode([HandbookAPIController.ChapterSummary].self)
                #expect(list.map(\.slug) == ["coaching", "intervision"])
                #expect(list.map(\.fallback) == ["none", "missing"])
                #expect(list.map(\.language) == ["lv", "en"])
            }
            try await app.testing().test(.GET, "/api/v1/handbook/chapters/coaching", headers: headers) { res async throws in
                let chapter = try res.content.decode(HandbookAPIController.Chapter.self)
                #expect(chapter.headings.map(\.anchor) == ["purpose", "roles"])
                #expect(chapter.html.contains("<h2 id=\"purpose\">"))
                #expect(chapter.markdown.hasPrefix("## Purpose"))
            }
            try await app.testing().test(.GET, "/api/v1/handbook/search?q=protocol&language=lv", headers: headers) { res async throws in
                let hits = try res.content.decode([HandbookAPIController.SearchHit].self)
                #expect(hits.map(\.slug) == ["intervision"])
                #expect(hits.first?.snippet.filter(\.match).map(\.text) == ["protocol"])
            }
            try await app.testing().test(.GET, "/api/v1/handbook/search", headers: headers) { res async throws in #expect(res.status == .badRequest) }
            try await app.testing().test(.GET, "/api/v1/handbook/chapters?language=xx", headers: headers) { res async throws in
                #expect(res.status == .badRequest)
            }
            try await app.testing().test(.GET, "/api/v1/handbook/chapters/nothing", headers: headers) { res async throws in #expect(res.status == .notFound) }
            try await app.testing().test(.GET, "/api/v1/handbook/chapters") { res async throws in #expect(res.status == .unauthorized) }
        }
    }
}
