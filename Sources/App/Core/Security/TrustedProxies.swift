import NIOCore
import Vapor

/// The proxies whose `X-Forwarded-For` Collegium believes (`TRUSTED_PROXIES`, issue 20).
///
/// Behind nginx every connection comes from nginx, so per-client limits (sign-in attempts,
/// survey links) would count the whole school as one client. Anyone can write
/// `X-Forwarded-For`, though, so it is read only on a connection from a configured proxy,
/// and only the addresses those proxies added: the list is walked from the right, past
/// every trusted hop, and the first address that is not a proxy is the client. An address a
/// client wrote itself at the left is never reached while a proxy appended the real one.
public struct TrustedProxies: Sendable, Equatable {
    /// A network: its address bytes (4 or 16) and prefix length.
    struct Network: Sendable, Equatable {
        var bytes: [UInt8]
        var prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefix
            for (a, b) in zip(address, bytes) {
                if left <= 0 { return true }
                let mask: UInt8 = left >= 8 ? 0xff : ~(0xff >> UInt8(left))
                if a & mask != b & mask { return false }
                left -= 8
            }
            return true
        }
    }

    var networks: [Network] = []

    public static let none = TrustedProxies()

    /// `10.0.0.5, 10.1.0.0/16, ::1, fd00::/8`; the entries it cannot read, for the error.
    static func parse(_ text: String) -> (TrustedProxies, rejected: [String]) {
        var proxies = TrustedProxies(), rejected: [String] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let bytes = bytes(of: parts[0]) else {
                rejected.append(entry)
                continue
            }
            // Never /0: a network that holds every address would believe any client's header.
            let maximum = bytes.count * 8
            guard let prefix = parts.count == 2 ? Int(parts[1]) : maximum, (1...maximum).contains(prefix) else {
                rejected.append(entry)
                continue
            }
            proxies.networks.append(Network(bytes: bytes, prefix: prefix))
        }
        return (proxies, rejected)
    }

    func trusts(_ address: [UInt8]) -> Bool { networks.contains { $0.contains(address) } }

    /// The client of a connection from `peer` that carried `forwardedFor` (the values of
    /// every `X-Forwarded-For` header, in order): the peer itself unless it is a trusted
    /// proxy; else the right-most forwarded address that is not; if all are, the left-most.
    func client(peer: SocketAddress?, forwardedFor: [String]) -> SocketAddress? {
        guard let peer, let peerBytes = Self.bytes(of: peer), trusts(peerBytes) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client: SocketAddress?
        for hop in hops.reversed() {
            guard let address = try? SocketAddress(ipAddress: Self.withoutBrackets(hop), port: 0), let bytes = Self.bytes(of: address) else {
                break  // not an address (a name, "unknown", a port): nothing left of it is believed
            }
            client = address
            if !trusts(bytes) { break }
        }
        return client ?? peer
    }

    /// An address as bytes: 4 for IPv4 (an IPv4 address mapped into IPv6 included), 16 for IPv6.
    static func bytes(of text: String) -> [UInt8]? {
        (try? SocketAddress(ipAddress: withoutBrackets(text), port: 0)).flatMap(bytes(of:))
    }

    static func bytes(of address: SocketAddress) -> [UInt8]? {
        switch address {
        case .v4(let v4):
            return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            let mapped = bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff
            return mapped ? Array(bytes[12...]) : bytes
        default:
            return nil
        }
    }

    private static func withoutBrackets(_ text: String) -> String {
        text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
    }
}

extension Request {
    /// The client's address: the connection's peer, or, on a connection from a trusted
    /// proxy, the address that proxy forwarded (`TrustedProxies`). Per-client limits and
    /// the demo's local-only pages use it; `remoteAddress` is the proxy's.
    var clientAddress: SocketAddress? {
        application.config.trustedProxies.client(peer: remoteAddress, forwardedFor: headers[.xForwardedFor])
    }
}
