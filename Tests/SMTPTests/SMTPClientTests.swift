import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

@testable import SMTP

/// The client against `FakeSMTPServer`, in this process, over real sockets on 127.0.0.1.
@Suite("SMTP client against a fake server")
struct SMTPClientTests {
    /// Collects the transcript of a conversation.
    final class Transcript: Sendable {
        private let box = NIOLockedValueBox<[SMTPTranscriptLine]>([])
        var lines: [String] { box.withLockedValue { $0.map(\.description) } }
        var record: SMTPTranscript { { [box] line in box.withLockedValue { $0.append(line) } } }
    }

    static func configuration(
        _ server: FakeSMTPServer, security: SMTPConfiguration.Security = .none, host: String = "127.0.0.1", user: String? = nil, password: String? = nil,
        ca: String? = nil
    ) -> SMTPConfiguration {
        SMTPConfiguration(
            host: host, port: server.port, security: security, username: user, password: password, trustedCertificatesFile: ca, ehloName: "school.example",
            // Generous: the suite runs beside the App's tests on two cores, and a
            // wait cut short there would fail a test that is not about waiting.
            timeouts: SMTPTimeouts(connect: .seconds(60), reply: .seconds(60), dataEnd: .seconds(60)))
    }

    @Test("Happy path with AUTH PLAIN: the server gets the envelope and the message, dots unstuffed; secrets are masked")
    func authPlain() async throws {
        let server = try await FakeSMTPServer(.init(authMechanisms: ["PLAIN", "LOGIN"]))
        let transcript = Transcript()
        let client = SMTPClient(configuration: Self.configuration(server, user: "teacher", password: "pa:ss wörd"), transcript: transcript.record)
        let email = Fixture.email(text: ".hidden line\n..two dots\nend")

        let delivery = try await client.send(email)
        await server.stop()

        #expect(delivery.accepted == ["janis@riga.example"])
        #expect(delivery.refused.isEmpty)
        #expect(delivery.reply.code == 250)
        let received = try #require(server.messages.first)
        #expect(received.sender == "noreply@collegium.example")
        #expect(received.recipients == ["janis@riga.example"])
        #expect(received.authenticatedAs == "teacher")
        #expect(received.data == email.rendered())
        #expect(server.commands.contains { $0.hasPrefix("AUTH PLAIN ") })
        #expect(server.commands.last == "QUIT")

        let lines = transcript.lines
        #expect(lines.contains("C: EHLO school.example"))
        #expect(lines.contains("S: 250-fake.test greets school.example"))
        #expect(lines.contains("C: AUTH PLAIN ********"))
        #expect(!lines.joined().contains("pa:ss"))
        #expect(!lines.joined().contains(Data("\0teacher\0pa:ss wörd".utf8).base64EncodedString()))
        #expect(lines.contains { $0.hasPrefix("C: <message, ") })
    }

    @Test("Lines starting with a dot arrive intact: the client stuffs them, the server unstuffs them")
    func dotStuffingOnTheWire() async throws {
        let server = try await FakeSMTPServer()
        // Email.rendered() never starts a line with "." (quoted-printable writes =2E), so an
        // already rendered message is sent as it is.
        let message = "Subject: dots\r\n\r\n.\r\n..two\r\n.a line\r\nend\r\n"
        let envelope = SMTPEnvelope(sender: nil, recipients: [Fixture.address("janis@riga.example")])
        try await SMTPClient(configuration: Self.configuration(server)).withConnection { connection in
            try await connection.send(message: message, envelope: envelope)
        }
        await server.stop()
        #expect(server.messages.first?.data == message)
        #expect(server.messages.first?.sender == "", "a nil sender is the null reverse-path <>")
    }

    @Test("AUTH LOGIN when it is the only mechanism offered; its payloads are masked")
    func authLogin() async throws {
        let server = try await FakeSMTPServer(.init(authMechanisms: ["LOGIN"]))
        let transcript = Transcript()
        let client = SMTPClient(configuration: Self.configuration(server, user: "teacher", password: "pa:ss wörd"), transcript: transcript.record)
        try await client.send(Fixture.email())
        await server.stop()
        #expect(server.messages.first?.authenticatedAs == "teacher")
        #expect(server.commands.contains("AUTH LOGIN"))
        #expect(transcript.lines.filter { $0 == "C: ********" }.count == 2)
        #expect(!transcript.lines.joined().contains(Data("teacher".utf8).base64EncodedString()))
    }

    @Test("A wrong password is an authentication failure, a configuration problem")
    func wrongPassword() async throws {
        let server = try await FakeSMTPServer(.init(authMechanisms: ["PLAIN"]))
        let client = SMTPClient(configuration: Self.configuration(server, user: "teacher", password: "wrong"))
        let error = await #expect(throws: SMTPError.self) { try await client.send(Fixture.email()) }
        await server.stop()
        #expect(error == .authenticationFailed(SMTPReply(code: 535, lines: ["5.7.8 Authentication credentials invalid"])))
        #expect(error?.category == .configuration)
        #expect(error?.description == "the server refused the password (535 5.7.8 Authentication credentials invalid)")
        #expect(server.messages.isEmpty)
    }

