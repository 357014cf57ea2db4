import Foundation
import SMTP
import Vapor

/// One mail a sender claimed from the outbox, as the transport needs it.
struct QueuedMail: Sendable, Equatable {
    var id: UUID
    var kind: MailMessage.Kind
    var to: String
    var subject: String
    var text: String
    /// The rendered message, unsigned.
    var message: String
    var messageID: String
    var link: String?
}

/// What became of one attempt to send one mail.
enum MailOutcome: Sendable, Equatable {
    case sent
    /// The server refused the recipient for good (a 5xx to RCPT TO): the address is marked
    /// undeliverable.
    case refused(String)
    /// The server refused this message for good (a 5xx to DATA or to its end: spam, size,
    /// policy): the mail fails, the address is not marked.
    case rejected(String)
    /// Try again later (4xx, a dropped or refused connection, a timeout, a TLS failure).
    case retry(String)
    /// The settings are wrong (password, certificate): retried like a temporary failure, so
    /// that nothing is lost while an administrator mends them, and logged as an error.
    case misconfigured(String)
    /// Will never go: there is no mail server (`serve` without `SMTP_URL`).
    case dropped(String)
}

/// Where claimed mail goes. `serve` uses `SMTPTransport` (or `UnconfiguredTransport`
/// without `SMTP_URL`), the demo `DemoLogTransport`, the tests a mailbox of their own.
protocol MailTransport: Sendable {
    /// Sends the mails in order and says for each what happened, in the same order.
    func deliver(_ mails: [QueuedMail], logger: Logger) async -> [MailOutcome]
    /// Sends the mails in order and hands each outcome to `record` (with the mail's index) as
    /// soon as the server has answered, before the next mail goes: the outbox writes it down
    /// at once, so a process killed mid-send has at most one mail that reached the server
    /// and is not yet marked sent (issue 17: "at most one duplicate per kill"). An error of
    /// `record` stops the sending and is thrown.
    func deliver(_ mails: [QueuedMail], logger: Logger, record: (Int, MailOutcome) async throws -> Void) async throws
    /// Whether a sent mail keeps its body in the outbox (the demo's `/dev/mail` shows it).
    var keepsSentBodies: Bool { get }
}

extension MailTransport {
    var keepsSentBodies: Bool { false }

    /// A transport that answers for all its mails at once (nothing is sent over a network).
    func deliver(_ mails: [QueuedMail], logger: Logger, record: (Int, MailOutcome) async throws -> Void) async throws {
        for (index, outcome) in await deliver(mails, logger: logger).enumerated() {
            try await record(index, outcome)
        }
    }
}

/// Sends through the configured SMTP server, signing with DKIM when a key is set, many
/// mails over one connection.
struct SMTPTransport: MailTransport {
    let client: SMTPClient
    let from: SMTP.EmailAddress

    init(configuration: SMTPConfiguration, from: SMTP.EmailAddress, signer: DKIMSigner?) {
        client = SMTPClient(configuration: configuration, signer: signer)
        self.from = from
    }

    func deliver(_ mails: [QueuedMail], logger: Logger) async -> [MailOutcome] {
        var outcomes: [MailOutcome] = []
        try? await deliver(mails, logger: logger) { _, outcome in outcomes.append(outcome) }
        return outcomes
    }

    func deliver(_ mails: [QueuedMail], logger: Logger, record: (Int, MailOutcome) async throws -> Void) async throws {
        var next = 0
        /// Says what happened to every mail not yet sent, without sending it.
        func remaining(_ outcome: MailOutcome) async throws {
            while next < mails.count {
                try await record(next, outcome)
                next += 1
            }
        }
        while next < mails.count {
            let before = next
            do {
                // A connection that drops ends this round; the next opens a new one for the rest.
                try await client.withConnection { connection in
                    while next < mails.count, connection.isUsable {
                        let outcome = await send(mails[next], over: connection)
                        do { try await record(next, outcome) } catch { throw RecordingFailed(underlying: error) }
                        next += 1
                    }
                }
            } catch let failure as RecordingFailed {
                throw failure.underlying
            } catch let error as SMTPError {
                // The connection could not be opened: every mail left waits for the next round.
                let outcome = Self.outcome(error)
                if case .misconfigured = outcome { logger.error("Mail cannot be sent, check SMTP_URL: \(error)") }
                try await remaining(outcome)
            } catch {
                try await remaining(.retry("\(error)"))
            }
            // A connection that opened but could take nothing: the rest wait for a later round.
            if next == before { try await remaining(.retry("the server closed the connection before any message")) }
        }
    }

