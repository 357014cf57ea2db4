import NIOCore
import Testing
import Vapor

@testable import App

/// Behind a proxy named in TRUSTED_PROXIES the client is the address the proxy forwarded;
/// from anyone else `X-Forwarded-For` is ignored (issue 20).
@Suite("Trusted proxies")
struct TrustedProxiesTests {
    static func address(_ text: String) throws -> SocketAddress { try SocketAddress(ipAddress: text, port: 4000) }

    static func proxies(_ text: String) -> TrustedProxies {
        let (proxies, rejected) = TrustedProxies.parse(text)
        #expect(rejected.isEmpty)
        return proxies
    }

    @Test("Addresses and networks, IPv4 and IPv6; what cannot be read is named and stops the start")
    func parsing() throws {
        let proxies = Self.proxies("127.0.0.1, 10.20.0.0/16, ::1, fd00::/8")
        #expect(proxies.trusts(try #require(TrustedProxies.bytes(of: "10.20.255.1"))))
        #expect(!proxies.trusts(try #require(TrustedProxies.bytes(of: "10.21.0.1"))))
        #expect(proxies.trusts(try #require(TrustedProxies.bytes(of: "fd12:3456::1"))))
        #expect(!proxies.trusts(try #require(TrustedProxies.bytes(of: "fe80::1"))))
        #expect(proxies.trusts(try #require(TrustedProxies.bytes(of: "::ffff:127.0.0.1"))), "IPv4 mapped into IPv6 is the IPv4 address")
        #expect(TrustedProxies.parse("10.0.0.0/33, nginx, 10.0.0.1, 0.0.0.0/0, 10.0.0.2/").rejected == ["10.0.0.0/33", "nginx", "0.0.0.0/0", "10.0.0.2/"])
        // A prefix that is not a whole number of bytes: 172.16.0.0/12 holds 172.16–172.31.
        let twelve = Self.proxies("172.16.0.0/12")
        #expect(twelve.trusts(try #require(TrustedProxies.bytes(of: "172.31.255.254"))))
        #expect(!twelve.trusts(try #require(TrustedProxies.bytes(of: "172.32.0.1"))))
        #expect(!twelve.trusts(try #require(TrustedProxies.bytes(of: "172.15.255.255"))))
        #expect(throws: ConfigError.self) { try AppConfig.load(from: ["TRUSTED_PROXIES": "proxy.internal"]) }
        #expect(try AppConfig.load(from: [:]).trustedProxies == .none)
    }

    @Test("The client is the right-most forwarded address that is not a proxy; a forged address at the left is never reached")
    func walk() throws {
        let proxies = Self.proxies("127.0.0.1, 10.0.0.0/8")
        let nginx = try Self.address("127.0.0.1")
        #expect(proxies.client(peer: nginx, forwardedFor: ["203.0.113.7"])?.ipAddress == "203.0.113.7")
        // A client wrote its own X-Forwarded-For; nginx appended the real address.
        #expect(proxies.client(peer: nginx, forwardedFor: ["198.51.100.99, 203.0.113.7"])?.ipAddress == "203.0.113.7")
        // Two proxies: the inner one's hop is skipped.
        #expect(proxies.client(peer: nginx, forwardedFor: ["203.0.113.7", "10.1.2.3"])?.ipAddress == "203.0.113.7")
        #expect(proxies.client(peer: nginx, forwardedFor: ["[2001:db8::5]"])?.ipAddress == "2001:db8::5")
        // Something that is not an address ends the walk: what lies left of it is not believed.
        #expect(proxies.client(peer: nginx, forwardedFor: ["198.51.100.99, unknown"])?.ipAddress == "127.0.0.1")
        // No header: the proxy itself.
        #expect(proxies.client(peer: nginx, forwardedFor: [])?.ipAddress == "127.0.0.1")
        // From a peer that is not a proxy the header is ignored, whatever it says.
        let stranger = try Self.address("198.51.100.1")
        #expect(proxies.client(peer: stranger, forwardedFor: ["203.0.113.7"])?.ipAddress == "198.51.100.1")
        #expect(TrustedProxies.none.client(peer: nginx, forwardedFor: ["203.0.113.7"])?.ipAddress == "127.0.0.1")
        // A proxy that reaches the node over IPv6 with an IPv4-mapped address is the same proxy.
        #expect(proxies.client(peer: try Self.address("::ffff:127.0.0.1"), forwardedFor: ["203.0.113.7"])?.ipAddress == "203.0.113.7")
    }

    @Test("Sign-in limits count each client behind the proxy apart, and a forged header from outside changes nothing")
    func signInClient() async throws {
        try await withApp(environment: ["TRUSTED_PROXIES": "127.0.0.1"]) { app, _ in
            func key(peer: String, forwarded: String?) -> String {
                var headers = HTTPHeaders()
                if let forwarded { headers.add(name: .xForwardedFor, value: forwarded) }
                let request = Request(
                    application: app, method: .POST, url: "/login", headers: headers, remoteAddress: try? Self.address(peer),
                    on: app.eventLoopGroup.next())
                return request.loginClientKey
            }
            #expect(key(peer: "127.0.0.1", forwarded: "203.0.113.7") != key(peer: "127.0.0.1", forwarded: "203.0.113.8"))
            #expect(key(peer: "127.0.0.1", forwarded: "203.0.113.7") == key(peer: "203.0.113.7", forwarded: nil))
            #expect(key(peer: "198.51.100.1", forwarded: "203.0.113.7") == key(peer: "198.51.100.1", forwarded: "203.0.113.8"))
        }
    }
}
