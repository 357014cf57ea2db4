import Testing

@testable import App

/// What each command line needs before it runs (issue 16): help and file-only commands get
/// an empty in-memory database, so `serve --help` no longer migrates and creates a file.
@Suite("What a command line needs")
struct LaunchPlanTests {
    @Test("serve (or nothing) migrates; demo fills a fresh demo; other commands use the configured database")
    func commands() {
        #expect(LaunchPlan(arguments: ["collegium"]).kind == .serve)
        #expect(LaunchPlan(arguments: ["collegium", "serve", "--port", "8080"]).kind == .serve)
        #expect(LaunchPlan(arguments: ["collegium", "demo"]).kind == .demo)
        for command in ["migrate", "create-admin", "erase-user", "xapi-send", "routes", "bench-wellbeing"] {
            #expect(LaunchPlan(arguments: ["collegium", command]).kind == .databaseCommand, "\(command)")
        }
    }

    @Test("Help, wherever it is asked, and match-costs need no database")
    func noDatabase() {
        for arguments in [
            ["collegium", "--help"], ["collegium", "-h"], ["collegium", "serve", "--help"], ["collegium", "demo", "--help"],
            ["collegium", "migrate", "-h"], ["collegium", "match-costs", "costs.csv"], ["collegium", "match-costs", "--help"],
        ] {
            let plan = LaunchPlan(arguments: arguments)
            #expect(plan.kind == .noDatabase && plan.usesNoDatabase, "\(arguments)")
        }
        // A value after an option is not a command.
        #expect(LaunchPlan(arguments: ["collegium", "serve", "--hostname", "0.0.0.0"]).kind == .serve)
    }
}
