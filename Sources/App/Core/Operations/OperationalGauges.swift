import Fluent
import SQLKit
import Vapor

/// Figures read when `/metrics` is scraped, beside the counters kept as things happen
/// (issue 20): the requests in flight on this node, the mail waiting in the outbox, and on
/// PostgreSQL the database's connections. None of them follows a person: the outbox is
/// counted by state, never by kind (a reset mail queued at 10:02 would say someone asked
/// for one then); see docs/operations.md. Written per scrape, in Prometheus's text format,
/// rather than kept in the process's one registry, which every `Application` of a process
/// shares (the tests run many).
enum OperationalGauges {
    /// The connection states of `pg_stat_activity` that are always reported (0 when none).
    static let connectionStates = ["active", "idle", "idle in transaction"]

    static func render(_ app: Application, on db: any Database, now: Date) async -> String {
        var out = Lines()
        out.gauge("collegium_requests_in_flight", "Requests this node is serving now.", [([], Double(app.drain.inFlight))])
        // The database's figures within a second, or none: a scrape during an outage still
        // gets the node's own figures, and says the database did not answer.
        // The work is counted in flight, so that a node stopping meanwhile does not close its
        // databases under a query this scrape left running.
        let drain = app.drain
        let read = try? await Deadline.value(within: 1) {
            drain.enter()
            defer { drain.leave() }
            return try await databaseFigures(on: db, now: now)
        }
        out.gauge("collegium_database_up", "Whether the database answered this scrape within a second.", [([], read == nil ? 0 : 1)])
        if let read { out.text += read.text }
        return out.text
    }

    private static func databaseFigures(on db: any Database, now: Date) async throws -> Lines {
        var out = Lines()
        var mails: [([(String, String)], Double)] = []
        for status in [OutboxMail.Status.queued, .failed] {
            mails.append(([("status", status.rawValue)], Double(try await OutboxMail.query(on: db).filter(\.$status == status).count())))
        }
        out.gauge("collegium_outbox_mails", "Mails in the outbox, waiting to be sent (queued) or given up (failed).", mails)
        // How late the most overdue queued mail is: it rises while nothing sends (no SMTP, a
        // stuck sender) and stays near 0 while the outbox flows.
        let oldest = try await OutboxMail.query(on: db).filter(\.$status == .queued).filter(\.$nextAttemptAt <= now)
            .sort(\.$nextAttemptAt).first()
        out.gauge(
            "collegium_outbox_overdue_seconds", "How long the most overdue queued mail has been due.",
            [([], oldest.map { max(0, now.timeIntervalSince($0.nextAttemptAt)) } ?? 0)])
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return out }
        // Every node's connections to this database (and any psql): the pool's use across
        // the cluster, which is what runs out.
        let rows = try await sql.raw(
            "SELECT COALESCE(state, '') AS state, COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() GROUP BY state"
        ).all()
        var counts: [String: Int] = [:]
        for row in rows {
            let state = try row.decode(column: "state", as: String.self)
            counts[state, default: 0] += try row.decode(column: "n", as: Int.self)
        }
        let states = Set(connectionStates).union(counts.keys).filter { !$0.isEmpty }.sorted()
        out.gauge(
            "collegium_database_connections", "Connections to this PostgreSQL database, of every node, by state.",
            states.map { ([("state", $0)], Double(counts[$0] ?? 0)) })
        return out
    }

    /// Prometheus's text exposition format, version 0.0.4.
    struct Lines: Sendable {
        var text = ""

        mutating func gauge(_ name: String, _ help: String, _ samples: [([(String, String)], Double)]) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for (labels, value) in samples {
                let inside = labels.map { "\($0.0)=\"\(Self.escaped($0.1))\"" }.joined(separator: ",")
                text += name + (inside.isEmpty ? "" : "{\(inside)}") + " " + Self.number(value) + "\n"
            }
        }

        static func escaped(_ value: String) -> String {
            value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
        }

        static func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        }
    }
}
