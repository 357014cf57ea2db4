import NIOConcurrencyHelpers
import Vapor

@testable import App

/// What `collegium <command>` printed, and whether it failed. The entrypoint turns any
/// error a command throws into exit status 1, so `failed` is "the process exits non-zero".
struct CommandRun {
    var output: String
    var error: (any Error)?
    var failed: Bool { error != nil }
}

/// Runs `collegium <arguments>` in the test's app, the way `Application.startup` does (the
/// same command table, the global `--yes`), on a console that types `input` line by line
/// (a password asked for without echo, a confirmation) and keeps everything printed.
/// In-process rather than the built binary: the binary may be older than the sources under
/// test, and this way the command works on the test's own database and clock.
func runCommand(_ app: Application, _ arguments: [String], input: [String] = []) async -> CommandRun {
    let console = RecordingConsole(input: input)
    let commands = AsyncCommands(commands: app.asyncCommands.commands.merging(app.commands.commands) { $1 }).group()
    var context = CommandContext(console: console, input: CommandInput(arguments: ["collegium"] + arguments))
    context.application = app
    do {
        try await console.run(commands, with: context)
        return CommandRun(output: console.text, error: nil)
    } catch {
        return CommandRun(output: console.text, error: error)
    }
}

/// A console for tests: answers `input` in order, records output and errors.
final class RecordingConsole: Console {
    private let state: NIOLockedValueBox<(input: [String], output: String, info: [AnySendableHashable: any Sendable])>

    init(input: [String]) { state = .init((input, "", [:])) }

    var text: String { state.withLockedValue { $0.output } }

    var size: (width: Int, height: Int) { (80, 24) }
    var supportsANSICommands: Bool { false }

    var userInfo: [AnySendableHashable: any Sendable] {
        get { state.withLockedValue { $0.info } }
        set { state.withLockedValue { $0.info = newValue } }
    }

    /// The next typed line; once they are used up, "no", so that a question the test did
    /// not expect (ConsoleKit's `confirm` asks until it gets yes or no) ends instead of looping.
    func input(isSecure: Bool) -> String {
        state.withLockedValue { $0.input.isEmpty ? "no" : $0.input.removeFirst() }
    }

    func output(_ text: ConsoleText, newLine: Bool) {
        state.withLockedValue { $0.output += text.description + (newLine ? "\n" : "") }
    }

    func report(error: String, newLine: Bool) {
        state.withLockedValue { $0.output += error + (newLine ? "\n" : "") }
    }

    func clear(_ type: ConsoleClear) {}
}
