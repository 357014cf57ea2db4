import Vapor

/// An email to one person. `link` is the action the email is about (accept an
/// invitation, reset a password): the log transport prints it for operators.
struct MailMessage: Sendable, Equatable {
    enum Kind: String, Sendable { case invitation = "Invitation link", passwordReset = "Password reset link" }
    var kind: Kind
    var to: String
    var subject: String
    var body: String
    var link: String
}

protocol Mailer: Sendable {
    func send(_ message: MailMessage, logger: Logger) async throws
}

/// Where no mail server is configured, emails go to the log, so a small school or a
/// developer can still pass an invitation link on by hand.
struct LogMailer: Mailer {
    func send(_ message: MailMessage, logger: Logger) async throws {
        logger.notice("\(message.kind.rawValue) for \(message.to): \(message.link)")
    }
}

extension Application {
    private struct MailerKey: StorageKey { typealias Value = any Mailer }

    var mailer: any Mailer {
        get { storage[MailerKey.self] ?? LogMailer() }
        set { storage[MailerKey.self] = newValue }
    }
}
