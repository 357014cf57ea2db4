import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOSSL
import SQLKit
import Vapor

/// How the app is being started, beyond what the environment says.
public struct LaunchOptions: Sendable {
    /// Values that replace the process environment (tests use this).
    public var environment: [String: String]
    /// A PostgreSQL schema to put every table in (tests give each test its own).
    public var postgresSchema: String?
    /// Overrides `DATABASE_URL` (the demo always uses its own fresh SQLite file).
    public var databaseOverride: AppConfig.DatabaseChoice?
    /// Whether this process sends the outbox and runs the periodic jobs: `serve` and the demo
    /// do; other commands (`migrate`, `create-admin`, `mail-test`…) boot the app too, and
    /// must not take a batch of mail they would not finish.
    public var runsBackgroundWork = false

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        postgresSchema: String? = nil, databaseOverride: AppConfig.DatabaseChoice? = nil
    ) {
        self.environment = environment
        self.postgresSchema = postgresSchema
        self.databaseOverride = databaseOverride
    }
}

/// The composition root: configuration, database, middleware, translations, routes.
public func configure(_ app: Application, options: LaunchOptions = .init()) async throws {
    var config = try AppConfig.load(from: options.environment)
    if let override = options.databaseOverride { config.database = override }
    app.config = config

    try configureDatabase(app, config: config, schema: options.postgresSchema)
    registerMigrations(app)

    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.translator = try Translator.load(directory: app.directory.resourcesDirectory + "Locales/")
    app.questionnaireTranslations = try QuestionnaireTranslations.load(directory: app.directory.resourcesDirectory + "Questionnaires/")
    _ = AppMetrics.registry()

    // API dates are ISO 8601 (RFC 3339), as the OpenAPI document says.
    ContentConfiguration.global.use(encoder: JSONEncoder.custom(dates: .iso8601), for: .json)
    // Every form, JSON body and query string has its NUL bytes replaced on decoding (issue #14).
    NULInput.install()

    // A roster CSV of a few thousand staff fits well under this; larger bodies get a 413.
    app.routes.defaultMaxBodySize = "2mb"
    // How long a stopping node lets open connections finish their response (`finishServing`).
    app.http.server.configuration.shutdownTimeout = .seconds(Int64(config.operations.shutdownTimeout))

    // Outermost first. Security headers wrap everything, error pages included; the
    // session, language, notice and CSRF layers skip `/api/`, which uses bearer tokens.
    app.middleware = .init()
    app.middleware.use(InFlightMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(RequestLogMiddleware(level: .info))
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(NULPathMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(SessionAuthenticationMiddleware())
    app.middleware.use(LanguageMiddleware())
    app.middleware.use(NoticeMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(NotificationCountMiddleware())
    app.middleware.use(MailContextMiddleware())

    // The outbox's sender and the periodic jobs run in the server; tests run them with their
    // own clock (`OutboxSender.sendDue`, `JobScheduler.runDue`).
    if options.runsBackgroundWork, app.environment != .testing {
        app.lifecycle.use(OutboxSenderLoop())
        app.lifecycle.use(JobLoop(scheduler: AppJobs.scheduler))
    }
    if let smtp = config.mail.smtp, smtp.isUnencrypted {
        // Acceptable only for a relay on this machine or a private network (a local Postfix).
        app.logger.warning(
            "SMTP_URL uses smtp:// without TLS: mail crosses the network unencrypted. Use smtp+starttls:// or smtps:// unless the server is a relay on this host or a private network."
        )
    }

    app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(EraseUserCommand(), as: "erase-user")
    app.asyncCommands.use(WellbeingBenchmarkCommand(), as: "bench-wellbeing")
    app.asyncCommands.use(HandbookSearchBenchmarkCommand(), as: "bench-handbook-search")
    app.asyncCommands.use(MatchCostsCommand(), as: "match-costs")
    app.asyncCommands.use(SendStatementsCommand(), as: "xapi-send")
    app.asyncCommands.use(CourseBenchmarkSeedCommand(), as: "bench-course-seed")
    app.asyncCommands.use(ClusterBenchmarkSeedCommand(), as: "bench-cluster-seed")
    app.asyncCommands.use(MailTestCommand(), as: "mail-test")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(MailBenchmarkSeedCommand(), as: "bench-mail-seed")

    try routes(app)
}

private func configureDatabase(_ app: Application, config: AppConfig, schema: String?) throws {
    switch config.database {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .sqliteFile(let path):
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
        app.lifecycle.use(SQLiteTuning())
    case .postgres(let url):
        var postgres = try SQLPostgresConfiguration(url: url)
        if let schema { postgres.searchPath = [schema] }
        // A database that is down or unreachable is told within seconds (503 with
        // Retry-After), not after PostgresNIO's and the pool's 10 s each (issue 20). One
        // setting for both: a 2 s connect timeout failed new connections on a busy machine
        // (the PostgreSQL test stage on two cores) where the database was only slow.
        postgres.coreConfiguration.options.connectTimeout = .seconds(Int64(config.operations.poolTimeout))
        app.databases.use(
            .postgres(configuration: postgres, connectionPoolTimeout: .seconds(Int64(config.operations.poolTimeout))), as: .psql)
    }
}

/// SQLite in WAL mode with full sync: readers do not block the writer, and a committed
/// transaction survives a power cut (https://www.sqlite.org/wal.html).
private struct SQLiteTuning: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        guard let sql = application.db as? any SQLDatabase else { return }
        _ = try await sql.raw("PRAGMA journal_mode=WAL").all()
        _ = try await sql.raw("PRAGMA synchronous=FULL").all()
        _ = try await sql.raw("PRAGMA busy_timeout=5000").all()
    }
}
