import Domain
import Fluent
import Foundation

/// A chapter of the handbook: its place in the book and who may read it. The words are in
/// `HandbookText`, one per language.
final class HandbookChapter: Model, @unchecked Sendable {
    static let schema = "handbook_chapters"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    /// Stable name in URLs and in `Resources/Handbook/<language>/NN-<slug>.md`.
    @Field(key: "slug") var slug: String
    @Field(key: "position") var position: Int
    /// The form of support the chapter is about (`mentoring`, `coaching`…), if any.
    @OptionalField(key: "practice") var practice: String?
    /// Readable without logging in.
    @Field(key: "is_public") var isPublic: Bool

    init() {}

    init(id: UUID? = nil, slug: String, position: Int, practice: String?, isPublic: Bool) {
        self.id = id
        self.slug = slug
        self.position = position
        self.practice = practice
        self.isPublic = isPublic
    }
}

/// A chapter's current text in one language.
///
/// Versions: the English text is the source; its `version` goes up with each change. A
/// translation records in `sourceVersion` which English version it translates, so a
/// translation older than its source can be shown as such.
/// Upgrades: `shippedHash` is the hash of the shipped text last loaded; `editedLocally`
/// says someone changed the text here since. A new shipped text replaces only a text not
/// edited locally; otherwise it waits in `upstream…` and the chapter shows as diverged.
final class HandbookText: Model, @unchecked Sendable {
    static let schema = "handbook_texts"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // MARK: data
    @Field(key: "language") var language: String
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body") var body: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "source_version") var sourceVersion: Int?
    @OptionalField(key: "shipped_hash") var shippedHash: String?
    @Field(key: "edited_locally") var editedLocally: Bool
    /// A newer shipped text that was not applied because of a local edit.
    @OptionalField(key: "upstream_title") var upstreamTitle: String?
    @OptionalField(key: "upstream_body") var upstreamBody: String?

    // MARK: relationships
    @Parent(key: "chapter_id") var chapter: HandbookChapter

    init() {}

    init(
        id: UUID? = nil, chapterID: UUID, language: String, title: String, summary: String, body: String,
        version: Int, sourceVersion: Int?, shippedHash: String?, editedLocally: Bool
    ) {
        self.id = id
        self.$chapter.id = chapterID
        self.language = language
        self.title = title
        self.summary = summary
        self.body = body
        self.version = version
        self.sourceVersion = sourceVersion
        self.shippedHash = shippedHash
        self.editedLocally = editedLocally
    }

    var isDiverged: Bool { upstreamBody != nil }
}

/// Every state a chapter's text has had in one language, numbered from 1.
final class HandbookRevision: Model, @unchecked Sendable {
    static let schema = "handbook_revisions"

    enum Origin: String, Codable, Sendable {
        /// Loaded from the files shipped with Collegium.
        case shipped
        /// Written in the browser.
        case edited
        /// An earlier revision brought back.
        case restored
    }

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "language") var language: String
    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body") var body: String
    @Field(key: "origin") var origin: Origin
    /// What the editor said about the change.
    @Field(key: "note") var note: String

    // MARK: relationships
    @Parent(key: "chapter_id") var chapter: HandbookChapter
    /// Who made the change; nil for shipped text, or once that person's account is erased.
    @OptionalParent(key: "author_id") var author: User?

    init() {}

    init(
        id: UUID? = nil, chapterID: UUID, language: String, number: Int, title: String, summary: String, body: String,
        origin: Origin, note: String, authorID: UUID?
    ) {
        self.id = id
        self.$chapter.id = chapterID
        self.language = language
        self.number = number
        self.title = title
        self.summary = summary
        self.body = body
        self.origin = origin
        self.note = note
        self.$author.id = authorID
    }
}
