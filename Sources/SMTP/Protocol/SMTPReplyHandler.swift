import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import NIOTLS

/// What the connection asks of the pipeline. Sent as an outbound message so that the promise
/// is registered on the event loop in the same step as the write.
enum SMTPRequest: Sendable {
    /// Write a command (none for the greeting) and complete the promise with the next reply.
    case command(ByteBuffer?, reply: EventLoopPromise<SMTPReply>)
    /// Write STARTTLS; when the server answers 220, start TLS in the same step, before
    /// anything else the server sent is read (RFC 3207 §4.2; see `startTLS`).
    case startTLS(ByteBuffer, reply: EventLoopPromise<SMTPReply>, tls: NIOSSLContext, serverHostname: String?)
    /// Complete the promise when the TLS handshake that STARTTLS began has completed.
    case handshake(EventLoopPromise<Void>)
}

/// The first error of a connection, kept outside the pipeline: once the channel closes, its
/// handlers are gone, and a command written then fails with "closed channel"; this tells the
/// real cause (an untrusted certificate, say).
final class SMTPFirstError: Sendable {
    private let box = NIOLockedValueBox<(any Error)?>(nil)

    var error: (any Error)? { box.withLockedValue { $0 } }

    func record(_ error: any Error) {
        box.withLockedValue { if $0 == nil { $0 = error } }
    }
}

/// The last handler of the pipeline: turns the server's bytes into replies and hands each
/// to the oldest request waiting for one. Replies come in order (RFC 5321 §4.3), so a queue
/// of promises is all the bookkeeping needed. The first error (a TLS failure, a timeout, the
/// connection closing) fails every waiting request and every later one.
final class SMTPReplyHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    /// A server line longer than this is not SMTP (RFC 5321 §4.5.3.1.5 allows 512 octets).
    static let maximumLineLength = 64 * 1024

    private var buffer = ByteBuffer()
    private var parser = SMTPReplyParser()
    private var waiting = CircularBuffer<EventLoopPromise<SMTPReply>>()
    private var early = CircularBuffer<SMTPReply>()
    private var handshakeWaiters: [EventLoopPromise<Void>] = []
    private var handshakeCompleted = false
    /// TLS to start at the next reply, if it is 220: set by a `.startTLS` request.
    private var pendingTLS: (context: NIOSSLContext, serverHostname: String?)?
    /// The greeting is the only reply that may come before its request (the server speaks
    /// first); any other unasked-for reply is refused.
    private var greetingTaken = false
    private var failure: (any Error)?
    private let transcript: SMTPTranscript?
    private let firstError: SMTPFirstError

    init(transcript: SMTPTranscript?, firstError: SMTPFirstError) {
        self.transcript = transcript
        self.firstError = firstError
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            var line = buffer.readString(length: length) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            transcript?(.server(line))
            do {
                if let reply = try parser.feed(line) {
                    if let tls = pendingTLS {
                        pendingTLS = nil
                        if reply.code == 220 {
                            // Anything the server sent after its 220 came before TLS and could
                            // have been put there by someone on the path: the STARTTLS response
                            // injection (RFC 3207 §4.2, CVE-2011-0411, CVE-2021-38371). Refused,
                            // and TLS starts before another byte is read.
                            guard buffer.readableBytes == 0 else {
                                fail(context: context, SMTPError.protocolViolation("the server sent more after agreeing to STARTTLS"))
                                return
                            }
                            do {
                                try context.pipeline.syncOperations.addHandler(
                                    NIOSSLClientHandler(context: tls.context, serverHostname: tls.serverHostname), position: .first)
                            } catch {
                                fail(context: context, error)
                                return
                            }
                        }
                    }
                    guard deliver(reply) else {
                        fail(context: context, SMTPError.protocolViolation("the server answered a command that was not sent: \(reply.code)"))
                        return
                    }
                }
            } catch {
                fail(context: context, SMTPError.protocolViolation("a reply line is not of the form \"250 text\": \(quoted(String(line.prefix(80))))"))
                return
            }
        }
        if buffer.readableBytes > Self.maximumLineLength {
            fail(context: context, SMTPError.protocolViolation("a reply line is longer than \(Self.maximumLineLength) octets"))
        }
        buffer.discardReadBytes()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var request = unwrapOutboundIn(data)
        if case .startTLS(let bytes, let reply, let tls, let serverHostname) = request {
            // Sent only between commands, so the 220 that answers it is the next reply.
            pendingTLS = (tls, serverHostname)
            request = .command(bytes, reply: reply)
        }
        guard case .command(let bytes, let reply) = request else {
            if case .handshake(let done) = request {
                if let failure {
                    done.fail(failure)
                } else if handshakeCompleted {
                    done.succeed()
                } else {
                    handshakeWaiters.append(done)
                }
            }
            promise?.succeed()
            return
        }
        if let failure {
            reply.fail(failure)
            promise?.fail(failure)
            return
        }
        if bytes == nil, !greetingTaken {
            // The greeting's request: the greeting may already be here.
            greetingTaken = true
            if let ready = early.popFirst() {
                reply.succeed(ready)
            } else {
                waiting.append(reply)
            }
        } else {
            waiting.append(reply)
        }
        if let bytes {
            context.write(wrapOutboundOut(bytes), promise: promise)
        } else {
            promise?.succeed()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            let version = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).tlsVersion
            transcript?(.note("TLS started (\(version.map(Self.name) ?? "unknown version"))"))
            handshakeCompleted = true
            for waiter in handshakeWaiters { waiter.succeed() }
            handshakeWaiters = []
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(context: context, ChannelError.eof)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context: context, error)
    }

    /// Hands the reply to the oldest request waiting; false for a reply nobody asked for
    /// (other than the greeting, which may come before its request).
    private func deliver(_ reply: SMTPReply) -> Bool {
        if let promise = waiting.popFirst() {
            promise.succeed(reply)
            return true
        }
        guard !greetingTaken, early.isEmpty else { return false }
        early.append(reply)
        return true
    }

    /// Keeps the first error (the cause; closing is its consequence) and closes.
    private func fail(context: ChannelHandlerContext, _ error: any Error) {
        if failure == nil {
            failure = error
            firstError.record(error)
        }
        while let promise = waiting.popFirst() { promise.fail(failure!) }
        for waiter in handshakeWaiters { waiter.fail(failure!) }
        handshakeWaiters = []
        context.close(promise: nil)
    }

    private static func name(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: "TLSv1.0"
        case .tlsv11: "TLSv1.1"
        case .tlsv12: "TLSv1.2"
        case .tlsv13: "TLSv1.3"
        }
    }
}
