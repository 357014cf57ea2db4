import Foundation
import Vapor

/// `collegium backup FILE`: a consistent copy of the database of `DATABASE_URL`, taken while
/// Collegium runs (see DatabaseBackup and docs/operations.md#backups).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where the copy goes; it must not exist yet")
        var file: String
        init() {}
    }

    var help: String { "Copies the configured database to FILE while Collegium runs (SQLite: VACUUM INTO; PostgreSQL: pg_dump)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard !FileManager.default.fileExists(atPath: signature.file) else {
            throw DatabaseBackup.Failed(description: "\(signature.file) exists already: a backup never overwrites. Choose a new name.")
        }
        // The copy holds everyone's data and password hashes: readable by this user only
        // (SQLite and pg_dump create the file under this process's umask).
        umask(0o077)
        switch try AppConfig.load(from: ProcessInfo.processInfo.environment).database {
        case .sqliteFile(let path): try await DatabaseBackup.backUpSQLite(path, to: signature.file)
        case .postgres(let url): try DatabaseBackup.backUpPostgres(url, to: signature.file)
        case .sqliteMemory: throw DatabaseBackup.Failed(description: "DATABASE_URL names an in-memory database: there is nothing to back up.")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: signature.file)[.size] as? Int) ?? 0
        context.console.print("Backed up to \(signature.file) (\(size) bytes).")
    }
}

/// `collegium restore FILE`: puts a backup in place as the database of `DATABASE_URL`, which
/// must be new (SQLite: no file yet; PostgreSQL: an empty database). Start `serve` after it:
/// it applies the migrations newer than the backup.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A file made by collegium backup")
        var file: String
        init() {}
    }

    var help: String { "Restores a backup made by collegium backup into the (new, empty) database of DATABASE_URL." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard FileManager.default.isReadableFile(atPath: signature.file) else {
            throw DatabaseBackup.Failed(description: "\(signature.file) cannot be read.")
        }
        umask(0o077)  // the restored database, as the backup, for this user only
        switch try AppConfig.load(from: ProcessInfo.processInfo.environment).database {
        case .sqliteFile(let path): try await DatabaseBackup.restoreSQLite(signature.file, to: path)
        case .postgres(let url): try DatabaseBackup.restorePostgres(signature.file, to: url)
        case .sqliteMemory: throw DatabaseBackup.Failed(description: "DATABASE_URL names an in-memory database: restore into a file or a PostgreSQL database.")
        }
        context.console.print("Restored \(signature.file). Start collegium serve: it applies any newer migrations first.")
    }
}
