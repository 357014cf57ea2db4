import Fluent
import Vapor

/// `collegium xapi-send`: sends every learning statement the Learning Record Store has not
/// accepted yet (after the store was down, or when `XAPI_LRS_URL` is set for the first
/// time). Statements are otherwise sent as they happen.
struct SendStatementsCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }

    var help: String { "Sends unsent xAPI statements to the Learning Record Store (XAPI_LRS_URL)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard app.config.learningRecordStore != nil else {
            context.console.error("XAPI_LRS_URL is not set: there is no Learning Record Store to send to.")
            throw Abort(.badRequest)
        }
        try await SchemaSetup.migrate(app)
        // A store that cannot be reached is reported like one that refuses: with what is left.
        var sent = 0
        do {
            sent = try await Statements.send(app)
        } catch {
            context.console.error("The Learning Record Store could not be reached: \(String(describing: error))")
        }
        let left = try await LearningStatement.query(on: app.db).filter(\.$sentAt == nil).count()
        context.console.print("Sent \(sent) statements; \(left) not accepted yet.")
        if left > 0 { throw Abort(.serviceUnavailable) }
    }
}
