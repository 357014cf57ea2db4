import NIOConcurrencyHelpers
import Vapor

/// The loops a node runs beside its requests: the mail outbox and the scheduled jobs. A
/// stopping node cancels them once its requests have finished, and waits for the pass under
/// way only for what is left of `SHUTDOWN_TIMEOUT_SECONDS` (issue 20); before, a long job run
/// held the stop past it. A pass cut off this way is not lost: each takes its work under a
/// lease, which runs out, and another node (or the next start) takes the work again.
final class BackgroundLoops: Sendable {
    private struct Loop {
        let name: String
        let task: Task<Void, Never>
    }
    private let loops = NIOLockedValueBox<[Loop]>([])

    /// Starts `body` as a loop named `name` (in the log); it should end once cancelled.
    @discardableResult
    func start(_ name: String, _ body: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        let task = Task.detached(operation: body)
        loops.withLockedValue { $0.append(Loop(name: name, task: task)) }
        return task
    }

    /// Cancels every loop and waits for each to end its pass, until `deadline`. Returns the
    /// names of those still running then.
    func stop(before deadline: ContinuousClock.Instant) async -> [String] {
        let all = loops.withLockedValue { $0 }
        for loop in all { loop.task.cancel() }
        var running: [String] = []
        for loop in all {
            let task = loop.task
            if await !Deadline.finished(before: deadline, { await task.value }) { running.append(loop.name) }
        }
        return running
    }
}

extension Application {
    private struct BackgroundLoopsKey: StorageKey, LockKey { typealias Value = BackgroundLoops }

    /// The node's loops, made on first use.
    var backgroundLoops: BackgroundLoops {
        locks.lock(for: BackgroundLoopsKey.self).withLock {
            if let loops = storage[BackgroundLoopsKey.self] { return loops }
            let loops = BackgroundLoops()
            storage[BackgroundLoopsKey.self] = loops
            return loops
        }
    }
}
