import App
import Logging
import Vapor

/// `collegium serve` (migrates first), `collegium migrate`, `collegium demo`,
/// `collegium create-admin`. See docs/operations.md.
@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)

        let command = env.arguments.dropFirst().first
        let isDemo = command == "demo"
        var options = LaunchOptions()
        if isDemo {
            // The demo always starts from a fresh SQLite file, whatever DATABASE_URL says.
            try DemoLauncher.resetDatabaseFile()
            options.databaseOverride = .sqliteFile(path: DemoLauncher.databasePath)
            env.arguments[1] = "serve"
        }

        let app = try await Application.make(env)
        do {
            try await configure(app, options: options)
            if isDemo {
                try await DemoLauncher.seed(app)
            } else if command == nil || command == "serve" {
                try await app.autoMigrate()
            }
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            if let configError = error as? ConfigError { print(configError.description) }
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
