import Crypto
import Domain
import Foundation

/// Random secrets for links, cookies and API tokens: 32 bytes from the system's CSPRNG,
/// base64url without padding. Only `hash` of a secret is ever stored.
enum SecretToken {
    static func generate(prefix: String = "") -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return prefix + Base64URL.encode(bytes)
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Plausible shape only: cheap to check before touching the database.
    static func looksValid(_ secret: String) -> Bool {
        (20...100).contains(secret.count)
            && secret.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