    @Test("Credentials go in clear text to this machine only")
    func noPasswordInClear() throws {
        let remote = try SMTPConfiguration.parse(url: "smtp://teacher:pw@smtp.example.org")
        #expect(!SMTPConnection.allowsCredentials(encrypted: false, configuration: remote))
        #expect(SMTPConnection.allowsCredentials(encrypted: true, configuration: remote))
        for local in ["localhost", "127.0.0.1", "[::1]"] {
            #expect(SMTPConnection.allowsCredentials(encrypted: false, configuration: try SMTPConfiguration.parse(url: "smtp://teacher:pw@\(local)")))
        }
        for remoteLookingLocal in ["127.example.org", "localhost.example.org", "127.0.0.1.nip.io"] {
            let configuration = try SMTPConfiguration.parse(url: "smtp://teacher:pw@\(remoteLookingLocal)")
            #expect(!SMTPConnection.allowsCredentials(encrypted: false, configuration: configuration), "\(remoteLookingLocal)")
        }
        #expect(SMTPError.credentialsOverUnencryptedConnection(host: "smtp.example.org").category == .configuration)
    }

    @Test("Some recipients refused: the others get the message, the refusals are reported")
    func partialRefusal() async throws {
        let server = try await FakeSMTPServer()
        let client = SMTPClient(configuration: Self.configuration(server))
        let to = [Fixture.address("bounce.me@riga.example"), Fixture.address("ok@riga.example"), Fixture.address("defer.me@riga.example")]
        let delivery = try await client.send(Fixture.email(to: to))
        await server.stop()
        #expect(delivery.accepted == ["ok@riga.example"])
        #expect(delivery.refused.map(\.address) == ["bounce.me@riga.example", "defer.me@riga.example"])
        #expect(delivery.refused.map(\.isPermanent) == [true, false])
        #expect(server.messages.map(\.recipients) == [["ok@riga.example"]])
    }

