/// Why sending failed, typed so that the caller can decide what to do: `category` says
/// whether to give up on the message, retry it later, or tell an administrator that the
/// settings are wrong. The server's reply is kept where there was one.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The TCP connection could not be made (refused, unreachable, no such host).
    case connectionFailed(host: String, port: Int, reason: String)
    /// The server sent nothing in time (`stage` names what the client waited for).
    case timedOut(stage: String)
    /// The server closed the connection (`stage` names what the client waited for).
    case connectionClosed(stage: String)
    /// The server's certificate is not valid for the host name the client asked for.
    case certificateNameMismatch(host: String)
    /// The server's certificate does not lead to a trusted authority (self-signed, a private
    /// CA not given with `ca=`, expired).
    case certificateUntrusted(host: String, reason: String)
    /// The TLS handshake failed for another reason (no common protocol or cipher).
    case tlsHandshakeFailed(host: String, reason: String)
    /// `smtp+starttls://` was asked for and the server's EHLO does not offer STARTTLS.
    case startTLSNotOffered(host: String)
    /// The server refused the credentials (535 and other replies to AUTH).
    case authenticationFailed(SMTPReply)
    /// Credentials are configured but the server offers neither AUTH PLAIN nor AUTH LOGIN.
    case authenticationNotOffered(offered: [String])
    /// Credentials are configured and the connection is unencrypted to a host that is not this
    /// machine: they are not sent.
    case credentialsOverUnencryptedConnection(host: String)
    /// An address needs SMTPUTF8 (RFC 6531) and the server does not offer it.
    case internationalAddressNotSupported(String)
    /// The server refused a command (MAIL, DATA, the message's end, EHLO, …) with this reply.
    case rejected(command: String, reply: SMTPReply)
    /// Every recipient was refused (at least one of them; see `SMTPDelivery` when some were
    /// accepted).
    case recipientsRefused([SMTPRecipientRefusal])
    /// The server answered something the protocol does not allow here.
    case protocolViolation(String)
    /// The DKIM signature could not be made.
    case signingFailed(DKIMSigner.Problem)
    /// The whole message was sent and the connection ended (or went silent) before the server
    /// confirmed it: it may have been delivered (RFC 5321 §4.5.3.2.6, RFC 1047). Retry with the
    /// same Message-ID; a duplicate is possible.
    case outcomeUnknown(stage: String)

    /// What the caller should do about the error.
    public enum Category: Sendable, Equatable {
        /// The message cannot be delivered as it is (5xx on RCPT or DATA): do not retry.
        case permanent
        /// Try again later: 4xx, a timeout, a refused or dropped connection, a failed handshake.
        case temporary
        /// The settings are wrong (password, certificate, STARTTLS, encryption): every message
        /// will fail the same way until an administrator fixes them.
        case configuration
    }

    public var category: Category {
        switch self {
        case .connectionFailed, .timedOut, .connectionClosed, .tlsHandshakeFailed, .protocolViolation, .outcomeUnknown: .temporary
        case .certificateNameMismatch, .certificateUntrusted, .startTLSNotOffered, .authenticationFailed, .authenticationNotOffered,
            .credentialsOverUnencryptedConnection, .signingFailed:
            .configuration
        case .internationalAddressNotSupported: .permanent
        case .rejected(let command, let reply):
            // Only the message itself is refused for good at DATA and its end. A 5xx to the
            // greeting, EHLO/HELO, STARTTLS, RSET or MAIL FROM is about the server or our settings
            // (an address on a blocklist, a sender not allowed, authentication required), and
            // must never mark a recipient's address undeliverable.
            !reply.isPermanentFailure ? .temporary : (command == "DATA" || command == "the message") ? .permanent : .configuration
        case .recipientsRefused(let refusals): refusals.allSatisfy(\.isPermanent) ? .permanent : .temporary
        }
    }

    /// The server's reply behind the error, if there was one.
    public var reply: SMTPReply? {
        switch self {
        case .authenticationFailed(let reply), .rejected(_, let reply): reply
        case .recipientsRefused(let refusals): refusals.first?.reply
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .connectionFailed(let host, let port, let reason): "could not connect to \(host):\(port): \(reason)"
        case .timedOut(let stage): "the mail server did not answer in time (waiting for \(stage))"
        case .connectionClosed(let stage): "the mail server closed the connection (waiting for \(stage))"
        case .certificateNameMismatch(let host): "the server's certificate is not valid for \(host)"
        case .certificateUntrusted(let host, let reason): "the certificate of \(host) is not trusted (\(reason))"
        case .tlsHandshakeFailed(let host, let reason): "the TLS handshake with \(host) failed: \(reason)"
        case .startTLSNotOffered(let host):
            "\(host) does not offer STARTTLS, which the setting smtp+starttls:// requires: use smtps:// if it speaks TLS on another port"
        case .authenticationFailed(let reply): "the server refused the password (\(reply))"
        case .authenticationNotOffered(let offered):
            "the server offers no supported login (AUTH PLAIN or LOGIN)" + (offered.isEmpty ? "" : "; it offers \(offered.joined(separator: ", "))")
        case .credentialsOverUnencryptedConnection(let host):
            "the password is not sent to \(host) over an unencrypted connection: use smtp+starttls:// or smtps://"
        case .internationalAddressNotSupported(let address): "the server does not accept internationalised addresses (SMTPUTF8), needed for \(address)"
        case .rejected(let command, let reply): "the server refused \(command) (\(reply))"
        case .recipientsRefused(let refusals):
            "the server refused " + (refusals.count == 1 ? "the recipient " : "every recipient: ")
                + refusals.map { "\($0.address) (\($0.reply))" }.joined(separator: ", ")
        case .protocolViolation(let detail): "the mail server broke the SMTP protocol: \(detail)"
        case .signingFailed(let problem): problem.description
        case .outcomeUnknown(let stage):
            "the connection ended after the whole message was sent, before the server confirmed it (waiting for \(stage)): "
                + "it may have been delivered"
        }
    }
}

/// A recipient the server refused at RCPT TO, with its reply.
public struct SMTPRecipientRefusal: Sendable, Equatable, CustomStringConvertible {
    public let address: String
    public let reply: SMTPReply

    public init(address: String, reply: SMTPReply) {
        self.address = address
        self.reply = reply
    }

    /// 5xx: this address will not take mail (RFC 5321 §4.2.1); 4xx: retry it later.
    public var isPermanent: Bool { reply.isPermanentFailure }

    public var description: String { "\(address): \(reply)" }
}

/// What happened to one message the server took: who it was accepted for, and who was refused
/// while the others were accepted (the message went to the accepted ones only; retry the
/// refused ones whose refusal is temporary).
public struct SMTPDelivery: Sendable, Equatable {
    public let accepted: [String]
    public let refused: [SMTPRecipientRefusal]
    /// The server's reply to the message's end (`250 2.0.0 Ok: queued as …`).
    public let reply: SMTPReply
}