    /// Writing down an outcome failed (the database): not a mail problem, so it stops the round.
    private struct RecordingFailed: Error {
        var underlying: any Error
    }

    private func send(_ mail: QueuedMail, over connection: SMTPConnection) async -> MailOutcome {
        guard let recipient = try? SMTP.EmailAddress(mail.to) else { return .refused("not an address: \(mail.to)") }
        var message = mail.message
        if let signer = client.signer {
            do { message = try signer.sign(message) } catch { return .misconfigured("DKIM: \(error)") }
        }
        do {
            try await connection.send(
                message: message, envelope: SMTPEnvelope(sender: from, recipients: [recipient]),
                needsSMTPUTF8: recipient.needsSMTPUTF8 || from.needsSMTPUTF8)
            return .sent
        } catch {
            return Self.outcome(error)
        }
    }

    static func outcome(_ error: SMTPError) -> MailOutcome {
        switch error.category {
        case .permanent:
            if case .recipientsRefused = error { .refused(error.description) } else { .rejected(error.description) }
        case .temporary: .retry(error.description)
        case .configuration: .misconfigured(error.description)
        }
    }
}

/// `serve` without a mail server: says in the log that a mail could not go out (its kind and
/// recipient), never its link. A reset or invitation link is a credential, and logs are
/// read, shipped and kept by people and systems that must not sign in as someone (issue #14).
struct UnconfiguredTransport: MailTransport {
    func deliver(_ mails: [QueuedMail], logger: Logger) async -> [MailOutcome] {
        mails.map { mail in
            logger.warning("Email not delivered, no mail server is configured: \(mail.kind.logName) to \(mail.to)")
            return .dropped("no mail server is configured (SMTP_URL)")
        }
    }
}

/// The demo's transport: prints each secret link to the log so whoever runs the demo can
/// follow it, and keeps every mail for `/dev/mail`. With `SMTP_URL` set the demo also sends
/// through `next`. Installed by `DemoLauncher` only, never by `serve`.
struct DemoLogTransport: MailTransport {
    var next: (any MailTransport)?

    var keepsSentBodies: Bool { true }

    func deliver(_ mails: [QueuedMail], logger: Logger) async -> [MailOutcome] {
        for mail in mails {
            if let link = mail.link { logger.notice("\(mail.kind.logLabel) for \(mail.to): \(link)") }
        }
        guard let next else { return mails.map { _ in .sent } }
        return await next.deliver(mails, logger: logger)
    }

    func deliver(_ mails: [QueuedMail], logger: Logger, record: (Int, MailOutcome) async throws -> Void) async throws {
        guard let next else {
            for (index, outcome) in await deliver(mails, logger: logger).enumerated() { try await record(index, outcome) }
            return
        }
        for mail in mails {
            if let link = mail.link { logger.notice("\(mail.kind.logLabel) for \(mail.to): \(link)") }
        }
        try await next.deliver(mails, logger: logger, record: record)
    }
}

extension MailMessage.Kind {
    /// What the log calls a mail of this kind (no link in it).
    var logName: String {
        switch self {
        case .invitation: "invitation"
        case .passwordReset: "password reset"
        case .notice: "notice"
        case .digest: "digest"
        case .test: "test mail"
        }
    }

    /// The demo's log line for a secret link: "Invitation link for …: …".
    var logLabel: String {
        switch self {
        case .invitation: "Invitation link"
        case .passwordReset: "Password reset link"
        case .notice, .digest, .test: "Link"
        }
    }
}

extension Application {
    private struct TransportKey: StorageKey { typealias Value = any MailTransport }

    /// The configured SMTP server's transport, or `UnconfiguredTransport` without one,
    /// unless something else is installed (the demo, a test).
    var mailTransport: any MailTransport {
        get {
            if let installed = storage[TransportKey.self] { return installed }
            guard let smtp = config.mail.smtp else { return UnconfiguredTransport() }
            return SMTPTransport(configuration: smtp, from: config.mail.from, signer: config.mail.dkim)
        }
        set { storage[TransportKey.self] = newValue }
    }
}
