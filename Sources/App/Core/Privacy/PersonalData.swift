import Fluent
import Foundation

/// A table that holds data about a person declares how to hand it over (GDPR art. 15 and
/// 20) and how to erase it (art. 17). `PersonalDataTests` fails when a table exists that
/// is neither registered here nor listed in `PersonalData.impersonalTables`.
protocol PersonalDataHolder: Sendable {
    /// The table, as in the migration.
    static var personalDataTable: String { get }
    /// The person's rows, as plain values, for their export.
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]]
    /// Removes or anonymises the person's rows. Runs inside one transaction with the others.
    static func erase(_ user: User, on db: any Database) async throws
}

/// Export and erasure of a person's data across every table. Which tables hold personal
/// data, and why the others hold none, is listed at the root (`personalData.swift`), beside
/// the migrations: Core knows no feature.
enum PersonalData {
    /// Everything Collegium holds about `user`, by table.
    static func export(_ user: User, on db: any Database) async throws -> [String: [[String: String]]] {
        var result: [String: [[String: String]]] = [:]
        for holder in holders {
            result[holder.personalDataTable] = try await holder.export(user, on: db)
        }
        return result
    }

    /// Erases the person from every table, all or nothing.
    static func erase(_ user: User, on db: any Database) async throws {
        try await db.writeTransaction { db in
            for holder in holders { try await holder.erase(user, on: db) }
        }
    }

    static func date(_ date: Date?) -> String {
        date.map { ISO8601DateFormatter().string(from: $0) } ?? ""
    }
}
