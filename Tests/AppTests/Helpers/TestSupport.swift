import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Boots the real `configure()` on a fresh database for one test: an in-memory SQLite
/// database, or, when `TEST_DATABASE_URL` names a PostgreSQL server, a schema of its own
/// (so tests can run in parallel there too). Time and mail are replaced by test doubles.
@discardableResult
func withApp<T>(
    clock: TestClock = TestClock(),
    environment: [String: String] = [:],
    replacesMailer: Bool = true,
    sqliteFile: String? = nil,
    _ test: (Application, TestContext) async throws -> T
) async throws -> T {
    let app = try await Application.make(.testing)
    // DB_POOL_TIMEOUT_SECONDS as Fluent's own default: the suite runs hundreds of apps in
    // parallel on two cores, and on PostgreSQL a new connection there can take longer than
    // a server's 5 s. The default itself is tested by ShutdownTests and the crash stages.
    var env = ["BCRYPT_COST": "4", "PUBLIC_URL": "http://collegium.test", "DB_POOL_TIMEOUT_SECONDS": "10"]
    var schema: String?
    if let sqliteFile {
        // A database file prepared by the test (an installation's database of an earlier day).
        env["DATABASE_URL"] = "sqlite:" + sqliteFile
    } else if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], url.hasPrefix("postgres") {
        env["DATABASE_URL"] = url
        schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    } else {
        env["DATABASE_URL"] = "sqlite::memory:"
    }
    env.merge(environment) { _, new in new }
    let mailbox = Mailbox()
    let result: T
    do {
        try await configure(app, options: LaunchOptions(environment: env, postgresSchema: schema))
        app.clock = AppClock(now: { clock.now })
        // `replacesMailer: false` keeps the transport `serve` has (tests of what it logs).
        if replacesMailer { app.mailTransport = mailbox }
        mailbox.attach(app, clock: clock)
        app.logger.logLevel = .warning
        if let schema, let sql = app.db as? any SQLDatabase {
            try await sql.raw("CREATE SCHEMA \(unsafeRaw: schema)").run()
        }
        try await app.autoMigrate()
        let context = TestContext(app: app, clock: clock, mailbox: mailbox, fixtures: try await Fixtures.make(on: app))
        result = try await test(app, context)
    } catch {
        await dropSchema(schema, app)
        try? await app.asyncShutdown()
        throw error
    }
    await dropSchema(schema, app)
    try await app.asyncShutdown()
    return result
}

private func dropSchema(_ schema: String?, _ app: Application) async {
    guard let schema, let sql = app.db as? any SQLDatabase else { return }
    try? await sql.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
}

struct TestContext {
    let app: Application
    let clock: TestClock
    let mailbox: Mailbox
    let fixtures: Fixtures

    /// A fresh browser with an empty cookie jar.
    func browser(language: String? = nil) -> Browser { Browser(app: app, acceptLanguage: language) }
}

/// A settable clock (tests never read the wall clock).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = start }

    var now: Date {
        lock.lock(); defer { lock.unlock() }
        return current
    }

    func advance(by seconds: TimeInterval) {
        lock.lock(); defer { lock.unlock() }
        current = current.addingTimeInterval(seconds)
    }
}

/// Receives the e-mails the app sends. Mail waits in the outbox as it does in `serve`;
/// asking the mailbox for its messages sends the outbox to it first (at the test clock's
/// now), through the real `OutboxSender`.
final class Mailbox: MailTransport, @unchecked Sendable {
    struct Mail: Sendable, Equatable {
        var kind: MailMessage.Kind
        var to: String
        var subject: String
        /// The plain-text part.
        var body: String
        /// The rendered message, headers and all.
        var message: String
        var link: String?
    }

    private let lock = NSLock()
    private var received: [Mail] = []
    private weak var app: Application?
    private var clock: TestClock?
    /// Addresses the "server" refuses for good (a 550), as a bouncing mailbox would.
    var refuses: Set<String> = []

    var keepsSentBodies: Bool { true }

    func attach(_ app: Application, clock: TestClock) {
        lock.withLock {
            self.app = app
            self.clock = clock
        }
    }

    func deliver(_ mails: [QueuedMail], logger: Logger) async -> [MailOutcome] {
        let refused = lock.withLock { refuses }
        return mails.map { mail in
            if refused.contains(mail.to) { return .refused("550 5.1.1 <\(mail.to)>: mailbox unavailable") }
            lock.withLock {
                received.append(Mail(kind: mail.kind, to: mail.to, subject: mail.subject, body: mail.text, message: mail.message, link: mail.link))
            }
            return .sent
        }
    }

    /// Sends what the outbox holds, and returns every mail received so far.
    func messages() async throws -> [Mail] {
        let (app, clock) = lock.withLock { (self.app, self.clock) }
        if let app, let clock {
            try await OutboxSender(db: app.db, transport: self, lease: 60, logger: app.logger).sendDue(now: clock.now)
        }
        return lock.withLock { received }
    }

    func last(to email: String) async throws -> Mail? { try await messages().last { $0.to == email } }

    /// The path of the link in the last email to `email`, e.g. `/invitations/abc`.
    func lastLinkPath(to email: String) async throws -> String? {
        guard let link = try await last(to: email)?.link, let url = URL(string: link) else { return nil }
        return url.path
    }
}
