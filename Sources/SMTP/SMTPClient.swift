import NIOCore
import NIOPosix

/// Sends mail through one server, as `SMTPConfiguration` describes, signing each message when
/// given a `DKIMSigner`. Each `send` opens a connection and closes it; `withConnection` and
/// `send(batch:)` keep one open for many messages.
///
/// Every failure is an `SMTPError`, whose `category` says whether to drop the message, retry
/// it later, or fix the settings.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    public let signer: DKIMSigner?
    let group: any EventLoopGroup
    let transcript: SMTPTranscript?

    /// - Parameters:
    ///   - signer: signs every message with DKIM before it is sent.
    ///   - eventLoopGroup: where connections run (NIO's shared group by default).
    ///   - transcript: receives every line of each conversation, secrets masked.
    public init(
        configuration: SMTPConfiguration, signer: DKIMSigner? = nil, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        transcript: SMTPTranscript? = nil
    ) {
        self.configuration = configuration
        self.signer = signer
        self.group = eventLoopGroup
        self.transcript = transcript
    }

    /// Sends one message over a connection of its own.
    @discardableResult
    public func send(_ email: Email, envelope: SMTPEnvelope? = nil) async throws(SMTPError) -> SMTPDelivery {
        let connection = try await SMTPConnection.open(configuration: configuration, group: group, transcript: transcript, signer: signer)
        do throws(SMTPError) {
            let delivery = try await connection.send(email, envelope: envelope)
            await connection.close()
            return delivery
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Sends the messages one after the other over one connection, and says for each what
    /// happened, in order. Each message is tried once: a message the server refuses does not
    /// stop the others, and when the connection fails, that message gets the (temporary)
    /// error and a new connection is opened for the rest. The message that was on a dropped
    /// connection is not sent again here, since the server may have taken it (RFC 5321
    /// §4.1.1.4): whoever retries temporary failures decides.
    public func send(batch emails: [Email]) async -> [Result<SMTPDelivery, SMTPError>] {
        var results: [Result<SMTPDelivery, SMTPError>] = []
        var connection: SMTPConnection?
        while results.count < emails.count {
            if connection == nil || connection?.isUsable == false {
                if let old = connection { await old.close() }
                do throws(SMTPError) {
                    connection = try await SMTPConnection.open(configuration: configuration, group: group, transcript: transcript, signer: signer)
                } catch {
                    results += Array(repeating: .failure(error), count: emails.count - results.count)
                    break
                }
            }
            guard let open = connection else { break }
            do throws(SMTPError) {
                results.append(.success(try await open.send(emails[results.count])))
            } catch {
                results.append(.failure(error))
            }
        }
        if let connection { await connection.close() }
        return results
    }

    /// Opens a connection (greeting, TLS, login), runs `body` with it, and closes it.
    @discardableResult
    public func withConnection<Value>(_ body: (SMTPConnection) async throws -> Value) async throws -> Value {
        let connection = try await SMTPConnection.open(configuration: configuration, group: group, transcript: transcript, signer: signer)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }
}
