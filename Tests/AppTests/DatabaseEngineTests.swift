import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// scripts/test runs the Swift suite twice, on SQLite and then with TEST_DATABASE_URL on
/// PostgreSQL. This test proves which database the app really talked to, and prints one
/// line, `collegium-test-database: <engine> <version>`, that scripts/test looks for: the
/// PostgreSQL stage fails unless the line is there and names PostgreSQL (issue 15, point 7).
@Suite("Database engine")
struct DatabaseEngineTests {
    @Test("DatabaseEngineCheck: the app's database is the one TEST_DATABASE_URL names (PostgreSQL), else SQLite")
    func databaseEngineCheck() async throws {
        let asked = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? ""
        let wantsPostgres = asked.hasPrefix("postgres")
        try await withApp { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            let line: String
            if wantsPostgres {
                #expect(sql.dialect.name == "postgresql")
                let version = try #require(try await sql.raw("SELECT version() AS v").first()).decode(column: "v", as: String.self)
                #expect(version.hasPrefix("PostgreSQL "), "SELECT version() says: \(version)")
                // Each test has a schema of its own (TestSupport): the tables are in it.
                let schema = try #require(try await sql.raw("SELECT current_schema() AS s").first()).decode(column: "s", as: String.self)
                #expect(schema.hasPrefix("t_"))
                let tables = try #require(
                    try await sql.raw("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'users'")
                        .first())
                #expect(try tables.decode(column: "n", as: Int.self) == 1)
                line = version.split(separator: ",").first.map(String.init) ?? version
            } else {
                #expect(sql.dialect.name == "sqlite")
                let version = try #require(try await sql.raw("SELECT sqlite_version() AS v").first()).decode(column: "v", as: String.self)
                #expect(!version.isEmpty)
                line = "SQLite " + version
            }
            #expect(try await User.query(on: app.db).count() > 0, "the fixtures are in that database")
            print("collegium-test-database: \(line)")
        }
    }
}
