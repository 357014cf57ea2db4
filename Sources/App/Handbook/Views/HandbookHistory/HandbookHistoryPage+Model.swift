import Domain
import Fluent
import Foundation

/// Every revision of a chapter in one language, to compare or restore.
enum HandbookHistoryPage {
    struct Row {
        var number: Int
        var title: String
        var summary: String
        var body: String
        var origin: HandbookRevision.Origin
        var note: String
        var author: String?
        var createdAt: Date?
    }

    struct Model {
        var chapter: HandbookChapter
        var language: Domain.Language
        var title: String
        /// Newest first.
        var revisions: [Row]

        static func load(_ chapter: HandbookChapter, language: Domain.Language, on db: any Database) async throws -> Model {
            let revisions = try await HandbookRevision.query(on: db).filter(\.$chapter.$id == chapter.requireID())
                .filter(\.$language == language.rawValue).with(\.$author).sort(\.$number, .descending).all()
            let texts = try await HandbookText.query(on: db).filter(\.$chapter.$id == chapter.requireID()).all()
            let title = HandbookReading.displayed(texts, language: language.rawValue).text?.title ?? chapter.slug
            return Model(
                chapter: chapter, language: language, title: title,
                revisions: revisions.map {
                    Row(
                        number: $0.number, title: $0.title, summary: $0.summary, body: $0.body, origin: $0.origin, note: $0.note,
                        author: $0.author?.fullName, createdAt: $0.createdAt)
                })
        }
    }
}
