import Foundation

/// How a node stops, how long it waits for its database, and how much one API token may ask
/// (issue 20). Read by
/// `AppConfig.load`; docs/configuration.md and docs/operations.md say when to change them.
public struct OperationsSettings: Sendable, Equatable {
    /// `SHUTDOWN_TIMEOUT_SECONDS`: how long a stopping node gives the requests in flight
    /// before it exits all the same. Under systemd's default `TimeoutStopSec` (90 s) and
    /// Kubernetes' default grace period (30 s), so that the node, not the supervisor,
    /// decides how it ends.
    public var shutdownTimeout: Int = 20
    /// `SHUTDOWN_DELAY_SECONDS`: how long a stopping node goes on serving after `/readyz`
    /// has turned to 503, so that a balancer probing it stops sending work before the node
    /// stops accepting. 0 (the default) suits nginx, which retries a refused connection on
    /// the other node by itself.
    public var shutdownDelay: Int = 0
    /// `DB_POOL_TIMEOUT_SECONDS`: how long a request waits for a free PostgreSQL connection
    /// (or for a new one to open) before it is answered 503 with `Retry-After`. Fluent's own
    /// default, 10 s, held people before an error page while the database was down.
    public var poolTimeout: Int = 5
    /// `API_REQUESTS_PER_MINUTE`: calls one API token may make in a minute, across every node,
    /// before it is answered 429 with `Retry-After`. Twenty a second for a minute is more than
    /// an import or a report needs, and stops a script in a loop from taking a node's time.
    public var apiRequestsPerMinute: Int = 1200

    public static let variables = ["SHUTDOWN_TIMEOUT_SECONDS", "SHUTDOWN_DELAY_SECONDS", "DB_POOL_TIMEOUT_SECONDS", "API_REQUESTS_PER_MINUTE"]

    /// Reads the settings with `integer(name, default, range)`, which records a bad value.
    static func load(_ integer: (String, Int, ClosedRange<Int>) -> Int) -> OperationsSettings {
        var settings = OperationsSettings()
        settings.shutdownTimeout = integer("SHUTDOWN_TIMEOUT_SECONDS", settings.shutdownTimeout, 1...600)
        settings.shutdownDelay = integer("SHUTDOWN_DELAY_SECONDS", settings.shutdownDelay, 0...120)
        settings.poolTimeout = integer("DB_POOL_TIMEOUT_SECONDS", settings.poolTimeout, 1...60)
        settings.apiRequestsPerMinute = integer("API_REQUESTS_PER_MINUTE", settings.apiRequestsPerMinute, 10...1_000_000)
        return settings
    }
}
