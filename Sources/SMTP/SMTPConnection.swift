import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// The envelope of a message (RFC 5321 §2.3.1): who bounces go to and who it is delivered to,
/// which may differ from the From and To headers (a bounce address, a Bcc).
public struct SMTPEnvelope: Sendable, Equatable {
    /// MAIL FROM; nil for the null reverse-path `<>` (for messages that must not bounce).
    public var sender: EmailAddress?
    /// RCPT TO, one command each.
    public var recipients: [EmailAddress]

    public init(sender: EmailAddress?, recipients: [EmailAddress]) {
        self.sender = sender
        self.recipients = recipients
    }
}

/// One open conversation with the server, past the greeting, TLS and login, ready to send
/// any number of messages one after the other (the way to deliver many mails per second).
/// Made by `SMTPClient.withConnection`; not for use from two tasks at once, which the
/// compiler enforces (it is not `Sendable`).
public final class SMTPConnection {
    let channel: any Channel
    let configuration: SMTPConfiguration
    let transcript: SMTPTranscript?
    let signer: DKIMSigner?
    let firstError: SMTPFirstError
    /// What the server offered in its last EHLO reply (empty after a HELO).
    public private(set) var extensions = SMTPExtensions()
    /// Whether the connection is TLS-protected (smtps, or after STARTTLS).
    public private(set) var isEncrypted: Bool
    /// False once the connection failed or closed (by us, or by the server: a 421, an idle
    /// connection dropped): it cannot send any more.
    public private(set) var isUsable: Bool {
        get { isOpen && channel.isActive }
        set { isOpen = newValue }
    }
    private var isOpen = true
    private var transactionOpen = false

    init(channel: any Channel, configuration: SMTPConfiguration, transcript: SMTPTranscript?, signer: DKIMSigner?, firstError: SMTPFirstError) {
        self.channel = channel
        self.firstError = firstError
        self.configuration = configuration
        self.transcript = transcript
        self.signer = signer
        self.isEncrypted = configuration.security == .implicitTLS
    }

    // MARK: Sending

    /// Sends one message: MAIL FROM, RCPT TO for each recipient, DATA. The envelope is the
    /// From address and the To addresses unless given. When the server refuses some recipients
    /// and accepts others, the message goes to the accepted ones and the result lists the
    /// refused; when it refuses them all, `SMTPError.recipientsRefused` is thrown.
    @discardableResult
    public func send(_ email: Email, envelope: SMTPEnvelope? = nil) async throws(SMTPError) -> SMTPDelivery {
        let envelope = envelope ?? SMTPEnvelope(sender: email.from, recipients: email.to)
        let rendered = email.rendered()
        var message = rendered
        if let signer {
            do throws(DKIMSigner.Problem) { message = try signer.sign(rendered) } catch { throw .signingFailed(error) }
        }
        let needsUTF8 = email.needsSMTPUTF8 || envelope.recipients.contains(where: \.needsSMTPUTF8) || envelope.sender?.needsSMTPUTF8 == true
        return try await send(message: message, envelope: envelope, needsSMTPUTF8: needsUTF8)
    }

    /// Sends an already rendered (and possibly signed) RFC 5322 message.
    @discardableResult
    public func send(message: String, envelope: SMTPEnvelope, needsSMTPUTF8: Bool = false) async throws(SMTPError) -> SMTPDelivery {
        guard isUsable else { throw .connectionClosed(stage: "a new message") }
        guard !envelope.recipients.isEmpty else { throw .protocolViolation("the envelope has no recipient") }
        if transactionOpen {
            // A refused MAIL, RCPT or DATA left a transaction half made (RFC 5321 §4.1.1.5).
            try await expect(exchange("RSET", stage: "the reply to RSET"), command: "RSET")
            transactionOpen = false
        }
        var parameters = ""
        if needsSMTPUTF8 {
            // RFC 6531 §3.4: the addresses and headers are UTF-8; such a message is 8-bit.
            guard extensions.supports("SMTPUTF8") else {
                throw .internationalAddressNotSupported(
                    ([envelope.sender].compactMap { $0 } + envelope.recipients).first(where: \.needsSMTPUTF8)?.address ?? "")
            }
            parameters += " SMTPUTF8" + (extensions.supports("8BITMIME") ? " BODY=8BITMIME" : "")
        }
        transactionOpen = true
        let mail = "MAIL FROM:<\(envelope.sender?.address ?? "")>\(parameters)"
        try await expect(exchange(mail, stage: "the reply to MAIL FROM"), command: "MAIL FROM")

        var accepted: [String] = []
        var refused: [SMTPRecipientRefusal] = []
        for recipient in envelope.recipients {
            let reply = try await exchange("RCPT TO:<\(recipient.address)>", stage: "the reply to RCPT TO")
            if reply.isSuccess {
                accepted.append(recipient.address)
            } else {
                refused.append(SMTPRecipientRefusal(address: recipient.address, reply: reply))
            }
        }
        guard !accepted.isEmpty else { throw .recipientsRefused(refused) }

        let dataReply = try await exchange("DATA", stage: "the reply to DATA")
        guard dataReply.code == 354 else { throw .rejected(command: "DATA", reply: dataReply) }
        // A message whose first line is "." would otherwise end DATA at once; the message's own
        // lines are stuffed, then ".": RFC 5321 §4.5.2 and §4.1.1.4.
        let body = DotStuffing.stuff(message) + ".\r\n"
        let endReply: SMTPReply
        do throws(SMTPError) {
            endReply = try await exchange(
                body, logAs: "<message, \(body.utf8.count) octets>\n.", stage: "the reply to the message's end",
                timeout: configuration.timeouts.dataEnd, addLineBreak: false)
        } catch {
            // The server may have taken the message before the connection ended: the caller
            // must know that a retry can deliver it twice.
            switch error {
            case .connectionClosed(let stage), .timedOut(let stage): throw .outcomeUnknown(stage: stage)
            default: throw error
            }
        }
        guard endReply.isSuccess else { throw .rejected(command: "the message", reply: endReply) }
        transactionOpen = false
        return SMTPDelivery(accepted: accepted, refused: refused, reply: endReply)
    }

