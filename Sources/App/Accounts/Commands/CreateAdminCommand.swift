import Domain
import Fluent
import Vapor

/// `collegium create-admin --email a@b.org --given-name Ana --family-name Bērziņa`
/// Creates an instance administrator, or makes an existing account one. The password is
/// read from `COLLEGIUM_ADMIN_PASSWORD` or asked for on the terminal without echo.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The administrator's email address")
        var email: String?
        @Option(name: "given-name", help: "Given name")
        var givenName: String?
        @Option(name: "family-name", help: "Family name")
        var familyName: String?
        init() {}
    }

    var help: String { "Creates an instance administrator (or promotes an existing account)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await SchemaSetup.migrate(app)
        guard let email = EmailAddress(signature.email ?? "") else {
            context.console.error("Give a valid --email.")
            throw Abort(.badRequest)
        }
        // The one rule for people's names (`PersonName`), as on every form.
        for name in [signature.givenName, signature.familyName].compactMap({ $0 }) where !name.isEmpty {
            if case .failure = PersonName.validate(name) {
                context.console.error("A name takes at most \(PersonName.maximumLength) characters and no control or text-direction characters.")
                throw Abort(.badRequest)
            }
        }
        if let existing = try await User.query(on: app.db).filter(\.$email == email.value).first() {
            existing.isAdmin = true
            try await existing.save(on: app.db)
            context.console.success("\(email.value) is now an administrator.")
            return
        }
        let password =
            ProcessInfo.processInfo.environment["COLLEGIUM_ADMIN_PASSWORD"]
            ?? context.console.ask(.init(stringLiteral: "Password for \(email.value) (at least \(PasswordRules.minimumLength) characters):"), isSecure: true)
        let problems = PasswordRules.check(password, confirmation: password)
        guard problems.isEmpty else {
            context.console.error("The password is too short or too long.")
            throw Abort(.badRequest)
        }
        let user = User(
            email: email.value, givenName: signature.givenName ?? "Admin", familyName: signature.familyName ?? "",
            passwordHash: try app.password.hash(password), isAdmin: true)
        try await user.save(on: app.db)
        context.console.success("Administrator \(email.value) created.")
    }
}
