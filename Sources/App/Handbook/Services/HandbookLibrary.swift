import Crypto
import Domain
import Fluent
import Foundation
import Vapor

/// Which text a reader of a language sees, and why.
enum HandbookReading {
    enum Fallback: Sendable, Equatable {
        /// The reader's own language, up to date.
        case none
        /// No translation: the English text is shown.
        case missing
        /// The translation is older than the English text: the English text is shown.
        case outdated
    }

    /// The source language: every other text translates it.
    static let source = Language.en.rawValue

    static func displayed(_ texts: [HandbookText], language: String) -> (text: HandbookText?, fallback: Fallback) {
        let english = texts.first { $0.language == source }
        guard language != source else { return (english ?? texts.first, .none) }
        guard let translation = texts.first(where: { $0.language == language }) else { return (english ?? texts.first, .missing) }
        guard let english else { return (translation, .none) }
        return (translation.sourceVersion ?? 0) >= english.version ? (translation, .none) : (english, .outdated)
    }

    static func status(_ texts: [HandbookText], language: String) -> Fallback {
        language == source ? (texts.contains { $0.language == source } ? .none : .missing) : displayed(texts, language: language).fallback
    }
}

/// Loads the shipped handbook into the database and records every change to a chapter as
/// a revision. See docs/handbook.md.
public enum HandbookLibrary {
    /// What a load of the shipped files did, for the log and the translation status page.
    struct SyncReport: Sendable {
        var created: [String] = []
        var updated: [String] = []
        /// Texts edited here whose shipped text has changed since: the local edit is kept.
        var diverged: [String] = []
        var problems: [String] = []
    }

    static func shippedDirectory(_ app: Application) -> String { app.directory.resourcesDirectory + "Handbook/" }

    /// Reads `directory/<language>/NN-slug.md` for every language and brings the database
    /// up to date: new chapters and texts are added; a text nobody edited here takes the
    /// new shipped wording; a text edited here is never overwritten: the new shipped
    /// wording waits beside it, and the chapter shows as diverged.
    @discardableResult
    static func sync(from directory: String, on db: any Database, logger: Logger) async throws -> SyncReport {
        var report = SyncReport()
        var sources: [(language: String, source: ChapterSource)] = []
        for language in Language.allCases {
            let folder = directory + language.rawValue + "/"
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for file in files.sorted() where file.hasSuffix(".md") {
                do {
                    let contents = try String(contentsOfFile: folder + file, encoding: .utf8)
                    sources.append((language.rawValue, try ChapterSource(fileName: file, contents: contents)))
                } catch {
                    report.problems.append("\(language.rawValue)/\(file): \(error)")
                }
            }
        }
        // English first: it creates the chapters and sets their place in the book.
        sources.sort { ($0.language != HandbookReading.source ? 1 : 0, $0.source.order) < ($1.language != HandbookReading.source ? 1 : 0, $1.source.order) }
        let ordered = sources
        report = try await db.writeTransaction { [report] db in
            var report = report
            var touched: [String: HandbookChapter] = [:]
            for (language, source) in ordered {
                let chapter: HandbookChapter
                if let existing = try await HandbookChapter.query(on: db).filter(\.$slug == source.slug).first() {
                    chapter = existing
                    if language == HandbookReading.source && (chapter.position != source.order || chapter.practice != source.practice) {
                        chapter.position = source.order
                        chapter.practice = source.practice
                        try await chapter.save(on: db)
                    }
                } else {
                    chapter = HandbookChapter(slug: source.slug, position: source.order, practice: source.practice, isPublic: true)
                    try await chapter.save(on: db)
                }
                let chapterID = try chapter.requireID()
                let hash = shippedHash(source)
                let label = "\(language)/\(source.slug)"
                if let text = try await HandbookText.query(on: db).filter(\.$chapter.$id == chapterID).filter(\.$language == language).first() {
                    guard text.shippedHash != hash else { continue }
                    text.shippedHash = hash
                    if text.editedLocally {
                        text.upstreamTitle = source.title
                        text.upstreamBody = source.body
                        try await text.save(on: db)
                        report.diverged.append(label)
                    } else {
                        text.title = source.title
                        text.summary = source.summary
                        text.body = source.body
                        text.version = source.version
                        text.sourceVersion = source.sourceVersion
                        try await text.save(on: db)
                        try await addRevision(
                            chapterID: chapterID, language: language, title: source.title, summary: source.summary,
                            body: source.body, origin: .shipped, note: "", authorID: nil, on: db)
                        report.updated.append(label)
                    }
                } else {
                    try await HandbookText(
                        chapterID: chapterID, language: language, title: source.title, summary: source.summary,
                        body: source.body, version: source.version, sourceVersion: source.sourceVersion,
                        shippedHash: hash, editedLocally: false
                    ).save(on: db)
                    try await addRevision(
                        chapterID: chapterID, language: language, title: source.title, summary: source.summary,
                        body: source.body, origin: .shipped, note: "", authorID: nil, on: db)
                    report.created.append(label)
                }
                touched[source.slug] = chapter
            }
            for chapter in touched.values { try await reindex(chapter, on: db) }
            return report
        }
        for problem in report.problems { logger.warning("handbook: \(problem)") }
        if !report.created.isEmpty || !report.updated.isEmpty || !report.diverged.isEmpty {
            logger.info(
                "handbook: \(report.created.count) texts added, \(report.updated.count) updated, \(report.diverged.count) kept local edits (\(report.diverged.joined(separator: ", ")))"
            )
        }
        return report
    }

