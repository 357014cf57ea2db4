import Foundation

/// Decides whether a password may be checked now, from the attempts already made
/// (OWASP ASVS 4.0 V2.2.1, NIST SP 800-63B 5.2.2). Counting happens in the database so
/// that every `serve` process shares it; this type only applies the rule.
///
/// Nothing here ever locks an account: past a number of free failures each further
/// attempt must wait a delay that doubles per failure up to a cap, and old failures age
/// out of the window. Three scopes are checked (issue #14, class 8):
/// - `accountFromClient`: one account from one client, the tight limit a guesser meets;
/// - `account`: one account from all clients together, looser and with a short cap, so
///   that guessers spread over many clients are slowed without a stranger being able to
///   shut the owner out for long;
/// - `client`: one client over all accounts, against spraying one password at many
///   addresses.
public struct LoginThrottle: Sendable {
    public struct Rule: Sendable, Equatable {
        /// Failures allowed in the window before any delay applies.
        public var freeFailures: Int
        /// The delay after the first failure past the free ones; it doubles per failure.
        public var firstDelay: TimeInterval
        public var maximumDelay: TimeInterval

        public init(freeFailures: Int, firstDelay: TimeInterval, maximumDelay: TimeInterval) {
            self.freeFailures = freeFailures
            self.firstDelay = firstDelay
            self.maximumDelay = maximumDelay
        }

        /// How long after the latest failure the next attempt must wait, when `failures`
        /// failures count.
        public func delay(afterFailures failures: Int) -> TimeInterval {
            let excess = failures - freeFailures
            guard excess >= 0 else { return 0 }
            // 2^excess grows fast: stop doubling once past the cap, so it never overflows.
            var delay = firstDelay
            for _ in 0..<min(excess, 40) where delay < maximumDelay { delay *= 2 }
            return min(delay, maximumDelay)
        }
    }

    public var window: TimeInterval
    public var accountFromClient: Rule
    public var account: Rule
    public var client: Rule

    public init(
        window: TimeInterval = 60 * 60,
        accountFromClient: Rule = Rule(freeFailures: 5, firstDelay: 30, maximumDelay: 15 * 60),
        account: Rule = Rule(freeFailures: 20, firstDelay: 30, maximumDelay: 5 * 60),
        client: Rule = Rule(freeFailures: 30, firstDelay: 5, maximumDelay: 15 * 60)
    ) {
        self.window = window
        self.accountFromClient = accountFromClient
        self.account = account
        self.client = client
    }

    /// The start of the window that counts at `now`.
    public func windowStart(at now: Date) -> Date { now.addingTimeInterval(-window) }

    /// nil when an attempt is allowed under `rule`, else how many seconds until it will be.
    /// `others` are the other attempts in the scope (failed, or still being checked), not
    /// this one: an attempt in flight counts, which is what makes a parallel burst wait.
    public func retryAfter(_ rule: Rule, others: [Date], now: Date) -> Int? {
        let recent = others.filter { $0 > windowStart(at: now) }
        guard recent.count >= rule.freeFailures, let latest = recent.max() else { return nil }
        let wait = latest.addingTimeInterval(rule.delay(afterFailures: recent.count)).timeIntervalSince(now)
        return wait > 0 ? max(1, Int(wait.rounded(.up))) : nil
    }

    /// The longest wait over the three scopes, or nil when all allow the attempt.
    public func retryAfter(accountFromClient pair: [Date], account: [Date], client: [Date], now: Date) -> Int? {
        [
            retryAfter(accountFromClient, others: pair, now: now),
            retryAfter(self.account, others: account, now: now),
            retryAfter(self.client, others: client, now: now),
        ].compactMap { $0 }.max()
    }
}
