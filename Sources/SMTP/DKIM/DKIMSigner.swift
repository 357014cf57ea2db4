import Crypto
import Foundation
import _CryptoExtras

/// Signs messages with DKIM (RFC 6376), so that receivers can check that the mail comes from
/// the domain and was not changed on the way: relaxed/relaxed canonicalisation, SHA-256, and
/// either RSA (PKCS#1 v1.5, the algorithm every receiver knows) or Ed25519 (RFC 8463, short
/// keys, known to fewer receivers; a domain may publish both under two selectors).
///
/// The key is a PEM: for RSA, `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1) or
/// `-----BEGIN PRIVATE KEY-----` (PKCS#8), 2048 bits or more (`openssl genrsa 2048`); for
/// Ed25519, a PKCS#8 `-----BEGIN PRIVATE KEY-----` (`openssl genpkey -algorithm ed25519`).
/// `dnsRecord` is the TXT record to publish at `<selector>._domainkey.<domain>`.
public struct DKIMSigner: Sendable {
    /// The signature algorithm, named as in the `a=` tag.
    public enum Algorithm: String, Sendable {
        case rsaSHA256 = "rsa-sha256"
        case ed25519SHA256 = "ed25519-sha256"
    }

    /// Why a key could not be used.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadableKey
        case invalidName(String)
        case signingFailed(String)

        public var description: String {
            switch self {
            case .unreadableKey:
                "the DKIM key is neither an RSA private key of 1024 bits or more (RFC 8301; 2048 is usual) nor an Ed25519 private key in PKCS#8, in PEM"
            case .signingFailed(let reason): "the DKIM signature could not be made: \(reason)"
            case .invalidName(let name): "\(quoted(name)) is not a valid DKIM domain or selector (letters, digits, dots, hyphens and underscores)"
            }
        }
    }

    private enum Key: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
    }

    /// `d=`: the signing domain, usually the From address's.
    public let domain: String
    /// `s=`: the selector, under which the public key is published.
    public let selector: String
    public let algorithm: Algorithm
    private let key: Key

    /// The headers signed when present, in this order. From is signed once more than it
    /// occurs, so that a second From added on the way breaks the signature (RFC 6376 §8.15).
    static let signedHeaders = [
        "from", "to", "reply-to", "subject", "date", "message-id", "mime-version", "content-type",
        "list-unsubscribe", "list-unsubscribe-post", "auto-submitted",
    ]

    public init(domain: String, selector: String, privateKeyPEM: String) throws(Problem) {
        for name in [domain, selector] {
            let valid =
                !name.isEmpty
                && name.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || (48...57).contains($0.value) || ".-_".unicodeScalars.contains($0))
                }
            guard valid else { throw .invalidName(name) }
        }
        self.domain = domain
        self.selector = selector
        // "unsafe" admits 1024-bit keys, which RFC 8301 §3.2 still requires verifiers to accept;
        // shorter ones are refused.
        if let rsa = try? _RSA.Signing.PrivateKey(unsafePEMRepresentation: privateKeyPEM) {
            key = .rsa(rsa)
            algorithm = .rsaSHA256
        } else if let ed25519 = try? Curve25519.Signing.PrivateKey(pemRepresentation: privateKeyPEM) {
            key = .ed25519(ed25519)
            algorithm = .ed25519SHA256
        } else {
            throw .unreadableKey
        }
    }

    /// The TXT record to publish at `<selector>._domainkey.<domain>` (RFC 6376 §3.6.1).
    public var dnsRecord: String {
        switch key {
        case .rsa(let key): "v=DKIM1; k=rsa; p=" + key.publicKey.derRepresentation.base64EncodedString()
        case .ed25519(let key): "v=DKIM1; k=ed25519; p=" + key.publicKey.rawRepresentation.base64EncodedString()
        }
    }

    /// The message with a `DKIM-Signature` header in front. `message` is RFC 5322 text with
    /// CRLF line endings, as `Email.rendered()` writes it; `date` is the `t=` tag.
    public func sign(_ message: String, date: Date = Date()) throws(Problem) -> String {
        let (headers, body) = DKIMCanonicalization.split(message)
        let bodyHash = Data(SHA256.hash(data: Array(DKIMCanonicalization.relaxedBody(body).utf8))).base64EncodedString()

        // Each listed name picks the next instance from the bottom (§5.4.2); one with none left
        // adds nothing, which is what makes the extra "from" guard against a second From.
        var present = Self.signedHeaders.filter { name in headers.contains { $0.name.lowercased() == name } }
        if present.first == "from" { present.insert("from", at: 0) }
        var used: [String: Int] = [:]
        var input = ""
        for name in present {
            let instances = headers.filter { $0.name.lowercased() == name }
            let taken = used[name, default: 0]
            used[name] = taken + 1
            guard taken < instances.count else { continue }
            let field = instances[instances.count - 1 - taken]
            input += DKIMCanonicalization.relaxedHeader(name: field.name, value: field.value)
        }

        let tags = [
            "v=1", "a=\(algorithm.rawValue)", "c=relaxed/relaxed", "d=\(domain)", "s=\(selector)",
            "t=\(Int(date.timeIntervalSince1970))", "h=\(present.joined(separator: ":"))", "bh=\(bodyHash)",
        ]
        // Folded between tags, where relaxed canonicalisation turns the fold back into the one
        // space it replaced; the signature itself is hashed with an empty b= (§3.5).
        var unsigned = "DKIM-Signature:"
        var lineLength = unsigned.count
        for tag in tags.map({ $0 + ";" }) {
            let separator = lineLength + 1 + tag.utf8.count > HeaderFolding.lineLimit ? "\r\n " : " "
            lineLength = separator == " " ? lineLength + 1 + tag.utf8.count : 1 + tag.utf8.count
            unsigned += separator + tag
        }
        // The signature on lines of its own: " b=" and 72 characters, then 72 a line.
        unsigned += "\r\n b="
        let value = String(unsigned.dropFirst("DKIM-Signature:".count))
        input += DKIMCanonicalization.relaxedField(name: "DKIM-Signature", value: value)
        let signature = try signatureBytes(for: Array(input.utf8)).base64EncodedString()

        var folded = ""
        var rest = Substring(signature)
        while !rest.isEmpty {
            if !folded.isEmpty { folded += "\r\n " }
            folded += rest.prefix(72)
            rest = rest.dropFirst(72)
        }
        return unsigned + folded + "\r\n" + message
    }

    private func signatureBytes(for input: [UInt8]) throws(Problem) -> Data {
        let digest = SHA256.hash(data: input)
        do {
            switch key {
            case .rsa(let key):
                return try key.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation
            case .ed25519(let key):
                // RFC 8463 §3: Ed25519 (pure) over the SHA-256 hash, not over the data itself.
                return try key.signature(for: Data(digest))
            }
        } catch {
            throw .signingFailed("\(error)")
        }
    }
}
