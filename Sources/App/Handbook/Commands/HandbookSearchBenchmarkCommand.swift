import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// `collegium bench-handbook-search [--chapters 1000] [--runs 50]`: fills a throwaway
/// database with a handbook of that many chapters (the shipped chapters' text, varied),
/// then times searches as a reader makes them (common and rare words, several words,
/// word beginnings) in English and Latvian, and prints the median and slowest time per
/// query. Run it through `benchmarks/handbook-search`, never against a real database.
struct HandbookSearchBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "chapters") var chapters: Int?
        @Option(name: "runs") var runs: Int?
        init() {}
    }

    var help: String { "Times handbook search over a large synthetic handbook (benchmark)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let count = signature.chapters ?? 1000, runs = signature.runs ?? 50
        try await SchemaSetup.migrate(app)
        guard let sql = app.db as? any SQLDatabase else { return }
        let shipped = try await HandbookLibrary.sync(from: HandbookLibrary.shippedDirectory(app), on: app.db, logger: app.logger)
        let texts = try await HandbookText.query(on: app.db).all()
        let english = texts.filter { $0.language == "en" }, latvian = texts.filter { $0.language == "lv" }
        guard !english.isEmpty else { context.console.print("no shipped chapters found"); return }

        let fill = Date()
        let existing = try await HandbookChapter.query(on: app.db).count()
        for i in existing..<count {
            let slug = "bench-\(i)"
            try await HandbookChapter(slug: slug, position: 100 + i, practice: nil, isPublic: i % 10 != 0).save(on: app.db)
            // Each chapter: a shipped chapter's text with a word of its own, so that rare
            // words exist as well as the handbook's common vocabulary.
            let source = english[i % english.count]
            try await HandbookSearch.insert(
                slug: slug, language: "en", title: "\(source.title) \(i)",
                body: source.body + "\n\nCase note \(i): theme\(i) ", on: sql)
            let translation = latvian[i % latvian.count]
            try await HandbookSearch.insert(
                slug: slug, language: "lv", title: "\(translation.title) \(i)",
                body: translation.body + "\n\nPiezīme \(i): tēma\(i) ", on: sql)
        }
        let rows = try await sql.raw("SELECT COUNT(*) AS n FROM handbook_search").first()?.decode(column: "n", as: Int.self) ?? 0
        context.console.print(
            "handbook of \(count) chapters (\(rows) search rows, \(shipped.created.count) shipped texts) filled in \(String(format: "%.1f", Date().timeIntervalSince(fill))) s"
        )

        let queries: [(String, String)] = [
            ("en", "colleague"), ("en", "observation protocol"), ("en", "mentor"), ("en", "feedback questions"),
            ("en", "theme517"), ("en", "the"), ("lv", "kolēģ"), ("lv", "mentorings"), ("lv", "tēma42"), ("lv", "atbalsts skolā"),
        ]
        var all: [Double] = []
        for (language, query) in queries {
            var timings: [Double] = []
            var found = 0
            for _ in 0..<runs {
                let start = DispatchTime.now().uptimeNanoseconds
                let hits = try await HandbookSearch.search(terms: SearchText.queryTerms(query), language: language, includePrivate: false, on: app.db)
                let snippets = hits.map { SearchText.snippet($0.plain, terms: SearchText.queryTerms(query)) }
                timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
                found = snippets.count
            }
            timings.sort()
            all += timings
            context.console.print(
                String(
                    format: "  %@ %-22@ median %6.1f ms, slowest %6.1f ms (%d results shown)",
                    language, "“\(query)”" as NSString, timings[timings.count / 2], timings.last!, found))
        }
        all.sort()
        context.console.print(
            String(
                format: "handbook search over %d chapters: median %.1f ms, 95th percentile %.1f ms, slowest %.1f ms over %d searches (goal: under 50 ms)",
                count, all[all.count / 2], all[all.count * 95 / 100], all.last!, all.count))
    }
}
