import FluentKit
import Foundation
import SQLKit

extension Database {
    /// Inside a `writeTransaction`: on PostgreSQL, locks the row `id` of `model` until the
    /// transaction ends, so that transactions that read, decide and write about the same
    /// thing (a coach's free places, a mentor's, a person's reset links) take turns. Under
    /// READ COMMITTED two of them would otherwise read the same state and both write, and
    /// a coach of two places would take three (issue 20). On SQLite `writeTransaction`
    /// already makes writers take turns, so there is nothing to lock. A missing row locks
    /// nothing.
    ///
    /// `FOR NO KEY UPDATE`, not `FOR UPDATE`: lockers still take turns, but a row inserted
    /// elsewhere that points to this one (a pair of the locked programme, a notification of
    /// the locked person) does not wait for it. With `FOR UPDATE` the foreign key's own lock
    /// on the row waited, and two paths that each held what the other needed deadlocked.
    func lockRow<M: Model>(of model: M.Type, id: UUID) async throws where M.IDValue == UUID {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM \(ident: M.schema) WHERE id = \(bind: id) FOR NO KEY UPDATE").run()
    }
}
