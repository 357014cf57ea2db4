import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A database made by an earlier day's migrations upgrades to today's code (issue 16,
/// point 7). Landed migrations are append-only: a change to a table is a new migration, which
/// this test runs on the database of 2 December 2026 (`DatabaseAsOf2026_12`). An edit to a
/// landed migration (a column added to M019, say) leaves that database without it: its tables
/// and indexes differ from a new installation's, and the journeys below may fail too. Databases older than that day are not upgraded (docs/ARCHITECTURE.md).
/// It runs on SQLite in both stages of scripts/test: the fixture is SQLite's own dump.
@Suite("Upgrading an installation's database")
struct MigrationUpgradeTests {
    /// A SQLite file holding the database of 2 December 2026, made with the app's own driver.
    static func databaseOf2026_12() async throws -> String {
        let path = NSTemporaryDirectory() + "collegium-upgrade-\(UUID().uuidString).sqlite"
        let app = try await Application.make(.testing)
        do {
            try await configure(app, options: LaunchOptions(environment: ["BCRYPT_COST": "4", "DATABASE_URL": "sqlite:" + path]))
            try await app.asyncBoot()
            let sql = try #require(app.db as? any SQLDatabase)
            for statement in DatabaseAsOf2026_12.statements {
                try await sql.raw(SQLQueryString(statement)).run()
            }
        } catch {
            try? await app.asyncShutdown()
            removeDatabase(path)
            throw error
        }
        try await app.asyncShutdown()
        return path
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Every table's columns (name, type, not null, default, primary key) and every index's
    /// columns and uniqueness, as SQLite describes them: what two databases must share.
    static func schema(_ app: Application) async throws -> [String: String] {
        let sql = try #require(app.db as? any SQLDatabase)
        var described: [String: String] = [:]
        let objects = try await sql.raw("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()
        for object in objects {
            let type = try object.decode(column: "type", as: String.self), name = try object.decode(column: "name", as: String.self)
            if type == "table" {
                let columns = try await sql.raw("SELECT name, type, \"notnull\" AS nn, dflt_value AS d, pk FROM pragma_table_info(\(bind: name))").all()
                described["table " + name] = try columns.map { c in
                    [
                        try c.decode(column: "name", as: String.self), try c.decode(column: "type", as: String.self),
                        String(try c.decode(column: "nn", as: Int.self)), (try c.decode(column: "d", as: String?.self)) ?? "-",
                        String(try c.decode(column: "pk", as: Int.self)),
                    ].joined(separator: " ")
                }.joined(separator: ", ")
            } else if type == "index" {
                let columns = try await sql.raw("SELECT name FROM pragma_index_info(\(bind: name))").all()
                described["index " + name] = try columns.map { try $0.decode(column: "name", as: String?.self) ?? "(expression)" }.joined(separator: ", ")
            }
        }
        return described
    }

    @Test("The database of 2 December 2026 migrates to today's code, and people sign in, see their schools, surveys, courses and support")
    func upgrades() async throws {
        let path = try await Self.databaseOf2026_12()
        defer { Self.removeDatabase(path) }
        // What today's migrations make from nothing, to compare the upgraded database with.
        let freshPath = NSTemporaryDirectory() + "collegium-fresh-\(UUID().uuidString).sqlite"
        defer { Self.removeDatabase(freshPath) }
        let fresh = try await withApp(sqliteFile: freshPath) { app, _ in try await Self.schema(app) }
        try await withApp(sqliteFile: path) { app, ctx in
            // The same tables with the same columns, and the same indexes, as a new installation:
            // a landed migration edited after that day shows here, whichever table it touched.
            let upgraded = try await Self.schema(app)
            #expect(
                Set(upgraded.keys) == Set(fresh.keys),
                "only in a new installation: \(Set(fresh.keys).subtracting(upgraded.keys).sorted()); only in the upgraded one: \(Set(upgraded.keys).subtracting(fresh.keys).sorted())"
            )
            for (name, description) in fresh where upgraded[name] != nil {
                #expect(upgraded[name] == description, "\(name): new \(description); upgraded \(upgraded[name] ?? "")")
            }

            // Every migration of today's list is recorded as applied, the old ones once.
            let sql = try #require(app.db as? any SQLDatabase)
            let applied = try await sql.raw("SELECT name FROM _fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) }
            #expect(applied.count == Set(applied).count)
            #expect(applied.contains("M001_CreateAccounts") && applied.contains("M026_NotificationsByUser"))
            #expect(applied.count >= 26)

            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA, password: Fixtures.password)
            for (path, text) in [
                ("/", "School A"), ("/schools/\(ctx.fixtures.schoolA)", "School A"), ("/surveys", "Surveys"),
                ("/courses", "Courses"), ("/support", "support"), ("/handbook", "Handbook"),
            ] {
                let page = try await leader.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.contains(text), "\(path) shows \(text)")
            }
            // A write through the newest tables: a survey made and its designer shown.
            let made = try await leader.post("/surveys", form: ["scope": "school:\(ctx.fixtures.schoolA)", "title": "After the upgrade", "language": "en"])
            let designer = try #require(made.location)
            let page = try await leader.get(designer)
            #expect(page.status == .ok && page.contains("After the upgrade"))
            // The handbook search reads the FTS table the old database made.
            let search = try await leader.get("/handbook/search?q=mentoring")
            #expect(search.status == .ok)
        }
    }
}
