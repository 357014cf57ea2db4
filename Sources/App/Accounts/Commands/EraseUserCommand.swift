import Domain
import Fluent
import Vapor

/// `collegium erase-user --email a@b.org --yes`: removes a person and everything about
/// them (GDPR art. 17), through each table's `PersonalDataHolder.erase`.
struct EraseUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The person's email address")
        var email: String?
        @Flag(name: "yes", help: "Do not ask for confirmation")
        var yes: Bool
        init() {}
    }

    var help: String { "Erases a person and all their personal data." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = EmailAddress(signature.email ?? ""),
            let user = try await User.query(on: app.db).filter(\.$email == email.value).first()
        else {
            context.console.error("No account uses that --email.")
            throw Abort(.notFound)
        }
        guard signature.yes || context.console.confirm("Erase \(user.fullName) <\(user.email)> and all their data?") else { return }
        try await PersonalData.erase(user, on: app.db)
        context.console.success("Erased \(email.value).")
    }
}
