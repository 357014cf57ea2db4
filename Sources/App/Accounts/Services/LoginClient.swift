import Crypto
import Foundation
import NIOCore
import Vapor

/// Which client a login attempt comes from, for the per-client limits of `LoginGuard`.
///
/// It is the client's address (`Request.clientAddress`): the socket's peer, or behind a
/// proxy named in `TRUSTED_PROXIES` the address it forwarded. `X-Forwarded-For` from anyone
/// else is not read: any client can write it, and so pick a fresh identity per guess. IPv6 clients are grouped by their /64,
/// the block one subscriber usually holds; an IPv4 address mapped into IPv6 counts as the
/// IPv4 address. Only a hash of the result is stored (`LoginFailure.client`).
struct LoginClient: Sendable {
    var identify: @Sendable (Request) -> String

    static let peerAddress = LoginClient { req in key(for: req.clientAddress) }

    static func key(for address: SocketAddress?) -> String {
        switch address {
        case .v4?:
            return address?.ipAddress ?? "unknown"
        case .v6(let v6)?:
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            if bytes.prefix(10).allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
                return bytes[12...].map(String.init).joined(separator: ".")
            }
            return bytes.prefix(8).map { String(format: "%02x", $0) }.joined() + "::/64"
        default:
            return "unknown"
        }
    }
}

extension Application {
    private struct LoginClientKey: StorageKey { typealias Value = LoginClient }

    /// Tests replace it to play several clients; in-memory requests have no address.
    var loginClient: LoginClient {
        get { storage[LoginClientKey.self] ?? .peerAddress }
        set { storage[LoginClientKey.self] = newValue }
    }
}

extension Request {
    /// The stored pseudonym of the client: a hash, so the table holds no plain address.
    var loginClientKey: String {
        let raw = application.loginClient.identify(self)
        return SHA256.hash(data: Data(("collegium-login-client:" + raw).utf8))
            .prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
