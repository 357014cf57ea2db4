import Fluent
import SQLKit

/// The handbook: chapters, their text per language, every revision, and the search index
/// (an FTS5 table on SQLite, a table with a `tsvector` and a GIN index on PostgreSQL; see
/// `HandbookSearch`).
struct M005_CreateHandbook: AsyncMigration {
    var name: String { "M005_CreateHandbook" }

    func prepare(on database: any Database) async throws {
        try await database.schema(HandbookChapter.schema)
            .id()
            .field("slug", .string, .required)
            .field("position", .int, .required)
            .field("practice", .string)
            .field("is_public", .bool, .required)
            .unique(on: "slug")
            .create()

        try await database.schema(HandbookText.schema)
            .id()
            .field("language", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("version", .int, .required)
            .field("source_version", .int)
            .field("shipped_hash", .string)
            .field("edited_locally", .bool, .required)
            .field("upstream_title", .string)
            .field("upstream_body", .string)
            .field("updated_at", .datetime)
            .field("chapter_id", .uuid, .required, .references(HandbookChapter.schema, "id", onDelete: .cascade))
            .unique(on: "chapter_id", "language")
            .create()

        try await database.schema(HandbookRevision.schema)
            .id()
            .field("language", .string, .required)
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("origin", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime)
            .field("chapter_id", .uuid, .required, .references(HandbookChapter.schema, "id", onDelete: .cascade))
            .field("author_id", .uuid, .references("users", "id", onDelete: .setNull))
            .unique(on: "chapter_id", "language", "number")
            .create()

        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            // Words are already cut and folded by `SearchText`; keep diacritics so that
            // both databases treat "ā" and "a" alike (as different letters).
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE handbook_search USING fts5(
                    slug UNINDEXED, language UNINDEXED, title, body, plain UNINDEXED,
                    tokenize = 'unicode61 remove_diacritics 0')
                """
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE TABLE handbook_search (
                    slug TEXT NOT NULL, language TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
                    plain TEXT NOT NULL, document TSVECTOR NOT NULL, PRIMARY KEY (slug, language))
                """
            ).run()
            try await sql.raw("CREATE INDEX handbook_search_document ON handbook_search USING GIN (document)").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP TABLE IF EXISTS handbook_search").run()
        }
        try await database.schema(HandbookRevision.schema).delete()
        try await database.schema(HandbookText.schema).delete()
        try await database.schema(HandbookChapter.schema).delete()
    }
}