    /// Says QUIT and closes the connection. Errors are ignored: the mail is already sent.
    public func close() async {
        if isUsable {
            isUsable = false
            transcript?(.client("QUIT"))
            let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
            let written = channel.eventLoop.makePromise(of: Void.self)
            written.futureResult.whenFailure { promise.fail($0) }
            channel.writeAndFlush(SMTPRequest.command(ByteBuffer(string: "QUIT\r\n"), reply: promise), promise: written)
            let timeout = channel.eventLoop.scheduleTask(in: .seconds(5)) { promise.fail(ChannelError.eof) }
            _ = try? await promise.futureResult.get()
            timeout.cancel()
        }
        try? await channel.close()
    }

    // MARK: Opening

    /// Greeting, EHLO (HELO if refused), STARTTLS and EHLO again, AUTH.
    func start() async throws(SMTPError) {
        let greeting = try await exchange(nil, stage: "the server's greeting")
        guard greeting.code == 220 else { throw .rejected(command: "the connection", reply: greeting) }
        try await hello()
        if configuration.security == .startTLS {
            guard extensions.supports("STARTTLS") else { throw .startTLSNotOffered(host: configuration.host) }
            // The reply handler starts TLS as it reads the 220, before any other byte.
            let tls = try SMTPConnection.makeTLSContext(configuration)
            let reply = try await exchange(
                "STARTTLS", stage: "the reply to STARTTLS", tls: (tls, SMTPConnection.serverName(configuration.host)))
            guard reply.code == 220 else { throw .rejected(command: "STARTTLS", reply: reply) }
            try await waitForHandshake()
            isEncrypted = true
            // RFC 3207 §4.2: everything learnt before TLS is forgotten; ask again.
            try await hello()
        }
        if let username = configuration.username, let password = configuration.password {
            try await authenticate(username: username, password: password)
        }
    }

    private func hello() async throws(SMTPError) {
        let reply = try await exchange("EHLO \(configuration.ehloName)", stage: "the reply to EHLO")
        if reply.isSuccess {
            extensions = SMTPExtensions(ehloReply: reply)
            return
        }
        // RFC 5321 §4.1.4: a server that does not know EHLO answers 5xx; HELO then.
        guard reply.isPermanentFailure else { throw .rejected(command: "EHLO", reply: reply) }
        try await expect(exchange("HELO \(configuration.ehloName)", stage: "the reply to HELO"), command: "HELO")
        extensions = SMTPExtensions()
    }

    private func waitForHandshake() async throws(SMTPError) {
        // Waiting here (rather than letting EHLO wait behind the handshake) puts a certificate
        // problem at its own step, and "TLS started" before the EHLO in the transcript.
        let done = channel.eventLoop.makePromise(of: Void.self)
        let timeoutTask = channel.eventLoop.scheduleTask(in: TimeAmount(configuration.timeouts.reply)) { [channel] in
            channel.pipeline.fireErrorCaught(SMTPError.timedOut(stage: "the TLS handshake"))
            done.fail(SMTPError.timedOut(stage: "the TLS handshake"))
        }
        defer { timeoutTask.cancel() }
        done.futureResult.whenComplete { _ in timeoutTask.cancel() }  // as in `exchange`
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { done.fail($0) }
        channel.writeAndFlush(SMTPRequest.handshake(done), promise: written)
        do {
            try await done.futureResult.get()
        } catch {
            isUsable = false
            channel.close(promise: nil)
            throw SMTPConnection.classify(firstError.error ?? error, configuration: configuration, stage: "the TLS handshake")
        }
    }