    @Test("Every recipient refused: 550 is permanent, 451 temporary, and nothing is sent")
    func allRefused() async throws {
        let server = try await FakeSMTPServer()
        let client = SMTPClient(configuration: Self.configuration(server))
        let bounce = await #expect(throws: SMTPError.self) { try await client.send(Fixture.email(to: [Fixture.address("bounce@riga.example")])) }
        #expect(
            bounce
                == .recipientsRefused([SMTPRecipientRefusal(address: "bounce@riga.example", reply: SMTPReply(code: 550, lines: ["5.1.1 mailbox unavailable"]))])
        )
        #expect(bounce?.category == .permanent)
        #expect(bounce?.description == "the server refused the recipient bounce@riga.example (550 5.1.1 mailbox unavailable)")
        let deferred = await #expect(throws: SMTPError.self) { try await client.send(Fixture.email(to: [Fixture.address("defer@riga.example")])) }
        #expect(deferred?.category == .temporary)
        #expect(deferred?.reply?.code == 451)
        await server.stop()
        #expect(server.messages.isEmpty)
        #expect(!server.commands.contains("DATA"))
    }

    @Test("A batch goes over one connection; a refused message does not stop the next (RSET between)")
    func batch() async throws {
        let server = try await FakeSMTPServer()
        let client = SMTPClient(configuration: Self.configuration(server))
        let emails = (0..<20).map { Fixture.email(to: [Fixture.address($0 == 5 ? "bounce@riga.example" : "teacher\($0)@riga.example")]) }
        let results = await client.send(batch: emails)
        await server.stop()
        #expect(results.count == 20)
        #expect(results.enumerated().allSatisfy { index, result in (try? result.get()) != nil || index == 5 })
        #expect(server.messages.count == 19)
        #expect(server.commands.filter { $0.hasPrefix("EHLO") }.count == 1)
        #expect(server.commands.filter { $0 == "RSET" }.count == 1)
    }

    @Test("withConnection sends many messages over one connection")
    func manyOverOneConnection() async throws {
        let server = try await FakeSMTPServer()
        let client = SMTPClient(configuration: Self.configuration(server))
        let email = Fixture.email()
        try await client.withConnection { connection in
            for _ in 0..<200 { try await connection.send(email) }
        }
        await server.stop()
        // Every message arrived over the one connection. How fast is a benchmark's question
        // (issue 17's `benchmarks/mail`), never a test's: a test must not fail on a slow machine.
        #expect(server.messages.count == 200)
    }

    @Test("421 closes the connection: the next message is not tried on it")
    func serviceClosing() async throws {
        let server = try await FakeSMTPServer(.init(closesWith421On: "MAIL"))
        let client = SMTPClient(configuration: Self.configuration(server))
        try await client.withConnection { connection in
            let error = await #expect(throws: SMTPError.self) { try await connection.send(Fixture.email()) }
            #expect(error?.category == .temporary)
            #expect(!connection.isUsable)
            let next = await #expect(throws: SMTPError.self) { try await connection.send(Fixture.email()) }
            #expect(next == .connectionClosed(stage: "a new message"))
        }
        await server.stop()
    }

    @Test("A connection lost after the message's end: the caller learns it may have been delivered")
    func outcomeUnknown() async throws {
        let server = try await FakeSMTPServer(.init(hangsUpAfterMessage: true))
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: Self.configuration(server)).send(Fixture.email()) }
        await server.stop()
        #expect(server.messages.count == 1)
        #expect(error == .outcomeUnknown(stage: "the reply to the message's end"))
        #expect(error?.category == .temporary)
    }

    @Test("A 5xx to MAIL FROM is about the settings, not the recipient: never permanent")
    func senderRefused() async throws {
        // The server requires AUTH; the client has no credentials: 530 to MAIL FROM.
        let server = try await FakeSMTPServer(.init(authMechanisms: ["PLAIN"]))
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: Self.configuration(server)).send(Fixture.email()) }
        await server.stop()
        #expect(error?.reply?.code == 530)
        #expect(error?.category == .configuration)
    }

    @Test("EHLO refused with 5xx: the client says HELO and goes on")
    func heloFallback() async throws {
        let server = try await FakeSMTPServer(.init(refusesEHLO: true))
        try await SMTPClient(configuration: Self.configuration(server)).send(Fixture.email())
        await server.stop()
        #expect(server.commands.prefix(2).map { $0 } == ["EHLO school.example", "HELO school.example"])
        #expect(server.messages.count == 1)
    }

    @Test("A connection refused on an unused port is a temporary failure that says so")
    func connectionRefused() async throws {
        let port = try await FakeSMTPServer.unusedPort()
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .none)
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: configuration).send(Fixture.email()) }
        #expect(error == .connectionFailed(host: "127.0.0.1", port: port, reason: "connection refused"))
        #expect(error?.category == .temporary)
        #expect(error?.description == "could not connect to 127.0.0.1:\(port): connection refused")
    }

    @Test("A server that stops answering times out")
    func replyTimeout() async throws {
        let server = try await FakeSMTPServer(.init(goesSilentAfterGreeting: true))
        var configuration = Self.configuration(server)
        configuration.timeouts.reply = .milliseconds(300)
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: configuration).send(Fixture.email()) }
        await server.stop()
        // Which step timed out depends on how quickly a loaded machine delivers the greeting:
        // either way the client gave up instead of waiting for ever.
        guard case .timedOut = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(error?.category == .temporary)
    }

    @Test("A connection dropped mid-conversation is a temporary failure naming the step")
    func dropped() async throws {
        let server = try await FakeSMTPServer(.init(hangsUpOn: "MAIL"))
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: Self.configuration(server)).send(Fixture.email()) }
        #expect(error == .connectionClosed(stage: "the reply to MAIL FROM"))
        #expect(error?.category == .temporary)

        // Closed before the client's first command reaches it: the client does not wait for ever.
        let rude = try await FakeSMTPServer(.init(hangsUpAfterGreeting: true))
        let start = ContinuousClock.now
        let second = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: Self.configuration(rude)).send(Fixture.email()) }
        #expect(second?.category == .temporary)
        // Well under the 60 s reply timeout: the client saw the close and did not wait it out.
        #expect(ContinuousClock.now - start < .seconds(30))
        await server.stop()
        await rude.stop()
    }

    @Test("An international address needs SMTPUTF8, which this server does not offer")
    func smtpUTF8() async throws {
        let server = try await FakeSMTPServer()
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: Self.configuration(server)).send(Fixture.email(to: [Fixture.address("jānis@riga.example")]))
        }
        await server.stop()
        #expect(error == .internationalAddressNotSupported("jānis@riga.example"))
        #expect(!server.commands.contains { $0.hasPrefix("MAIL") })
    }

    @Test("DKIM: the message is signed before it is sent")
    func signs() async throws {
        let server = try await FakeSMTPServer()
        let signer = try DKIMSigner(domain: "collegium.example", selector: "s1", privateKeyPEM: try Fixture.text("dkim-ed25519.pem"))
        try await SMTPClient(configuration: Self.configuration(server), signer: signer).send(Fixture.email())
        await server.stop()
        let data = try #require(server.messages.first?.data)
        #expect(data.hasPrefix("DKIM-Signature: v=1; a=ed25519-sha256;"))
        #expect(try DKIMTests.verify(data, dnsRecord: signer.dnsRecord))
    }
}
