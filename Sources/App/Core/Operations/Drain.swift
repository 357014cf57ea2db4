import NIOConcurrencyHelpers
import Vapor

/// How a node leaves (issue 20): on SIGTERM it stops being ready, lets the requests in
/// flight finish, and only then closes its databases. Before, Vapor closed the databases
/// while requests still ran, and their next `req.db` trapped (exit 132): every deployment
/// and `systemctl restart` under load ended in a crash.
final class Drain: Sendable {
    private struct State {
        var draining = false
        var inFlight = 0
    }
    private let state = NIOLockedValueBox(State())

    /// Whether the node is on its way out: `/readyz` answers 503.
    var isDraining: Bool { state.withLockedValue { $0.draining } }

    /// Requests that have entered and not yet left `InFlightMiddleware`.
    var inFlight: Int { state.withLockedValue { $0.inFlight } }

    func begin() { state.withLockedValue { $0.draining = true } }
    func enter() { state.withLockedValue { $0.inFlight += 1 } }
    func leave() { state.withLockedValue { $0.inFlight -= 1 } }

    /// Waits until no request is in flight, or until `deadline`; whether none is.
    func waitUntilIdle(before deadline: ContinuousClock.Instant) async -> Bool {
        while inFlight > 0 {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

/// Counts the requests in flight for `Drain`; the outermost middleware, so that a request
/// counts from its first middleware to its last byte of headers, error pages included.
struct InFlightMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let drain = request.application.drain
        drain.enter()
        defer { drain.leave() }
        return try await next.respond(to: request)
    }
}

extension Application {
    private struct DrainKey: StorageKey, LockKey { typealias Value = Drain }

    /// The node's one `Drain`, made on first use.
    var drain: Drain {
        locks.lock(for: DrainKey.self).withLock {
            if let drain = storage[DrainKey.self] { return drain }
            let drain = Drain()
            storage[DrainKey.self] = drain
            return drain
        }
    }

    /// After SIGTERM (or SIGINT): `/readyz` turns to 503; after `SHUTDOWN_DELAY_SECONDS` the
    /// node stops accepting connections, closes the idle ones and lets the requests in flight
    /// finish, all within `SHUTDOWN_TIMEOUT_SECONDS`; then the statements being sent to a
    /// Learning Record Store get what is left of that time. The mail and job loops begin no
    /// new pass from the first moment, and a pass under way has until the same deadline.
    /// Returns whether every request and pass finished: only then may the databases be
    /// closed (`asyncShutdown`).
    public func finishServing() async -> Bool {
        let settings = config.operations
        let deadline = ContinuousClock.now + .seconds(settings.shutdownDelay + settings.shutdownTimeout)
        drain.begin()
        logger.notice("Stopping: /readyz answers 503; \(drain.inFlight) request(s) in flight")
        // The mail and job loops stop now: no new pass begins while the node drains, and the
        // pass under way has the whole of the time to end (BackgroundLoops).
        let loops = backgroundLoops
        let loopsStopped = Task { await loops.stop(before: deadline) }
        if settings.shutdownDelay > 0 { try? await Task.sleep(for: .seconds(settings.shutdownDelay)) }
        // Stops accepting, closes idle keep-alive connections and waits for the others to
        // finish their response, up to `http.server.configuration.shutdownTimeout`.
        await server.shutdown()
        guard await drain.waitUntilIdle(before: deadline) else {
            logger.error("Stopping: \(drain.inFlight) request(s) still running after \(settings.shutdownTimeout) s; exiting without them")
            return false
        }
        let sender = statementSender
        if await !Deadline.finished(before: deadline, { await sender.idle() }) {
            logger.warning("Stopping: statements still being sent to the Learning Record Store stay unsent for the next start")
        }
        // The outbox and the jobs: a pass under way ended within the time, or is left to its
        // lease (BackgroundLoops).
        let running = await loopsStopped.value
        guard running.isEmpty else {
            logger.error(
                "Stopping: \(running.joined(separator: " and ")) still running after \(settings.shutdownTimeout) s; exiting without them (another node takes their work when its lease runs out)"
            )
            return false
        }
        logger.notice("Stopped serving: every request finished")
        return true
    }
}
