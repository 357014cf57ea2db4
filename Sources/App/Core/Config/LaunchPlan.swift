/// What `collegium <command> [arguments]` needs before Vapor runs the command: whether it
/// touches the database at all, migrates it first (`serve`), or fills a fresh demo (`demo`).
/// Asking for help, and the commands that work on files alone (`match-costs`), neither open
/// nor create a database, nor boot the web app's data: `serve --help` used to migrate and
/// create `data/collegium.sqlite` just to print its options (issue 16).
public struct LaunchPlan: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Serve the site: migrate, load the shipped handbook and courses, then serve.
        case serve
        /// The demo: a fresh database filled with the demo's data, then serve.
        case demo
        /// A command that reads or changes the configured database (`migrate`, `create-admin`…).
        case databaseCommand
        /// Help, or a command that needs no database: it gets an in-memory one that stays empty.
        case noDatabase
    }

    public var kind: Kind

    /// Commands that work on files or numbers alone, and those that open the configured
    /// database themselves (a backup reads it on a connection of its own; a restore must find
    /// the target unopened).
    public static let commandsWithoutDatabase: Set<String> = ["match-costs", "backup", "restore"]

    /// `arguments` as the process got them, the executable's name first.
    public init(arguments: [String]) {
        let command = arguments.dropFirst().first
        let rest = arguments.dropFirst(2)
        let wantsHelp = command == "--help" || command == "-h" || rest.contains("--help") || rest.contains("-h")
        if wantsHelp || command.map(Self.commandsWithoutDatabase.contains) == true {
            kind = .noDatabase
        } else if command == "demo" {
            kind = .demo
        } else if command == nil || command == "serve" {
            kind = .serve
        } else {
            kind = .databaseCommand
        }
    }

    /// Whether the process must use a database nobody sees (nothing on disk, nothing migrated).
    public var usesNoDatabase: Bool { kind == .noDatabase }
}
