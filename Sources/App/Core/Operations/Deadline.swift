import NIOConcurrencyHelpers

/// Waiting for work that may not end in time, without waiting for it to end: a task group
/// would wait for its cancelled child, and a database call does not stop when cancelled
/// (a pool waiting for a connection holds on for its own timeout).
enum Deadline {
    /// Runs `work` in a task of its own and returns its value, or nil once `seconds` have
    /// passed; the work then goes on alone, and its result is dropped.
    static func value<T: Sendable>(within seconds: Double, _ work: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T?, any Error>) in
            let resumed = NIOLockedValueBox(false)
            let finish: @Sendable (Result<T?, any Error>) -> Void = { result in
                let first = resumed.withLockedValue { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(with: result) }
            }
            let timer = Task {
                try? await Task.sleep(for: .seconds(seconds))
                finish(.success(nil))
            }
            Task {
                do {
                    finish(.success(try await work()))
                } catch {
                    finish(.failure(error))
                }
                timer.cancel()
            }
        }
    }

    /// Whether `work` finished before `deadline`.
    static func finished(before deadline: ContinuousClock.Instant, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        let left = (deadline - ContinuousClock.now).components
        let seconds = max(0, Double(left.seconds) + Double(left.attoseconds) / 1e18)
        return (try? await value(within: seconds) { await work() }) != nil
    }
}
