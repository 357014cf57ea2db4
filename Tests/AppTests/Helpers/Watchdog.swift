import Foundation
import NIOConcurrencyHelpers

/// `work`'s result, or nil when it has not finished after `limit` seconds. A watchdog for a
/// test that would hang on a broken product (a probe or a sender waiting forever) instead of
/// failing: when `work` finishes, it returns at once and the watchdog delays nothing.
func finished<T: Sendable>(within limit: Double, _ work: @escaping @Sendable () async throws -> T) async throws -> T? {
    let answered = NIOLockedValueBox(false)
    let outcome: Result<T, any Error>? = await withCheckedContinuation { continuation in
        @Sendable func answer(_ value: Result<T, any Error>?) {
            let first = answered.withLockedValue { done in
                defer { done = true }
                return !done
            }
            if first { continuation.resume(returning: value) }
        }
        let timer = Task {
            try await Task.sleep(for: .seconds(limit))
            answer(nil)
        }
        Task {
            do { answer(.success(try await work())) } catch { answer(.failure(error)) }
            timer.cancel()
        }
    }
    return try outcome?.get()
}
