import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// An SMTP server in the test process, on 127.0.0.1 and a free port, that answers as its
/// `Script` says and keeps what it received. It speaks just enough RFC 5321 for the client:
/// EHLO/HELO, STARTTLS (RFC 3207), AUTH PLAIN and LOGIN (RFC 4954), MAIL, RCPT, DATA, RSET,
/// QUIT; like `scripts/smtp-test-server`, it refuses recipients whose local part starts with
/// "bounce" (550) and defers those starting with "defer" (451).
final class FakeSMTPServer: Sendable {
    struct Script: Sendable {
        var greeting = "220 fake.test ESMTP ready"
        var extensions = ["8BITMIME", "SIZE 10000000"]
        /// Offered in EHLO until the connection is encrypted, when set.
        var startTLS: NIOSSLContext?
        /// TLS from the first byte (smtps), when set.
        var implicitTLS: NIOSSLContext?
        /// Mechanisms offered after EHLO ("PLAIN", "LOGIN"); AUTH is required when non-empty.
        var authMechanisms: [String] = []
        var username = "teacher"
        var password = "pa:ss wörd"
        /// Answers EHLO with 502, as a server that knows only HELO.
        var refusesEHLO = false
        /// Never answers anything after the greeting (for timeouts).
        var goesSilentAfterGreeting = false
        /// Closes the connection without a word when a command starting with this arrives.
        var hangsUpOn: String?
        /// Closes the connection right after the greeting.
        var hangsUpAfterGreeting = false
        /// Sent in the same write as the 220 to STARTTLS, in plaintext (the STARTTLS response
        /// injection an attacker on the path would try).
        var injectsAfterStartTLS: String?
        /// Answers a command starting with this with 421 and closes (RFC 5321 §3.8).
        var closesWith421On: String?
        /// Closes the connection when the message's final "." arrives, without a reply.
        var hangsUpAfterMessage = false
    }

    struct Received: Sendable, Equatable {
        var sender: String
        var recipients: [String]
        /// The message as the client meant it: dot-stuffing removed, CRLF line endings.
        var data: String
        var wasEncrypted: Bool
        var authenticatedAs: String?
    }

    let port: Int
    private let channel: any Channel
    private let state: NIOLockedValueBox<(messages: [Received], commands: [String])>

    var messages: [Received] { state.withLockedValue { $0.messages } }
    /// Every command line received, AUTH payloads included (for the tests' checks).
    var commands: [String] { state.withLockedValue { $0.commands } }

