import Foundation
import NIOCore
import NIOPosix
import NIOSSL

extension SMTPConnection {
    /// Connects, adds TLS at once for smtps, and runs the opening conversation.
    static func open(
        configuration: SMTPConfiguration, group: any EventLoopGroup, transcript: SMTPTranscript?, signer: DKIMSigner?
    ) async throws(SMTPError) -> SMTPConnection {
        let tls = configuration.security == .implicitTLS ? try makeTLSContext(configuration) : nil
        let host = configuration.host
        let firstError = SMTPFirstError()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.timeouts.connect))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName(host)))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(transcript: transcript, firstError: firstError))
                }
            }
        transcript?(.note("connecting to \(host):\(configuration.port)"))
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: configuration.port).get()
        } catch {
            throw classify(error, configuration: configuration, stage: "the connection")
        }
        let connection = SMTPConnection(channel: channel, configuration: configuration, transcript: transcript, signer: signer, firstError: firstError)
        do throws(SMTPError) {
            try await connection.start()
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    /// The TLS settings: certificate and host name checked unless `verify=false`, against the
    /// system's roots or the `ca=` file; TLS 1.2 at least (RFC 8996 retired the older ones).
    static func makeTLSContext(_ configuration: SMTPConfiguration) throws(SMTPError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if !configuration.verifiesCertificate { tls.certificateVerification = .none }
        if let file = configuration.trustedCertificatesFile { tls.trustRoots = .file(file) }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw .certificateUntrusted(host: configuration.host, reason: "the trusted certificates could not be loaded: \(error)")
        }
    }

    /// The name for SNI and the certificate check; nil for an IP address, which SNI does not
    /// carry (RFC 6066 §3): the certificate is then checked against the address itself.
    static func serverName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// Turns what NIO and NIOSSL throw into an `SMTPError` that names the problem.
    static func classify(_ error: any Error, configuration: SMTPConfiguration, stage: String) -> SMTPError {
        let host = configuration.host
        switch error {
        case let error as SMTPError:
            return error
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return .certificateNameMismatch(host: host)
        case let error as NIOSSLError:
            if case .handshakeFailed(let inner) = error {
                let text = "\(inner)"
                if text.contains("CERTIFICATE_VERIFY_FAILED") {
                    return .certificateUntrusted(host: host, reason: "its chain does not lead to a trusted authority, or it has expired")
                }
                return .tlsHandshakeFailed(host: host, reason: text)
            }
            if case .uncleanShutdown = error { return .connectionClosed(stage: stage) }
            return .tlsHandshakeFailed(host: host, reason: "\(error)")
        case let error as NIOConnectionError:
            let reason: String
            if let failure = error.connectionErrors.first {
                reason = describe(failure.error)
            } else if error.dnsAError != nil || error.dnsAAAAError != nil {
                reason = "the host name could not be resolved"
            } else {
                reason = "no address to connect to"
            }
            return .connectionFailed(host: host, port: configuration.port, reason: reason)
        case ChannelError.connectTimeout(let amount):
            return .connectionFailed(host: host, port: configuration.port, reason: "no answer within \(amount.nanoseconds / 1_000_000_000) s")
        case let error as IOError:
            return stage == "the connection"
                ? .connectionFailed(host: host, port: configuration.port, reason: describe(error)) : .connectionClosed(stage: stage)
        default:
            return .connectionClosed(stage: stage)
        }
    }

    /// "connection refused" for ECONNREFUSED, and so on.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? IOError else { return "\(error)" }
        return String(cString: strerror(error.errnoCode)).lowercased()
    }
}