    private func authenticate(username: String, password: String) async throws(SMTPError) {
        guard Self.allowsCredentials(encrypted: isEncrypted, configuration: configuration) else {
            throw .credentialsOverUnencryptedConnection(host: configuration.host)
        }
        let mechanisms = extensions.authMechanisms
        if mechanisms.contains("PLAIN") {
            // RFC 4616: authzid NUL authcid NUL password, sent with the command (RFC 4954 §4).
            let payload = Data(("\0" + username + "\0" + password).utf8).base64EncodedString()
            var reply = try await exchange("AUTH PLAIN \(payload)", logAs: "AUTH PLAIN ********", stage: "the reply to AUTH PLAIN")
            if reply.code == 334 {
                // A server that wants the credentials on a line of their own.
                reply = try await exchange(payload, logAs: "********", stage: "the reply to AUTH PLAIN")
            }
            try checkAuthentication(reply)
        } else if mechanisms.contains("LOGIN") {
            var reply = try await exchange("AUTH LOGIN", stage: "the reply to AUTH LOGIN")
            for secret in [username, password] where reply.code == 334 {
                reply = try await exchange(Data(secret.utf8).base64EncodedString(), logAs: "********", stage: "the reply to AUTH LOGIN")
            }
            try checkAuthentication(reply)
        } else {
            throw .authenticationNotOffered(offered: mechanisms.sorted())
        }
    }

    /// Over an unencrypted connection a password is readable by anyone on the path; only this
    /// machine is exempt (a relay on localhost).
    static func allowsCredentials(encrypted: Bool, configuration: SMTPConfiguration) -> Bool {
        encrypted || configuration.isLoopback
    }

    private func checkAuthentication(_ reply: SMTPReply) throws(SMTPError) {
        guard reply.code != 235 else { return }
        // 454 (temporary authentication failure) is worth retrying; 535, 534 and 5xx are not.
        if reply.isTransientFailure { throw .rejected(command: "AUTH", reply: reply) }
        throw .authenticationFailed(reply)
    }

    // MARK: Exchanging lines

    @discardableResult
    private func expect(_ reply: SMTPReply, command: String) throws(SMTPError) -> SMTPReply {
        guard reply.isSuccess else { throw .rejected(command: command, reply: reply) }
        return reply
    }

    /// Writes a command (none for the greeting) and waits for the reply, at most `timeout`
    /// (the configured reply timeout by default). A timeout closes the connection: the
    /// reply may still come and would be taken for the next command's.
    private func exchange(
        _ command: String?, logAs: String? = nil, stage: String, timeout: Duration? = nil, addLineBreak: Bool = true,
        tls: (context: NIOSSLContext, serverHostname: String?)? = nil
    ) async throws(SMTPError) -> SMTPReply {
        // Closed by us (QUIT, a 421, an earlier failure). A channel the server or TLS closed is
        // still written to: the write fails, and the first error says why (an untrusted
        // certificate, a timeout) rather than only "closed".
        guard isOpen else { throw .connectionClosed(stage: stage) }
        if let command {
            for line in (logAs ?? command).split(separator: "\n") { transcript?(.client(String(line))) }
        }
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let bytes = command.map { ByteBuffer(string: addLineBreak ? $0 + "\r\n" : $0) }
        // The promise is failed directly too: a closed channel has no handler left to fail it.
        // Completing a promise twice is ignored by NIO, so whichever comes first wins.
        let timeoutTask = channel.eventLoop.scheduleTask(in: TimeAmount(timeout ?? configuration.timeouts.reply)) { [channel] in
            channel.pipeline.fireErrorCaught(SMTPError.timedOut(stage: stage))
            promise.fail(SMTPError.timedOut(stage: stage))
        }
        defer { timeoutTask.cancel() }
        // Cancelled on the event loop the moment the reply comes: a loaded machine may resume
        // this task later than the timeout, which must not then close a connection that answered.
        promise.futureResult.whenComplete { _ in timeoutTask.cancel() }
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { promise.fail($0) }
        let request: SMTPRequest =
            if let tls, let bytes {
                .startTLS(bytes, reply: promise, tls: tls.context, serverHostname: tls.serverHostname)
            } else {
                .command(bytes, reply: promise)
            }
        channel.writeAndFlush(request, promise: written)
        do {
            let reply = try await promise.futureResult.get()
            if reply.code == 421 {
                // RFC 5321 §3.8: "service not available, closing transmission channel", the
                // answer to any command. Nothing more can go over this connection.
                isUsable = false
                channel.close(promise: nil)
            }
            return reply
        } catch {
            isUsable = false
            channel.close(promise: nil)
            throw SMTPConnection.classify(firstError.error ?? error, configuration: configuration, stage: stage)
        }
    }
}
