import Domain
import Fluent
import Vapor

/// Reading the handbook: contents, chapters, print views and search. Public chapters are
/// open to visitors; the rest to anyone signed in (see `Policy`).
struct HandbookController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.handbook.pathComponents, use: index)
        routes.get(SiteURL.handbookSearch.pathComponents, use: search)
        routes.get(SiteURL.handbookPrint.pathComponents, use: printBook)
        routes.get(SiteURL.handbookChapter(.key).pathComponents, use: chapter)
        routes.get(SiteURL.handbookChapterPrint(.key).pathComponents, use: printChapter)
    }

    func index(req: Request) async throws -> Response {
        let book = try await HandbookBook.load(
            language: req.localizer.language.rawValue,
            includePrivate: try await req.mayReadPrivateHandbook(), on: req.db)
        return req.render(HandbookIndexPage.view(req.pageContext(), book: book, mayEdit: try await req.mayEditHandbook()))
    }

    func chapter(req: Request) async throws -> Response {
        let chapter = try await req.readableChapter()
        guard
            let (book, position) = try await HandbookBook.around(
                chapter.slug, language: req.localizer.language.rawValue,
                includePrivate: try await req.mayReadPrivateHandbook(), on: req.db)
        else { throw Abort(.notFound) }
        return req.render(
            HandbookChapterPage.view(
                req.pageContext(), book: book, position: position,
                mayEdit: try await req.mayEditHandbook()))
    }

    func printChapter(req: Request) async throws -> Response {
        let chapter = try await req.readableChapter()
        let book = try await HandbookBook.load(
            language: req.localizer.language.rawValue,
            includePrivate: try await req.mayReadPrivateHandbook(), slugs: [chapter.slug], on: req.db)
        guard let entry = book.entries.first else { throw Abort(.notFound) }
        return req.render(HandbookPrintPage.view(req.pageContext(), entries: [entry], wholeBook: false))
    }

    func printBook(req: Request) async throws -> Response {
        let book = try await HandbookBook.load(
            language: req.localizer.language.rawValue,
            includePrivate: try await req.mayReadPrivateHandbook(), on: req.db)
        return req.render(HandbookPrintPage.view(req.pageContext(), entries: book.entries, wholeBook: true))
    }

    func search(req: Request) async throws -> Response {
        let query = (try? req.query.get(String.self, at: "q")) ?? ""
        let language = req.localizer.language.rawValue
        let results = try await HandbookResults.find(query, language: language, includePrivate: try await req.mayReadPrivateHandbook(), on: req.db)
        return req.render(HandbookSearchPage.view(req.pageContext(), query: query, results: results))
    }
}
