import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import SMTP

@Suite("DKIM")
struct DKIMTests {
    @Test("Relaxed canonicalisation gives RFC 6376 §3.4.5's example")
    func rfcExample() {
        let message = "A: X \r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n"
        let (headers, body) = DKIMCanonicalization.split(message)
        #expect(headers.map { DKIMCanonicalization.relaxedHeader(name: $0.name, value: $0.value) }.joined() == "a:X\r\nb:Y Z\r\n")
        #expect(DKIMCanonicalization.relaxedBody(body) == " C\r\nD E\r\n")
    }

    @Test("Relaxed body edge cases: empty body, missing final CRLF (§3.4.4)")
    func bodyEdges() {
        #expect(DKIMCanonicalization.relaxedBody("") == "")
        #expect(DKIMCanonicalization.relaxedBody("\r\n\r\n") == "")
        #expect(DKIMCanonicalization.relaxedBody("last line") == "last line\r\n")
    }

    @Test("The body hash matches RFC 8463 Appendix A's")
    func rfc8463BodyHash() {
        let body = "Hi.\r\n\r\nWe lost the game.  Are you hungry yet?\r\n\r\nJoe.\r\n"
        let hash = Data(SHA256.hash(data: Array(DKIMCanonicalization.relaxedBody(body).utf8))).base64EncodedString()
        #expect(hash == "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=")
    }

    static let keys = ["dkim-rsa.pem", "dkim-ed25519.pem"]

    @Test("A signed message verifies with the published key, and not once changed", arguments: DKIMTests.keys)
    func signAndVerify(keyFile: String) throws {
        let signer = try DKIMSigner(domain: "collegium.example", selector: "mail2026", privateKeyPEM: try Fixture.text(keyFile))
        #expect(signer.algorithm == (keyFile == "dkim-rsa.pem" ? .rsaSHA256 : .ed25519SHA256))
        let email = Fixture.email(
            subject: "თქვენი კოლეგა გიპასუხათ კითხვაზე, რომელიც დასვით გუშინ", html: "<p>Hi</p>",
            extraHeaders: [try HeaderField.listUnsubscribe("https://collegium.example/u/1"), HeaderField.oneClickUnsubscribe])
        let signed = try signer.sign(email.rendered(), date: Fixture.date)
        #expect(signed.hasPrefix("DKIM-Signature: v=1; a=\(signer.algorithm.rawValue);"))
        #expect(signed.hasSuffix(email.rendered()))
        #expect(signed.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count < 998 })

        let tags = Self.tags(of: signed)
        #expect(tags["h"] == "from:from:to:subject:date:message-id:mime-version:content-type:list-unsubscribe:list-unsubscribe-post")
        #expect(tags["t"] == "1796269754")
        #expect(tags["d"] == "collegium.example" && tags["s"] == "mail2026" && tags["c"] == "relaxed/relaxed")
        #expect(try Self.verify(signed, dnsRecord: signer.dnsRecord))

        // A relay refolding headers or adding trailing spaces keeps it valid (relaxed)...
        let refolded = signed.replacingOccurrences(of: "Subject: ", with: "Subject:   ").replacingOccurrences(of: "answered.\r\n", with: "answered.  \r\n")
        #expect(try Self.verify(refolded, dnsRecord: signer.dnsRecord))
        // ...but a changed subject, body or a second From breaks it.
        #expect(try !Self.verify(signed.replacingOccurrences(of: "Message-ID: <fixed.1", with: "Message-ID: <fixed.2"), dnsRecord: signer.dnsRecord))
        #expect(try !Self.verify(signed.replacingOccurrences(of: "Hello,", with: "Hello!"), dnsRecord: signer.dnsRecord))
        let secondFrom = signed.replacingOccurrences(of: "\r\nMIME-Version", with: "\r\nFrom: Eve <eve@evil.example>\r\nMIME-Version")
        #expect(try !Self.verify(secondFrom, dnsRecord: signer.dnsRecord))
    }

    @Test("Keys that cannot sign are refused")
    func badKeys() throws {
        #expect(throws: DKIMSigner.Problem.unreadableKey) { try DKIMSigner(domain: "a.example", selector: "s", privateKeyPEM: "not a key") }
        #expect(throws: DKIMSigner.Problem.invalidName("s; x=1")) {
            try DKIMSigner(domain: "a.example", selector: "s; x=1", privateKeyPEM: try Fixture.text("dkim-ed25519.pem"))
        }
    }

    // MARK: A verifier written from RFC 6376 §6.1.3, apart from the signer

    static func tags(of signed: String) -> [String: String] {
        let header = signed.components(separatedBy: "\r\n").prefix(while: { !$0.isEmpty }).reduce(into: [String]()) { lines, line in
            if line.hasPrefix(" ") || line.hasPrefix("\t") { lines[lines.count - 1] += line } else { lines.append(line) }
        }.first { $0.lowercased().hasPrefix("dkim-signature:") }!
        var tags: [String: String] = [:]
        for tag in header.dropFirst("DKIM-Signature:".count).split(separator: ";") {
            let parts = tag.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            tags[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].filter { !$0.isWhitespace }
        }
        return tags
    }

    static func verify(_ signed: String, dnsRecord: String) throws -> Bool {
        let tags = tags(of: signed)
        let (headers, body) = DKIMCanonicalization.split(signed)
        let bodyHash = Data(SHA256.hash(data: Array(DKIMCanonicalization.relaxedBody(body).utf8))).base64EncodedString()
        guard bodyHash == tags["bh"] else { return false }
        var remaining = headers
        var input = ""
        for name in tags["h"]!.split(separator: ":") {
            // The last unused instance of each name, from the bottom.
            guard let index = remaining.lastIndex(where: { $0.name.lowercased() == name }) else { continue }
            input += DKIMCanonicalization.relaxedHeader(name: remaining[index].name, value: remaining[index].value)
            remaining.remove(at: index)
        }
        let signature = headers.first { $0.name == "DKIM-Signature" }!
        let emptied = signature.value.replacing(/b=[^;]*$/, with: "b=")
        input += DKIMCanonicalization.relaxedField(name: signature.name, value: emptied)
        let digest = SHA256.hash(data: Array(input.utf8))
        let key = Data(base64Encoded: String(dnsRecord.split(separator: "p=").last!))!
        let signatureBytes = Data(base64Encoded: tags["b"]!)!
        if dnsRecord.contains("k=rsa") {
            let publicKey = try _RSA.Signing.PublicKey(derRepresentation: key)
            return publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signatureBytes), for: digest, padding: .insecurePKCS1v1_5)
        }
        return try Curve25519.Signing.PublicKey(rawRepresentation: key).isValidSignature(signatureBytes, for: Data(digest))
    }
}