    init(_ script: Script = Script()) async throws {
        let state = NIOLockedValueBox<(messages: [Received], commands: [String])>(([], []))
        self.state = state
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if let tls = script.implicitTLS { try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try child.pipeline.syncOperations.addHandler(FakeSMTPSession(script: script, state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress!.port!
    }

    func stop() async {
        try? await channel.close()
    }

    /// A port with nothing listening on it: bound, then closed.
    static func unusedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        try await channel.close()
        return port
    }
}

/// One connection's conversation.
private final class FakeSMTPSession: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let script: FakeSMTPServer.Script
    let state: NIOLockedValueBox<(messages: [FakeSMTPServer.Received], commands: [String])>
    var buffer = ByteBuffer()
    var encrypted: Bool
    var authenticatedAs: String?
    var sender: String?
    var recipients: [String] = []
    var dataLines: [String]?
    var loginStep: (step: Int, user: String)?

    init(script: FakeSMTPServer.Script, state: NIOLockedValueBox<(messages: [FakeSMTPServer.Received], commands: [String])>) {
        self.script = script
        self.state = state
        encrypted = script.implicitTLS != nil
    }

    func channelActive(context: ChannelHandlerContext) {
        send(context, script.greeting)
        if script.hangsUpAfterGreeting { context.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffer.readString(length: newline - buffer.readerIndex) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            handle(context, line)
        }
        buffer.discardReadBytes()
    }

    private func handle(_ context: ChannelHandlerContext, _ line: String) {
        if var lines = dataLines {
            if line == "." {
                dataLines = nil
                let message = lines.map { $0 + "\r\n" }.joined()
                let received = FakeSMTPServer.Received(
                    sender: sender ?? "", recipients: recipients, data: message, wasEncrypted: encrypted, authenticatedAs: authenticatedAs)
                state.withLockedValue { $0.messages.append(received) }
                sender = nil
                recipients = []
                if script.hangsUpAfterMessage {
                    // Taken, and the confirmation lost: what a crash or a dropped line does.
                    context.close(promise: nil)
                    return
                }
                send(context, "250 2.0.0 Ok: queued")
            } else {
                // RFC 5321 §4.5.2: the server removes the first of a line's leading dots.
                lines.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
                dataLines = lines
            }
            return
        }
        state.withLockedValue { $0.commands.append(line) }
        if script.goesSilentAfterGreeting { return }
        if let prefix = script.hangsUpOn, line.hasPrefix(prefix) { return context.close(promise: nil) }
        if let login = loginStep {
            let decoded = Data(base64Encoded: line).flatMap { String(data: $0, encoding: .utf8) } ?? ""
            if login.step == 0 {
                loginStep = (1, decoded)
                send(context, "334 UGFzc3dvcmQ6")
            } else {
                loginStep = nil
                finishAuth(context, user: login.user, password: decoded)
            }
            return
        }
        let upper = line.uppercased()
        if let prefix = script.closesWith421On, upper.hasPrefix(prefix) {
            send(context, "421 4.3.2 Service shutting down")
            context.close(promise: nil)
            return
        }
        let argument = line.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        switch upper.split(separator: " ").first.map(String.init) ?? "" {
        case "EHLO":
            guard !script.refusesEHLO else { return send(context, "502 5.5.2 Error: command not recognized") }
            var lines = ["fake.test greets \(argument)"] + script.extensions
            if script.startTLS != nil, !encrypted { lines.append("STARTTLS") }
            if !script.authMechanisms.isEmpty { lines.append("AUTH " + script.authMechanisms.joined(separator: " ")) }
            for (index, text) in lines.enumerated() { send(context, "250\(index == lines.count - 1 ? " " : "-")\(text)") }
        case "HELO":
            send(context, "250 fake.test")
        case "STARTTLS":
            guard let tls = script.startTLS, !encrypted else { return send(context, "502 5.5.1 STARTTLS not offered") }
            if let injected = script.injectsAfterStartTLS {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "220 2.0.0 Ready to start TLS\r\n" + injected)), promise: nil)
            } else {
                send(context, "220 2.0.0 Ready to start TLS")
            }
            try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
            encrypted = true
        case "AUTH":
            let parts = argument.split(separator: " ").map(String.init)
            if parts.first?.uppercased() == "PLAIN", script.authMechanisms.contains("PLAIN"), parts.count == 2,
                let data = Data(base64Encoded: parts[1])
            {
                let fields = data.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
                finishAuth(context, user: fields.count == 3 ? fields[1] : "", password: fields.count == 3 ? fields[2] : "")
            } else if parts.first?.uppercased() == "LOGIN", script.authMechanisms.contains("LOGIN") {
                loginStep = (0, "")
                send(context, "334 VXNlcm5hbWU6")
            } else {
                send(context, "504 5.5.4 Unrecognized authentication type")
            }
        case "MAIL":
            if !script.authMechanisms.isEmpty, authenticatedAs == nil { return send(context, "530 5.7.0 Authentication required") }
            sender = Self.address(in: line)
            send(context, "250 2.1.0 Ok")
        case "RCPT":
            guard sender != nil else { return send(context, "503 5.5.1 Error: need MAIL command") }
            let address = Self.address(in: line)
            if address.hasPrefix("bounce") { return send(context, "550 5.1.1 mailbox unavailable") }
            if address.hasPrefix("defer") { return send(context, "451 4.3.0 try again later") }
            recipients.append(address)
            send(context, "250 2.1.5 Ok")
        case "DATA":
            guard !recipients.isEmpty else { return send(context, "554 5.5.1 Error: no valid recipients") }
            dataLines = []
            send(context, "354 End data with <CR><LF>.<CR><LF>")
        case "RSET":
            sender = nil
            recipients = []
            send(context, "250 2.0.0 Ok")
        case "NOOP":
            send(context, "250 2.0.0 Ok")
        case "QUIT":
            send(context, "221 2.0.0 Bye")
            context.close(promise: nil)
        default:
            send(context, "500 5.5.2 Error: command not recognized")
        }
    }

    private func finishAuth(_ context: ChannelHandlerContext, user: String, password: String) {
        if user == script.username, password == script.password {
            authenticatedAs = user
            send(context, "235 2.7.0 Authentication successful")
        } else {
            send(context, "535 5.7.8 Authentication credentials invalid")
        }
    }

    private func send(_ context: ChannelHandlerContext, _ line: String) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: line + "\r\n")), promise: nil)
    }

    private static func address(in command: String) -> String {
        guard let open = command.firstIndex(of: "<"), let close = command.lastIndex(of: ">"), open < close else { return "" }
        return String(command[command.index(after: open)..<close])
    }
}
