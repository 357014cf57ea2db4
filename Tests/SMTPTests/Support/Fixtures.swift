import Foundation
import NIOSSL

@testable import SMTP

/// The test-only keys and certificates in Resources (see its README).
enum Fixture {
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources")!.path
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// A server context with the certificate for localhost and 127.0.0.1, or for wrong.example.
    static func serverTLS(wrongName: Bool = false) throws -> NIOSSLContext {
        let prefix = wrongName ? "wrong-name" : "localhost"
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(path("\(prefix)-cert.pem")).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: path("\(prefix)-key.pem"), format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }

    /// 2026-12-03 03:49:14 UTC, a Thursday.
    static let date = Date(timeIntervalSince1970: 1_796_269_754)

    static func address(_ address: String, _ name: String? = nil) -> EmailAddress {
        try! EmailAddress(address, name: name)
    }

    static func email(
        to: [EmailAddress] = [address("janis@riga.example", "Jānis Bērziņš")], subject: String = "Your colleague answered",
        text: String = "Hello,\nyour colleague answered.\n", html: String? = nil, attachments: [Attachment] = [], extraHeaders: [HeaderField] = []
    ) -> Email {
        try! Email(
            from: address("noreply@collegium.example", "Collegium"), to: to, subject: subject, text: text, html: html, attachments: attachments,
            extraHeaders: extraHeaders, messageID: "<fixed.1@collegium.example>", date: date)
    }
}
