import App
import Foundation
import Logging
import Vapor

/// `collegium serve` (migrates first), `collegium migrate`, `collegium demo`,
/// `collegium create-admin`. See docs/operations.md.
@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        // LOG_FORMAT=json: one JSON object per line with the request id (docs/operations.md).
        switch JSONLogHandler.factory(format: Environment.get("LOG_FORMAT"), level: Environment.get("LOG_LEVEL")) {
        case .success(let json?): LoggingSystem.bootstrap(json)
        case .success(nil): try LoggingSystem.bootstrap(from: &env)
        case .failure(let error):
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            exit(78)
        }

        let command = env.arguments.dropFirst().first
        let plan = LaunchPlan(arguments: env.arguments)
        let isDemo = plan.kind == .demo
        var options = LaunchOptions()
        if plan.usesNoDatabase {
            // Help and file-only commands: an empty in-memory database, nothing on disk.
            options.databaseOverride = .sqliteMemory
        } else if isDemo {
            // The demo always starts from a fresh SQLite file, whatever DATABASE_URL says;
            // only DEMO_DATABASE_URL puts it elsewhere (the crash test fills an empty
            // PostgreSQL database with it, then restarts the server on that database).
            if options.environment["DEMO_DATABASE_URL"] == nil {
                try DemoLauncher.resetDatabaseFile()
                options.databaseOverride = .sqliteFile(path: DemoLauncher.databasePath)
            } else {
                options.environment["DATABASE_URL"] = options.environment["DEMO_DATABASE_URL"]
            }
        }
        options.runsBackgroundWork = isDemo || plan.kind == .serve
        // `demo` is `serve` on the demo's data (`demo --help` prints serve's options).
        if command == "demo" { env.arguments[1] = "serve" }

        // Links in emails must point where this process listens unless PUBLIC_URL says otherwise.
        if options.environment["PUBLIC_URL"] == nil, command == nil || command == "serve" || isDemo {
            options.environment["PUBLIC_URL"] = publicURL(from: env.arguments)
        }

        let app = try await Application.make(env)
        do {
            try await configure(app, options: options)
            if isDemo {
                try await DemoLauncher.seed(app)
            } else if plan.kind == .serve {
                // Migrations and the shipped handbook and courses, one node at a time.
                try await setUpDatabase(app)
            }
            try await app.execute()
        } catch {
            // A bad configuration is an operator's mistake, not a crash: say what is wrong
            // and stop with EX_CONFIG (sysexits.h), without a stack trace.
            if let configError = error as? ConfigError {
                FileHandle.standardError.write(Data((configError.description + "\n").utf8))
            } else {
                app.logger.report(error: error)
            }
            try? await app.asyncShutdown()
            exit(error is ConfigError ? 78 : 1)
        }
        // SIGTERM or SIGINT ended `serve`: finish the requests in flight before the databases
        // close under them (issue 20). If some are still running at SHUTDOWN_TIMEOUT_SECONDS,
        // exit at once: closing the databases would make their next query trap, and
        // PostgreSQL rolls back what they had not committed.
        if plan.kind == .serve || isDemo, await !app.finishServing() {
            exit(1)
        }
        try await app.asyncShutdown()
    }

    /// `http://HOST:PORT` from `--hostname`/`-H` and `--port`/`-p`, with Vapor's defaults.
    static func publicURL(from arguments: [String]) -> String {
        func value(_ names: [String]) -> String? {
            for (index, argument) in arguments.enumerated() {
                for name in names {
                    if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
                    if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
                }
            }
            return nil
        }
        var host = value(["--hostname", "-H"]) ?? "127.0.0.1"
        if host == "0.0.0.0" || host == "::" { host = "127.0.0.1" }
        return "http://\(host):\(value(["--port", "-p"]) ?? "8080")"
    }
}
