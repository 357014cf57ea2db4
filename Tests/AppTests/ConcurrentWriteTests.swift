import Foundation
import NIOCore
import SQLKit
import Testing
import Vapor

@testable import App

/// Transactions that read, then write, running at the same time on several connections
/// while other connections write outside any transaction: what a demo or a one-node SQLite
/// school sees whenever two people save at once while the outbox sender records its mail.
/// With Fluent's plain (deferred) transaction SQLite failed such a transaction at once with
/// "database is locked" (a 500: 63 of 150 concurrent invitations through the API);
/// `writeTransaction` takes the write lock before it reads, so writers wait in turn.
@Suite("Concurrent writes")
struct ConcurrentWriteTests {
    static let writers = 8
    static let transactionsEach = 12

    @Test("writeTransaction: concurrent read-then-write transactions and lone writes all succeed, none is lost")
    func concurrentTransactionsAllCommit() async throws {
        let onPostgres = (ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").hasPrefix("postgres")
        // A file in WAL mode, as an installation has (`SQLiteTuning` sets it when `serve` boots;
        // the tests do not boot).
        let path = onPostgres ? nil : NSTemporaryDirectory() + "collegium-concurrent-\(UUID().uuidString).sqlite"
        defer { if let path { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }
        try await withApp(sqliteFile: path) { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            if !onPostgres { try await sql.raw("PRAGMA journal_mode=WAL").run() }
            try await sql.raw("CREATE TABLE concurrent_writes (writer INTEGER NOT NULL, seen INTEGER NOT NULL)").run()
            // One database per event loop: each has its own connection pool, so the writers
            // below really hold different connections.
            let loops = Array(app.eventLoopGroup.makeIterator())
            let databases = (0..<Self.writers).map { app.databases.database(logger: app.logger, on: loops[$0 % loops.count])! }
            let failures = try await withThrowingTaskGroup(of: [String].self) { group in
                for (writer, db) in databases.enumerated() {
                    group.addTask {
                        var failures: [String] = []
                        for _ in 0..<Self.transactionsEach {
                            do {
                                try await db.writeTransaction { db in
                                    let sql = db as! any SQLDatabase
                                    let seen = try await sql.raw("SELECT count(*) AS n FROM concurrent_writes").first()!.decode(column: "n", as: Int.self)
                                    try await sql.raw("INSERT INTO concurrent_writes (writer, seen) VALUES (\(bind: writer), \(bind: seen))").run()
                                }
                                // A write outside any transaction (as the outbox sender records a mail).
                                try await (db as! any SQLDatabase).raw("INSERT INTO concurrent_writes (writer, seen) VALUES (-1, 0)").run()
                            } catch {
                                failures.append(String(describing: error))
                            }
                        }
                        return failures
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(failures.isEmpty, "\(failures.count) writes failed, first: \(failures.first ?? "")")
            let rows = try #require(try await sql.raw("SELECT count(*) AS n FROM concurrent_writes").first()).decode(column: "n", as: Int.self)
            #expect(rows == Self.writers * Self.transactionsEach * 2)
        }
    }
}
