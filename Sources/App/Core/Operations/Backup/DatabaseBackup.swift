import FluentSQLiteDriver
import Foundation

/// Copies of the configured database while Collegium runs, and putting one back (issue 20).
/// The commands work on `DATABASE_URL` themselves; the app they run in gets an empty
/// in-memory database (LaunchPlan), so a restore never finds the target already opened.
///
/// - SQLite: `VACUUM INTO` on a connection of its own. It reads the whole database in one
///   read transaction, so the copy is the database as it stood at one moment, while the
///   node goes on writing (WAL mode): SQLite's own way to a consistent copy of a live
///   database, as the online backup API is, and compacted. A restore copies the file into
///   place (the target must not exist: Collegium is stopped and the old file moved away) and
///   checks it with `PRAGMA integrity_check`.
/// - PostgreSQL: `pg_dump --format=custom --no-owner --no-privileges` (one snapshot, taken
///   while the nodes run) and `pg_restore --no-owner --no-privileges --exit-on-error` into
///   an empty database; the password goes to them in `PGPASSWORD`, never on the command
///   line, where other users of the machine could read it.
enum DatabaseBackup {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    // MARK: SQLite

    static func backUpSQLite(_ path: String, to file: String) async throws {
        guard FileManager.default.fileExists(atPath: path) else { throw Failed(description: "There is no database at \(path) to back up.") }
        try await withSQLite(path) { connection in
            _ = try await connection.query("VACUUM INTO ?", [.text(file)])
        }
    }

    static func restoreSQLite(_ file: String, to path: String) async throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            throw Failed(
                description:
                    "\(path + suffix) exists. Stop Collegium and move the database's files away (\(path), -wal and -shm), then restore; a restore never overwrites."
            )
        }
        try await checkSQLite(file)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(atPath: file, toPath: path)
        try await checkSQLite(path)
    }

    /// A Collegium database in one piece: SQLite's integrity check, and the table of applied migrations.
    static func checkSQLite(_ path: String) async throws {
        try await withSQLite(path) { connection in
            let integrity = try await connection.query("PRAGMA integrity_check", [])
            guard integrity.first?.column("integrity_check")?.string == "ok" else {
                throw Failed(
                    description: "\(path) is damaged: \(integrity.compactMap { $0.column("integrity_check")?.string }.prefix(3).joined(separator: "; "))")
            }
            let tables = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'", [])
            guard !tables.isEmpty else { throw Failed(description: "\(path) is an SQLite file, but not a Collegium database (no _fluent_migrations).") }
        }
    }

    private static func withSQLite(_ path: String, _ body: (SQLiteConnection) async throws -> Void) async throws {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        do {
            // A node may be writing: wait for its transaction rather than fail at once.
            _ = try await connection.query("PRAGMA busy_timeout = 10000", [])
            try await body(connection)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    // MARK: PostgreSQL

    /// The connection as pg_dump and pg_restore take it: options, and the password apart.
    struct PostgresTarget: Equatable {
        var arguments: [String]
        var password: String?
        var sslmode: String?

        init(url: String) throws {
            guard let parts = URLComponents(string: url), let host = parts.host, !parts.path.dropFirst().isEmpty else {
                throw Failed(description: "DATABASE_URL is not a PostgreSQL address like postgres://USER:PASSWORD@HOST:PORT/DB.")
            }
            arguments = ["--host", host, "--port", String(parts.port ?? 5432), "--dbname", String(parts.path.dropFirst())]
            if let user = parts.user { arguments += ["--username", user] }
            password = parts.password
            sslmode = parts.queryItems?.first { $0.name == "sslmode" }?.value
        }

        var environment: [String: String] {
            var env = ProcessInfo.processInfo.environment
            env["PGPASSWORD"] = password
            if let sslmode { env["PGSSLMODE"] = sslmode }
            return env
        }
    }

    static func backUpPostgres(_ url: String, to file: String) throws {
        let target = try PostgresTarget(url: url)
        try run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", file] + target.arguments, environment: target.environment)
    }

    static func restorePostgres(_ file: String, to url: String) throws {
        let target = try PostgresTarget(url: url)
        let tables = try run(
            "psql",
            ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"]
                + target.arguments, environment: target.environment)
        guard tables.trimmingCharacters(in: .whitespacesAndNewlines) == "0" else {
            throw Failed(
                description: "The database of DATABASE_URL is not empty: restore into a new, empty database (createdb), then point DATABASE_URL at it.")
        }
        try run(
            "pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"] + target.arguments + [file],
            environment: target.environment)
    }

    /// Runs a PostgreSQL tool found on the PATH; its standard output, or its error as the failure.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], environment: [String: String]) throws -> String {
        let paths = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(tool)" }
        guard let executable = paths.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failed(description: "\(tool) is not installed (Debian: apt-get install postgresql-client, of the server's major version or newer).")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(
                description:
                    "\(tool) failed (exit \(process.terminationStatus)): \(String(decoding: err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        return String(decoding: out, as: UTF8.self)
    }
}
