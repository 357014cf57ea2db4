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
    var env = ["BCRYPT_COST": "4", "PUBLIC_URL": "http://collegium.test"]
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
        // `replacesMailer: false` keeps the mailer `serve` has (tests of what it logs).
        if replacesMailer { app.mailer = mailbox }
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

/// Collects the emails the app sends.
actor Mailbox: Mailer {
    private(set) var messages: [MailMessage] = []

    nonisolated func send(_ message: MailMessage, logger: Logger) async throws {
        await append(message)
    }

    private func append(_ message: MailMessage) { messages.append(message) }

    func last(to email: String) -> MailMessage? { messages.last { $0.to == email } }

    /// The path of the link in the last email to `email`, e.g. `/invitations/abc`.
    func lastLinkPath(to email: String) -> String? {
        guard let link = last(to: email)?.link, let url = URL(string: link) else { return nil }
        return url.path
    }
}
