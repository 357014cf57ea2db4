import Testing

@testable import App

@Suite("Configuration")
struct ConfigTests {
    @Test("Defaults make a fresh checkout run on SQLite under ./data")
    func defaults() throws {
        let config = try AppConfig.load(from: [:])
        #expect(config.database == .sqliteFile(path: "data/collegium.sqlite"))
        #expect(!config.usesHTTPS)
        #expect(config.sessionIdleTimeout == 3600)
    }

    @Test("DATABASE_URL selects PostgreSQL or an SQLite file")
    func databases() throws {
        #expect(try AppConfig.load(from: ["DATABASE_URL": "postgres://u:p@db:5432/app"]).database == .postgres(url: "postgres://u:p@db:5432/app"))
        #expect(try AppConfig.load(from: ["DATABASE_URL": "sqlite:/var/lib/collegium/db.sqlite"]).database == .sqliteFile(path: "/var/lib/collegium/db.sqlite"))
    }

    @Test("Every bad value is named in one error")
    func everyProblem() {
        do {
            _ = try AppConfig.load(from: ["DATABASE_URL": "mysql://x", "PUBLIC_URL": "collegium.example", "BCRYPT_COST": "40", "SESSION_IDLE_MINUTES": "soon"])
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.problems.count == 4)
            for name in ["DATABASE_URL", "PUBLIC_URL", "BCRYPT_COST", "SESSION_IDLE_MINUTES"] {
                #expect(error.description.contains(name))
            }
        }
    }
}
