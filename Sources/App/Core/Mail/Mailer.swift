import Vapor

/// An email to one person. `link` is the action the email is about (accept an
/// invitation, reset a password): a secret, which only the demo's transport prints.
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

/// The transport of `serve` while no mail server is configured: it says in the log that
/// an email could not go out (its kind and recipient), never its link. A reset or
/// invitation link is a credential, and logs are read, shipped and kept by people and
/// systems that must not be able to sign in as someone (issue #14, ASVS 7.1.1).
struct UndeliverableMailer: Mailer {
    func send(_ message: MailMessage, logger: Logger) async throws {
        logger.warning("Email not delivered, no mail server is configured: \(message.kind.logName) to \(message.to)")
    }
}

/// The transport of `collegium demo`, which has no mail server: it prints each link to
/// the log so whoever runs the demo can follow it (the browser suite reads them there).
/// Installed by `DemoLauncher` only, never by `serve`.
struct DemoLogMailer: Mailer {
    func send(_ message: MailMessage, logger: Logger) async throws {
        logger.notice("\(message.kind.rawValue) for \(message.to): \(message.link)")
    }
}

extension MailMessage.Kind {
    /// What the log calls an undelivered email of this kind (no link in it).
    var logName: String {
        switch self {
        case .invitation: "invitation"
        case .passwordReset: "password reset"
        }
    }
}

extension Application {
    private struct MailerKey: StorageKey { typealias Value = any Mailer }

    /// `UndeliverableMailer` unless something else is installed: the safe default is
    /// the one that cannot leak a link.
    var mailer: any Mailer {
        get { storage[MailerKey.self] ?? UndeliverableMailer() }
        set { storage[MailerKey.self] = newValue }
    }
}
