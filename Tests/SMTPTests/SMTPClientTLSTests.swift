import Testing

@testable import SMTP

/// STARTTLS and smtps against `FakeSMTPServer` with the test certificates of Resources.
@Suite("SMTP client over TLS")
struct SMTPClientTLSTests {
    static func configuration(
        _ server: FakeSMTPServer, _ security: SMTPConfiguration.Security, host: String = "localhost", ca: String? = Fixture.path("localhost-cert.pem")
    ) -> SMTPConfiguration {
        var configuration = SMTPClientTests.configuration(server, security: security, host: host, user: "teacher", password: "pa:ss wörd", ca: ca)
        configuration.timeouts.reply = .seconds(60)  // generous: the suite shares two cores
        return configuration
    }

    @Test("STARTTLS: upgrade, EHLO again, then AUTH inside TLS")
    func startTLS() async throws {
        let server = try await FakeSMTPServer(.init(startTLS: try Fixture.serverTLS(), authMechanisms: ["PLAIN"]))
        let transcript = SMTPClientTests.Transcript()
        try await SMTPClient(configuration: Self.configuration(server, .startTLS), transcript: transcript.record).send(Fixture.email())
        await server.stop()
        let received = try #require(server.messages.first)
        #expect(received.wasEncrypted)
        #expect(received.authenticatedAs == "teacher")
        #expect(server.commands.map { $0.split(separator: " ").first.map(String.init) ?? "" }.prefix(4) == ["EHLO", "STARTTLS", "EHLO", "AUTH"])
        let lines = transcript.lines
        #expect(lines.contains("* TLS started (TLSv1.3)"))
        // The handshake is over before the second EHLO is written.
        let started = try #require(lines.firstIndex(of: "* TLS started (TLSv1.3)"))
        #expect(lines[started - 1] == "S: 220 2.0.0 Ready to start TLS")
        #expect(lines[started + 1] == "C: EHLO school.example")
    }

    @Test("STARTTLS response injection: plaintext after the 220 is refused, never read as the server's reply inside TLS")
    func startTLSInjection() async throws {
        let server = try await FakeSMTPServer(
            .init(startTLS: try Fixture.serverTLS(), authMechanisms: ["PLAIN"], injectsAfterStartTLS: "250-fake.test\r\n250 AUTH LOGIN\r\n"))
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: Self.configuration(server, .startTLS)).send(Fixture.email()) }
        await server.stop()
        // In one read (as loopback delivers one write) the client sees the extra lines and
        // stops; had they come in a later read, they would reach TLS and fail the handshake.
        switch error {
        case .protocolViolation("the server sent more after agreeing to STARTTLS"), .tlsHandshakeFailed: break
        default: Issue.record("expected the injection refused, got \(String(describing: error))")
        }
        #expect(server.messages.isEmpty)
        // Nothing was sent after STARTTLS: no EHLO, and above all no credentials.
        #expect(server.commands.last == "STARTTLS")
    }

    @Test("smtps: TLS from the first byte, checked against the certificate's IP address")
    func implicitTLS() async throws {
        let server = try await FakeSMTPServer(.init(implicitTLS: try Fixture.serverTLS(), authMechanisms: ["PLAIN"]))
        try await SMTPClient(configuration: Self.configuration(server, .implicitTLS, host: "127.0.0.1")).send(Fixture.email())
        await server.stop()
        #expect(server.messages.first?.wasEncrypted == true)
        #expect(server.messages.first?.authenticatedAs == "teacher")
    }

    @Test("STARTTLS required but not offered: nothing else is sent, the password least of all")
    func startTLSNotOffered() async throws {
        let server = try await FakeSMTPServer(.init(authMechanisms: ["PLAIN"]))
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: Self.configuration(server, .startTLS)).send(Fixture.email()) }
        await server.stop()
        #expect(error == .startTLSNotOffered(host: "localhost"))
        #expect(error?.category == .configuration)
        #expect(server.commands.allSatisfy { $0.hasPrefix("EHLO") || $0 == "QUIT" })
    }

    @Test("A certificate for another name is named as such")
    func wrongName() async throws {
        let server = try await FakeSMTPServer(.init(startTLS: try Fixture.serverTLS(wrongName: true), authMechanisms: ["PLAIN"]))
        let configuration = Self.configuration(server, .startTLS, ca: Fixture.path("wrong-name-cert.pem"))
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: configuration).send(Fixture.email()) }
        await server.stop()
        #expect(error == .certificateNameMismatch(host: "localhost"))
        #expect(error?.description == "the server's certificate is not valid for localhost")
        #expect(error?.category == .configuration)
        #expect(!server.commands.contains { $0.hasPrefix("AUTH") })
    }

    @Test("A self-signed certificate is not trusted without ca=, and is with verify=false")
    func untrusted() async throws {
        let server = try await FakeSMTPServer(.init(implicitTLS: try Fixture.serverTLS(), authMechanisms: ["PLAIN"]))
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: Self.configuration(server, .implicitTLS, ca: nil)).send(Fixture.email())
        }
        guard case .certificateUntrusted(host: "localhost", _) = error else {
            Issue.record("expected an untrusted certificate, got \(String(describing: error))")
            return
        }
        var unverified = Self.configuration(server, .implicitTLS, ca: nil)
        unverified.verifiesCertificate = false
        try await SMTPClient(configuration: unverified).send(Fixture.email())
        await server.stop()
        #expect(server.messages.count == 1)
    }
}
