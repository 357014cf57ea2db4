import Domain
import Fluent
import Foundation

/// Editing a chapter in one language: Markdown with a preview, and the English source
/// beside a translation.
enum HandbookEditPage {
    struct Draft {
        var title: String
        var summary: String
        var body: String
        var note: String
        var translationCurrent: Bool
        var baseRevision: Int
    }

    struct Model {
        var chapter: HandbookChapter
        var language: Domain.Language
        var text: HandbookText?
        var english: HandbookText?
        /// The number of the newest revision in this language (0: none yet).
        var latestRevision: Int
        var draft: Draft?
        var errors: [String: String] = [:]
        var preview = false
        var conflict = false

        static func load(_ chapter: HandbookChapter, language: Domain.Language, on db: any Database) async throws -> Model {
            let texts = try await HandbookText.query(on: db).filter(\.$chapter.$id == chapter.requireID()).all()
            let latest = try await HandbookRevision.query(on: db).filter(\.$chapter.$id == chapter.requireID())
                .filter(\.$language == language.rawValue).sort(\.$number, .descending).first()
            return Model(
                chapter: chapter, language: language, text: texts.first { $0.language == language.rawValue },
                english: texts.first { $0.language == HandbookReading.source }, latestRevision: latest?.number ?? 0)
        }

        var isTranslation: Bool { language.rawValue != HandbookReading.source }

        /// What the form shows: the draft being worked on, else the current text, else (a
        /// new translation) the English text to translate from.
        var shown: Draft {
            if let draft { return draft }
            let source = text ?? english
            return Draft(
                title: source?.title ?? "", summary: source?.summary ?? "", body: source?.body ?? "", note: "",
                translationCurrent: true, baseRevision: latestRevision)
        }
    }
}
