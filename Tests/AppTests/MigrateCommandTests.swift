import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// `collegium migrate` and `collegium migrate --revert` (docs/operations.md: "--revert to
/// undo the last batch"), run through the command table on the test's database.
@Suite("Migrate command")
struct MigrateCommandTests {
    @Test("migrate --revert undoes the last batch only, and migrate applies it again to the same schema")
    func revertLastBatch() async throws {
        try await withApp { app, ctx in
            let all = try await app.migrator.previewRevertAllBatches().get().map(\.0.name)
            let newest = try #require(all.first, "the newest migration is reverted first")
            let schema = try await Self.schema(app)
            // As after an upgrade: the newest migration came in a later `collegium migrate`.
            try await MigrationLog.query(on: app.db).filter(\.$name == newest).set(\.$batch, to: 2).update()

            let declined = await runCommand(app, ["migrate", "--revert"], input: ["no"])
            #expect(declined.output.contains("Migration cancelled"))
            #expect(try await Self.schema(app) == schema)

            let reverted = await runCommand(app, ["migrate", "--revert", "--yes"])
            #expect(!reverted.failed)
            #expect(reverted.output.contains("The following migration(s) will be reverted:\n- \(newest) on "))
            #expect(reverted.output.components(separatedBy: "\n- ").count == 2, "one migration listed: \(reverted.output)")
            #expect(reverted.output.contains("Migration successful"))
            let applied = Set(try await MigrationLog.query(on: app.db).all().map(\.name))
            #expect(applied == Set(all.dropFirst()), "every other migration stays applied")
            let afterRevert = try await Self.schema(app)
            #expect(afterRevert != schema, "the newest migration's tables or columns are gone")
            #expect(afterRevert.isSubset(of: schema), "and nothing else changed")

            let migrated = await runCommand(app, ["migrate", "--yes"])
            #expect(!migrated.failed && migrated.output.contains("+ \(newest) on "))
            #expect(try await Self.schema(app) == schema)
            #expect(try await ctx.browser().login(Fixtures.teacherA).location == "/")
        }
    }

    struct Column: Hashable, Comparable {
        var table: String
        var column: String
        static func < (a: Column, b: Column) -> Bool { (a.table, a.column) < (b.table, b.column) }
    }

    /// Every table's columns and every index, on SQLite or PostgreSQL (the test's schema).
    static func schema(_ app: Application) async throws -> Set<Column> {
        let sql = try #require(app.db as? any SQLDatabase)
        let query: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? """
            SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
            UNION SELECT tbl_name AS t, 'index ' || name AS c FROM sqlite_master WHERE type = 'index'
            """
            : """
            SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = current_schema()
            UNION SELECT tablename::text AS t, 'index ' || indexname AS c FROM pg_indexes WHERE schemaname = current_schema()
            """
        return Set(
            try await sql.raw(query).all().map {
                Column(table: try $0.decode(column: "t", as: String.self), column: try $0.decode(column: "c", as: String.self))
            })
    }
}
