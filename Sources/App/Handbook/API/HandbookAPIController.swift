import Domain
import Fluent
import Vapor

/// `/api/v1/handbook`: the chapters and search, as the pages show them, in the language
/// asked for with `?language=` (default English), with the same fallback to English.
struct HandbookAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let handbook = routes.grouped("handbook")
        handbook.get("chapters", use: chapters)
        handbook.get("chapters", ":slug", use: chapter)
        handbook.get("search", use: search)
    }

    struct ChapterSummary: Content {
        var slug: String
        var position: Int
        var title: String
        var summary: String
        /// The language of `title`, `summary` (and the text): the one asked for, or `en`.
        var language: String
        /// `none`, `missing` (no translation) or `outdated` (older than the English text).
        var fallback: String
        var isPublic: Bool
        var practice: String?
    }

    struct Heading: Content {
        var level: Int
        var text: String
        var anchor: String
    }

    struct Chapter: Content {
        var chapter: ChapterSummary
        var version: Int
        var markdown: String
        /// The sanitised HTML the pages show.
        var html: String
        var headings: [Heading]
    }

    struct SearchHit: Content {
        var slug: String
        var title: String
        /// A passage around the first match; `match` marks the words that matched.
        var snippet: [Piece]
        struct Piece: Content {
            var text: String
            var match: Bool
        }
    }

    static func language(_ req: Request) throws -> String {
        guard let raw = try? req.query.get(String.self, at: "language") else { return HandbookReading.source }
        guard let language = Language(rawValue: raw) else {
            throw Abort(.badRequest, reason: "language must be one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return language.rawValue
    }

    static func summary(_ entry: HandbookBook.Entry) -> ChapterSummary {
        ChapterSummary(
            slug: entry.chapter.slug, position: entry.chapter.position, title: entry.text.title, summary: entry.text.summary,
            language: entry.text.language, fallback: "\(entry.fallback)", isPublic: entry.chapter.isPublic,
            practice: entry.chapter.practice)
    }

    func chapters(req: Request) async throws -> [ChapterSummary] {
        _ = try req.requireAPIUser()
        let book = try await HandbookBook.load(language: try Self.language(req), includePrivate: try await req.mayReadPrivateHandbook(), on: req.db)
        return book.entries.map(Self.summary)
    }

    func chapter(req: Request) async throws -> Chapter {
        _ = try req.requireAPIUser()
        let language = try Self.language(req)
        let chapter = try await req.readableChapter()
        let book = try await HandbookBook.load(
            language: language, includePrivate: try await req.mayReadPrivateHandbook(),
            slugs: [chapter.slug], on: req.db)
        guard let entry = book.entries.first else { throw Abort(.notFound) }
        let rendered = Markdown.render(entry.text.body)
        return Chapter(
            chapter: Self.summary(entry), version: entry.text.version, markdown: entry.text.body, html: rendered.html,
            headings: rendered.headings.map { Heading(level: $0.level, text: $0.text, anchor: $0.anchor) })
    }

    func search(req: Request) async throws -> [SearchHit] {
        _ = try req.requireAPIUser()
        guard let query = try? req.query.get(String.self, at: "q"), !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Abort(.badRequest, reason: "q (the words to search for) is required")
        }
        let results = try await HandbookResults.find(
            query, language: try Self.language(req), includePrivate: try await req.mayReadPrivateHandbook(), on: req.db)
        return results.map { result in
            SearchHit(slug: result.slug, title: result.title, snippet: result.snippet.map { .init(text: $0.0, match: $0.1) })
        }
    }
}
