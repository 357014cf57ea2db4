import Vapor

/// Sends the learning statements to the Learning Record Store in the background, one pass
/// at a time: two passes at once would read the same unsent rows and post them twice. A
/// statement recorded while a pass runs is sent by one more pass right after it. Nothing
/// is lost when the store refuses, times out or is unreachable: the rows stay unsent and
/// go with the next pass (or `collegium xapi-send`).
actor StatementSender {
    private var running: Task<Void, Never>?
    private var again = false

    /// Starts a pass, or asks the running one for another when it is done.
    func kick(_ app: Application) {
        guard running == nil else {
            again = true
            return
        }
        running = Task { await self.passes(app) }
    }

    /// Returns when no pass is running (tests, and anyone who must not leave one behind).
    func idle() async {
        while let running { await running.value }
    }

    private func passes(_ app: Application) async {
        repeat {
            // A stopping node sends nothing more: its databases are about to close, and the
            // statements stay unsent for the next start (issue 20).
            if app.drain.isDraining { break }
            again = false
            do {
                try await Statements.send(app)
            } catch {
                // Refusals are logged by `send`; this is a store that is unreachable or too slow.
                app.logger.warning("The Learning Record Store could not be reached; the statements stay unsent: \(String(describing: error))")
            }
        } while again
        running = nil
    }
}

extension Application {
    private struct StatementSenderKey: StorageKey, LockKey { typealias Value = StatementSender }

    /// The one statement sender of this application, made on first use.
    var statementSender: StatementSender {
        locks.lock(for: StatementSenderKey.self).withLock {
            if let sender = storage[StatementSenderKey.self] { return sender }
            let sender = StatementSender()
            storage[StatementSenderKey.self] = sender
            return sender
        }
    }
}
