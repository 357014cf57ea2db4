import FluentKit
import SQLKit

extension Database {
    /// The one way Collegium opens a transaction (`scripts/check-architecture` refuses a
    /// plain `transaction`). It does two things Fluent's does not:
    ///
    /// - **On SQLite, writers take turns instead of failing.** Fluent begins a deferred
    ///   transaction, which reads under a snapshot and asks for the write lock only at its
    ///   first write. When another connection of the pool (a request, the outbox sender, a
    ///   job) wrote in between, SQLite cannot let it write without breaking the snapshot and
    ///   fails at once with `SQLITE_BUSY` ("database is locked"), without waiting: a 500 for
    ///   a user who did nothing wrong (63 of 150 concurrent invitations through the API).
    ///   So this process's write transactions take turns on an async lock (waiting there
    ///   holds no thread and no connection), and each begins with a write, which takes
    ///   SQLite's write lock before any snapshot, waiting in SQLite's busy handler for a lone
    ///   write of another connection or another process, as `BEGIN IMMEDIATE` would.
    ///   Readers outside a transaction are not held up (WAL). PostgreSQL needs neither.
    /// - **It keeps the current `MailContext` inside.** Fluent runs a transaction's body in a
    ///   task of its own, which does not inherit task-local values: a notification written
    ///   inside a plain `transaction` would queue no mail.
    ///
    /// Inside a transaction it simply runs `body` in it (as Fluent does).
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let context = MailContext.current
        let run: @Sendable () async throws -> T = {
            try await transaction { db in
                if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                    // Matches no row, so it changes nothing, but it is a write: SQLite takes
                    // the write lock for it before this transaction reads anything.
                    try await sql.raw("DELETE FROM _fluent_migrations WHERE 0").run()
                }
                return try await MailContext.$current.withValue(context) { try await body(db) }
            }
        }
        guard !inTransaction, let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            return try await run()
        }
        await SQLiteWriters.lock.acquire()
        do {
            let result = try await run()
            await SQLiteWriters.lock.release()
            return result
        } catch {
            await SQLiteWriters.lock.release()
            throw error
        }
    }
}

/// The turn of this process's SQLite write transactions (`writeTransaction`). One for the
/// process: a SQLite installation is one node, and the test suite's many small databases
/// only wait for each other a few milliseconds. A body must use the database it is given:
/// a second transaction opened on another handle inside one would wait for it for ever.
enum SQLiteWriters {
    static let lock = AsyncLock()
}

/// A lock for async code: `acquire` suspends (holding no thread) until the lock is free;
/// waiters get it in the order they came.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard locked else {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { locked = false } else { waiters.removeFirst().resume() }
    }
}
