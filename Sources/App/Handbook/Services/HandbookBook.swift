import Domain
import Fluent
import Foundation
import Vapor

/// The handbook as one reader sees it: the chapters they may read, in order, each with the
/// text shown in their language.
struct HandbookBook {
    struct Entry {
        var chapter: HandbookChapter
        var texts: [HandbookText]
        var text: HandbookText
        var fallback: HandbookReading.Fallback
    }

    var entries: [Entry]

    /// The book, or (with `slugs`) only those of its chapters: texts are loaded only for the
    /// chapters asked for, so a chapter page or a page of search results does not read
    /// every chapter's text.
    static func load(language: String, includePrivate: Bool, slugs: [String]? = nil, on db: any Database) async throws -> HandbookBook {
        var query = HandbookChapter.query(on: db).sort(\.$position).sort(\.$slug)
        if !includePrivate { query = query.filter(\.$isPublic == true) }
        if let slugs { query = query.filter(\.$slug ~~ slugs) }
        let chapters = try await query.all()
        let texts = try await HandbookText.query(on: db).filter(\.$chapter.$id ~~ chapters.compactMap(\.id)).all()
        let byChapter = Dictionary(grouping: texts, by: { $0.$chapter.id })
        return HandbookBook(
            entries: chapters.compactMap { chapter in
                let own = byChapter[chapter.id ?? UUID()] ?? []
                let shown = HandbookReading.displayed(own, language: language)
                return shown.text.map { Entry(chapter: chapter, texts: own, text: $0, fallback: shown.fallback) }
            })
    }

    func index(of slug: String) -> Int? { entries.firstIndex { $0.chapter.slug == slug } }

    /// A chapter with the chapters just before and after it (for previous / next), reading
    /// only those three chapters' texts.
    static func around(_ slug: String, language: String, includePrivate: Bool, on db: any Database) async throws -> (book: HandbookBook, position: Int)? {
        var query = HandbookChapter.query(on: db).sort(\.$position).sort(\.$slug)
        if !includePrivate { query = query.filter(\.$isPublic == true) }
        let order = try await query.all().map(\.slug)
        guard let at = order.firstIndex(of: slug) else { return nil }
        let book = try await load(
            language: language, includePrivate: includePrivate,
            slugs: Array(order[max(0, at - 1)...min(order.count - 1, at + 1)]), on: db)
        return book.index(of: slug).map { (book, $0) }
    }
}

extension Request {
    /// Whether the person may read chapters that are not public (anyone signed in).
    func mayReadPrivateHandbook() async throws -> Bool {
        Policy.allows(try await principal(), .readHandbook, .handbook(isPublic: false))
    }

    func mayEditHandbook() async throws -> Bool {
        Policy.allows(try await principal(), .editHandbook, .handbook(isPublic: true))
    }

    /// The chapter named in the path, if this person may read it; a visitor asking for a
    /// chapter that is not public is sent to log in.
    func readableChapter() async throws -> HandbookChapter {
        guard let slug = parameters.get(SiteURL.slugKey),
            let chapter = try await HandbookChapter.query(on: db).filter(\.$slug == slug).first()
        else { throw Abort(.notFound) }
        if !Policy.allows(try await principal(), .readHandbook, .handbook(isPublic: chapter.isPublic)) {
            _ = try requireUser()
            throw Abort(Policy.denialStatus(try await principal(), .handbook(isPublic: chapter.isPublic)))
        }
        return chapter
    }
}
