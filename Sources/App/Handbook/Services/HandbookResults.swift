import Domain
import Fluent
import Foundation

/// A search of the handbook as both faces show it (the search page and `GET /api/v1/handbook/search`):
/// chapters in the reader's language, best first, each with its title and a snippet.
enum HandbookResults {
    struct Result {
        var slug: String
        var title: String
        /// The snippet's pieces: (text, whether it is a match of the query).
        var snippet: [(String, Bool)]
    }

    /// Results in `language`; a query longer than 200 characters is cut there.
    static func find(_ query: String, language: String, includePrivate: Bool, on db: any Database) async throws -> [Result] {
        let terms = SearchText.queryTerms(String(query.prefix(200)))
        guard !terms.isEmpty else { return [] }
        let hits = try await HandbookSearch.search(terms: terms, language: language, includePrivate: includePrivate, on: db)
        let book = try await HandbookBook.load(language: language, includePrivate: true, slugs: hits.map(\.slug), on: db)
        let titles = Dictionary(book.entries.map { ($0.chapter.slug, $0.text.title) }, uniquingKeysWith: { a, _ in a })
        return hits.map { Result(slug: $0.slug, title: titles[$0.slug] ?? $0.slug, snippet: SearchText.snippet($0.plain, terms: terms)) }
    }
}
