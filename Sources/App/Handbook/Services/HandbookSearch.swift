import Domain
import Fluent
import Foundation
import SQLKit

/// Full-text search over the handbook, with the same behaviour on both databases: each
/// language has its own rows holding what a reader of that language sees (the
/// translation, or the English text where there is none or it is out of date); words are
/// prepared by `SearchText` before they reach the database; every query word must match
/// the start of a word; a match in the title counts more than one in the text.
/// SQLite: an FTS5 table ranked by `bm25`. PostgreSQL: a `tsvector` with a GIN index,
/// ranked by `ts_rank`. Snippets are cut here, the same way for both.
enum HandbookSearch {
    struct Hit: Sendable {
        var slug: String
        var plain: String
    }

    /// Rewrites the rows of one chapter (all languages), after any change to its texts.
    static func reindex(_ chapter: HandbookChapter, texts: [HandbookText], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.delete(from: "handbook_search").where("slug", .equal, chapter.slug).run()
        for language in Language.allCases {
            guard let text = HandbookReading.displayed(texts, language: language.rawValue).text else { continue }
            try await insert(slug: chapter.slug, language: language.rawValue, title: text.title, body: text.body, on: sql)
        }
    }

    static func insert(slug: String, language: String, title: String, body: String, on sql: any SQLDatabase) async throws {
        let plain = Markdown.render(body, anchors: false).plainText
        let titleWords = SearchText.normalize(title), bodyWords = SearchText.normalize(plain)
        if sql.dialect.name == "sqlite" {
            try await sql.raw(
                """
                INSERT INTO handbook_search (slug, language, title, body, plain)
                VALUES (\(bind: slug), \(bind: language), \(bind: titleWords), \(bind: bodyWords), \(bind: plain))
                """
            ).run()
        } else {
            try await sql.raw(
                """
                INSERT INTO handbook_search (slug, language, title, body, plain, document)
                VALUES (\(bind: slug), \(bind: language), \(bind: titleWords), \(bind: bodyWords), \(bind: plain),
                        setweight(to_tsvector('simple', \(bind: titleWords)), 'A') || setweight(to_tsvector('simple', \(bind: bodyWords)), 'D'))
                """
            ).run()
        }
    }

    /// The chapters matching every word of `terms` in `language`, best first. Without
    /// `includePrivate`, only public chapters.
    static func search(terms: [String], language: String, includePrivate: Bool, limit: Int = 20, on db: any Database) async throws -> [Hit] {
        guard !terms.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        let visibility = includePrivate ? "" : "AND c.is_public = \(sql.dialect.name == "sqlite" ? "1" : "TRUE")"
        let rows: [any SQLRow]
        // The best matches are chosen first by slug and rank alone; only those few rows'
        // text is then read (reading every match's text before sorting was most of the time).
        if sql.dialect.name == "sqlite" {
            // FTS5 query syntax: each term quoted (it holds letters and digits only) and
            // marked as a prefix; terms side by side must all match.
            let match = terms.map { "\"\($0)\"*" }.joined(separator: " ")
            rows = try await sql.raw(
                """
                WITH top AS (
                    SELECT handbook_search.rowid AS id, bm25(handbook_search, 0.0, 0.0, 10.0, 1.0, 0.0) AS rank, c.position AS position
                    FROM handbook_search JOIN handbook_chapters c ON c.slug = handbook_search.slug
                    WHERE handbook_search MATCH \(bind: match) AND handbook_search.language = \(bind: language) \(unsafeRaw: visibility)
                    ORDER BY rank, position LIMIT \(literal: limit))
                SELECT s.slug AS slug, s.plain AS plain FROM top JOIN handbook_search s ON s.rowid = top.id
                ORDER BY top.rank, top.position
                """
            ).all()
        } else {
            let query = terms.map { "\($0):*" }.joined(separator: " & ")
            rows = try await sql.raw(
                """
                WITH top AS (
                    SELECT s.slug, s.language, ts_rank(s.document, q) AS rank, c.position
                    FROM handbook_search s JOIN handbook_chapters c ON c.slug = s.slug, to_tsquery('simple', \(bind: query)) q
                    WHERE s.document @@ q AND s.language = \(bind: language) \(unsafeRaw: visibility)
                    ORDER BY rank DESC, c.position LIMIT \(literal: limit))
                SELECT s.slug, s.plain FROM top JOIN handbook_search s ON s.slug = top.slug AND s.language = top.language
                ORDER BY top.rank DESC, top.position
                """
            ).all()
        }
        return try rows.map { Hit(slug: try $0.decode(column: "slug", as: String.self), plain: try $0.decode(column: "plain", as: String.self)) }
    }
}
