import Domain
import Fluent
import Vapor

/// The one gate in front of every check of a person's password: the login form and
/// accepting an invitation as an existing account (issue #14, class 8).
///
/// - The attempt is reserved *before* the password is checked: its row is written first,
///   then the attempts in the window are read, this one's included. Of a parallel burst
///   the k-th row to land sees at least k-1 others, so no more than the free number get
///   through, whichever process serves them (the database is the only shared state; each
///   statement commits on its own, which is enough on SQLite and PostgreSQL alike).
///   A refused attempt removes its row again, so waiting guessers do not push the delay on.
/// - Unknown addresses and accounts without a password are checked against a dummy hash of
///   the same cost, so the time of the answer does not tell who has an account.
/// - Limits are delays, never a lock (`LoginThrottle`); see docs/security.md.
struct LoginGuard {
    static let throttle = LoginThrottle()

    let req: Request

    struct Reservation {
        fileprivate let row: LoginFailure
    }

    enum Decision {
        case check(Reservation)
        case wait(seconds: Int)
    }

    /// Reserves an attempt at `account` (the normalised address typed) from this client.
    func reserve(account: String) async throws -> Decision {
        let now = req.now
        let client = req.loginClientKey
        let start = Self.throttle.windowStart(at: now)
        let row = LoginFailure(email: account, client: client, failedAt: now)
        try await row.create(on: req.db)
        let id = try row.requireID()

        let others = try await LoginFailure.query(on: req.db)
            .filter(\.$failedAt > start).filter(\.$id != id)
            .group(.or) { $0.filter(\.$email == account).filter(\.$client == client) }
            .all()
        let onAccount = others.filter { $0.email == account }
        let wait = Self.throttle.retryAfter(
            accountFromClient: onAccount.filter { $0.client == client }.map(\.failedAt),
            account: onAccount.map(\.failedAt),
            client: others.filter { $0.client == client }.map(\.failedAt),
            now: now)
        if let wait {
            try await row.delete(on: req.db)
            return .wait(seconds: wait)
        }
        // Failures that aged out are of no use to anyone: remove them.
        try await LoginFailure.query(on: req.db).filter(\.$failedAt <= start).delete()
        return .check(Reservation(row: row))
    }

    /// The password was right: this attempt and this client's earlier failures at the
    /// account no longer count. Failures from other clients stay.
    func succeeded(_ reservation: Reservation) async throws {
        let row = reservation.row
        try await LoginFailure.query(on: req.db)
            .filter(\.$email == row.email).filter(\.$client == row.client).delete()
    }

    /// What one whole check of a known account's password came to.
    enum Check {
        case wait(seconds: Int)
        case wrong
        case right
    }

    /// Reserves an attempt at `account`, checks `password` against its `hash` and, when it is
    /// right, clears this client's failures: the whole gate for a form that asks a known
    /// account's password (accepting an invitation as an existing account). A wrong
    /// password keeps its reservation, as a failure.
    func check(_ password: String, account: String, against hash: String) async throws -> Check {
        switch try await reserve(account: account) {
        case .wait(let seconds):
            return .wait(seconds: seconds)
        case .check(let reservation):
            guard await verify(password, against: hash) else { return .wrong }
            try await succeeded(reservation)
            return .right
        }
    }

    /// Checks `password` against `hash`, or against a dummy hash of the same cost when
    /// there is none, so that both take the same time. True only for a real hash.
    func verify(_ password: String, against hash: String?) async -> Bool {
        var target = hash
        if target == nil { target = try? await dummyHash() }
        guard let target else { return false }
        let matches = (try? await req.password.async.verify(password, created: target)) ?? false
        return matches && hash != nil
    }

    /// A hash of a random secret made by the configured hasher, once per process.
    private func dummyHash() async throws -> String {
        if let hash = req.application.storage[DummyHashKey.self] { return hash }
        let hash = try await req.password.async.hash(SecretToken.generate())
        req.application.storage[DummyHashKey.self] = hash
        return hash
    }

    private struct DummyHashKey: StorageKey { typealias Value = String }

    /// The page's error for `seconds` of waiting, in the person's language.
    func waitMessage(_ seconds: Int) -> String {
        req.t(
            "Too many failed attempts. Please wait {minutes} minutes and try again.",
            ["minutes": req.localizer.number(max(1, (seconds + 59) / 60))])
    }
}

extension Response {
    /// 429 with `Retry-After` (RFC 6585), as every throttled answer carries.
    func retrying(after seconds: Int) -> Response {
        status = .tooManyRequests
        headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
        return self
    }
}
