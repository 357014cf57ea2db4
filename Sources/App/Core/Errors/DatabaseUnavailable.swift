import FluentPostgresDriver
import FluentSQLiteDriver

/// Errors that say the database cannot be reached or is too busy just now, not that the
/// request is wrong: answered 503 with `Retry-After` rather than 500 (issue 20), so that a
/// person is told to try again in a moment and a balancer or client knows to retry.
enum DatabaseUnavailable {
    /// Seconds a client is asked to wait before trying again.
    static let retryAfter = "5"
    /// The error page's identifier for these (`ErrorPage` words them apart from other 503s).
    static let identifier = "database-unavailable"

    static func matches(_ error: any Error) -> Bool {
        switch error {
        case is ConnectionPoolTimeoutError, is ConnectionPoolError:
            return true  // no free connection within DB_POOL_TIMEOUT_SECONDS, or the pool is closing
        case let error as PSQLError:
            if [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed].contains(error.code) {
                return true
            }
            // A refused or lost connection comes wrapped as `.connectionError`. SQLSTATE class
            // 08 (connection exception), 57P01–57P03 (the server is shutting down, crashed or
            // not yet accepting), 53300 (too many connections).
            guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state)
        case let error as SQLiteError:
            // Another process holds SQLite's write lock beyond busy_timeout.
            return error.reason == .busy || error.reason == .locked
        default:
            // Network errors of anything else (a mail server, a Learning Record Store) are
            // not the database's: they stay 500.
            return false
        }
    }
}
