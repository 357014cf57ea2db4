import Fluent
import Foundation
import Vapor

/// `collegium demo`: a fresh SQLite database under `./data/`, filled with `DemoData`,
/// then served like `collegium serve` (same options: `--hostname`, `--port`).
public enum DemoLauncher {
    public static let databasePath = "data/demo.sqlite"

    /// Removes the previous demo database so every demo starts the same.
    public static func resetDatabaseFile() throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
            try FileManager.default.removeItem(atPath: databasePath + suffix)
        }
    }

    /// The demo's invitation and reset links go to the log for whoever runs it, and every
    /// mail stays visible at `/dev/mail`; with `SMTP_URL` set they also go to that server.
    /// Only the demo installs this; `serve` never prints a link (issue #14).
    public static func installTransports(_ app: Application) {
        let server = app.config.mail.smtp.map { SMTPTransport(configuration: $0, from: app.config.mail.from, signer: app.config.mail.dkim) }
        app.mailTransport = DemoLogTransport(next: server)
    }

    public static func seed(_ app: Application) async throws {
        installTransports(app)
        // A clock `/dev/mail` can move forward, to show the next morning's digest now.
        let clock = DemoClock()
        app.clock = AppClock(now: { clock.now })
        try app.register(collection: DevMailController(clock: clock))
        try await setUpDatabase(app)
        let (logins, token) = try await DemoData.seed(on: app.db, hasher: app.password.sync, questionnaires: app.questionnaireTranslations)
        // The network's logo, before its certificates are issued: they carry it (issue 18).
        if let logo = FileManager.default.contents(atPath: app.directory.resourcesDirectory + "Demo/network-logo.png"),
            let network = try await Network.query(on: app.db).first()
        {
            _ = try await NetworkLogos.replace(network: try network.requireID(), bytes: Array(logo), on: app.db)
        }
        // Certificates need the site's address (for their public check), so after DemoData.
        try await DemoCourses.seed(app, now: Date())
        let width = logins.map(\.email.count).max() ?? 30
        var lines = ["", "Collegium demo is ready. Logins (password for all: \(DemoData.password)):"]
        for login in logins {
            lines.append("  " + login.email.padding(toLength: width + 2, withPad: " ", startingAt: 0) + login.name + " — " + login.role)
        }
        lines.append("API token (admin): \(token)")
        lines.append("")
        // Written at once (unbuffered), also when the output goes to a pipe or a file:
        // scripts read the token from it.
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
