import Fluent
import SQLKit
import Vapor

/// Brings the database up to date when a process starts: the migrations, and then what the
/// caller adds (for `serve` and `demo`, the shipped handbook chapters and courses:
/// `setUpDatabase` in migrations.swift) (issue 20).
///
/// On PostgreSQL all of it runs on one connection that holds an advisory lock: nodes
/// started together (on an empty database, or on an older one after an upgrade) take turns,
/// and the second finds nothing left to do. Before, both ran the migrations at once and one
/// always exited on a duplicate key in `_fluent_migrations`. One connection, not the pool:
/// the pool keeps one connection per event loop, and a lock held on one while the
/// migrations waited for another could wait on itself. The key includes the schema, so
/// that databases in separate schemas (the tests') never wait for each other.
///
/// SQLite serves one node by design (docs/operations.md); its own write lock orders two
/// processes, so there the setup runs as it is.
public enum SchemaSetup {
    /// The migrations only (commands such as `create-admin`).
    public static func migrate(_ app: Application) async throws {
        try await run(app) { _ in }
    }

    /// The migrations, then `then` on the same connection, under the same lock; `then` in
    /// one transaction, all or nothing.
    public static func run(_ app: Application, then: @escaping @Sendable (any Database) async throws -> Void) async throws {
        let setup: @Sendable (any Database) async throws -> Void = { db in
            let migrator = Migrator(databaseFactory: { _ in db }, migrations: app.migrations, on: db.eventLoop)
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
            guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else {
                try await then(db)
                return
            }
            // Fluent marks a connection of `withConnection` as inside a transaction already,
            // so `writeTransaction` in `then` would begin none: a node stopped half-way would
            // leave a chapter marked as loaded without its text indexed. Begun here instead.
            try await sql.raw("BEGIN").run()
            do {
                try await then(db)
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
        guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "postgresql" else {
            try await setup(app.db)
            return
        }
        let logger = app.logger
        try await app.db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                guard let locked = connection as? any SQLDatabase else { throw Abort(.internalServerError) }
                try await lock(locked, logger: logger)
                do {
                    try await setup(connection)
                } catch {
                    try? await unlock(locked)
                    throw error
                }
                try await unlock(locked)
            }
        }.get()
    }

    private static let key = "hashtext('collegium-schema-setup:' || current_schema())"

    /// Takes the session's advisory lock, saying once in the log that it waits for another node.
    private static func lock(_ sql: any SQLDatabase, logger: Logger) async throws {
        var waited = false
        while true {
            let row = try await sql.raw("SELECT pg_try_advisory_lock(\(unsafeRaw: key)) AS locked").first()
            if try row?.decode(column: "locked", as: Bool.self) == true { break }
            if !waited {
                logger.notice("Another node is bringing the database up to date; waiting for it")
                waited = true
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        if waited { logger.notice("The other node has finished; checking what is left to do") }
    }

    /// Releases the lock: it is the session's, and the connection goes back to the pool.
    private static func unlock(_ sql: any SQLDatabase) async throws {
        try await sql.raw("SELECT pg_advisory_unlock(\(unsafeRaw: key))").run()
    }
}