    static func shippedHash(_ source: ChapterSource) -> String {
        SHA256.hash(data: Data([source.title, source.summary, source.body].joined(separator: "\u{1F}").utf8))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// Saves a new text for a chapter in one language (an edit, or a restored revision)
    /// and records it as the next revision. The English text's version goes up when its
    /// wording changes; a translation is marked as translating the current English version
    /// when the editor says so.
    @discardableResult
    static func save(
        chapter: HandbookChapter, language: String, title: String, summary: String, body: String,
        note: String, translationCurrent: Bool, origin: HandbookRevision.Origin, authorID: UUID?,
        on db: any Database
    ) async throws -> HandbookRevision {
        try await db.writeTransaction { db in
            let chapterID = try chapter.requireID()
            let texts = try await HandbookText.query(on: db).filter(\.$chapter.$id == chapterID).all()
            let english = texts.first { $0.language == HandbookReading.source }
            let text =
                texts.first { $0.language == language }
                ?? HandbookText(
                    chapterID: chapterID, language: language, title: title, summary: summary, body: body,
                    version: 1, sourceVersion: nil, shippedHash: nil, editedLocally: true)
            let changed = text.id == nil || text.title != title || text.summary != summary || text.body != body
            if language == HandbookReading.source {
                if changed && text.id != nil { text.version += 1 }
            } else if translationCurrent {
                text.sourceVersion = english?.version
            }
            text.title = title
            text.summary = summary
            text.body = body
            text.editedLocally = true
            try await text.save(on: db)
            let revision = try await addRevision(
                chapterID: chapterID, language: language, title: title, summary: summary, body: body,
                origin: origin, note: note, authorID: authorID, on: db)
            try await reindex(chapter, on: db)
            return revision
        }
    }

    /// Takes the newer shipped wording that waited beside a local edit.
    static func acceptShipped(chapter: HandbookChapter, text: HandbookText, authorID: UUID?, on db: any Database) async throws {
        guard let title = text.upstreamTitle, let body = text.upstreamBody else { return }
        try await db.writeTransaction { db in
            text.title = title
            text.body = body
            text.upstreamTitle = nil
            text.upstreamBody = nil
            text.editedLocally = false
            if text.language == HandbookReading.source { text.version += 1 }
            try await text.save(on: db)
            try await addRevision(
                chapterID: try chapter.requireID(), language: text.language, title: title, summary: text.summary,
                body: body, origin: .shipped, note: "", authorID: authorID, on: db)
            try await reindex(chapter, on: db)
        }
    }

    @discardableResult
    static func addRevision(
        chapterID: UUID, language: String, title: String, summary: String, body: String,
        origin: HandbookRevision.Origin, note: String, authorID: UUID?, on db: any Database
    ) async throws -> HandbookRevision {
        let last = try await HandbookRevision.query(on: db).filter(\.$chapter.$id == chapterID).filter(\.$language == language)
            .sort(\.$number, .descending).first()
        let revision = HandbookRevision(
            chapterID: chapterID, language: language, number: (last?.number ?? 0) + 1, title: title,
            summary: summary, body: body, origin: origin, note: note, authorID: authorID)
        try await revision.save(on: db)
        return revision
    }

    static func reindex(_ chapter: HandbookChapter, on db: any Database) async throws {
        let texts = try await HandbookText.query(on: db).filter(\.$chapter.$id == chapter.requireID()).all()
        try await HandbookSearch.reindex(chapter, texts: texts, on: db)
    }
}

extension HandbookLibrary {
    /// Loads the chapters shipped in `Resources/Handbook/` (at `serve` and `demo`).
    public static func loadShipped(_ app: Application, on db: (any Database)? = nil) async throws {
        try await sync(from: shippedDirectory(app), on: db ?? app.db, logger: app.logger)
    }
}
