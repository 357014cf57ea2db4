import Foundation

/// Decides whether another login attempt may be made, from the failures already seen
/// (OWASP ASVS 4.0 V2.2.1). Counting happens in the database so that every `serve`
/// process shares it; this type only applies the rule.
public struct LoginThrottle: Sendable {
    public var maximumFailures: Int
    public var window: TimeInterval

    public init(maximumFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maximumFailures = maximumFailures
        self.window = window
    }

    /// The start of the window that counts at `now`.
    public func windowStart(at now: Date) -> Date { now.addingTimeInterval(-window) }

    /// nil when an attempt is allowed, else how many seconds until it will be.
    public func retryAfter(failures: [Date], now: Date) -> Int? {
        let recent = failures.filter { $0 > windowStart(at: now) }.sorted()
        guard recent.count >= maximumFailures else { return nil }
        let oldestCounted = recent[recent.count - maximumFailures]
        return max(1, Int((oldestCounted.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
    }
}
