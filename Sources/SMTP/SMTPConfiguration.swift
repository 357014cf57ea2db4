import Foundation

/// Where and how to send: the server, how the connection is protected, the credentials,
/// the timeouts. Usually read from one URL with `parse(url:passwordFile:)`:
///
/// - `smtp+starttls://user:password@smtp.example.org:587`: STARTTLS (RFC 3207), required:
///   sending fails when the server does not offer it, rather than going on in clear text.
/// - `smtps://user:password@smtp.example.org:465`: TLS from the first byte (RFC 8314).
/// - `smtp://localhost:25`: no encryption, for a relay on the same host or a private network
///   only; `isUnencrypted` lets the app warn about it. Credentials are never sent over such
///   a connection unless the host is a loopback address.
///
/// User and password are percent-decoded. Query options: `verify=false` turns certificate
/// verification off (for tests only: anyone on the path can then read the mail and the
/// password), `ca=/path/ca.pem` trusts the certificates in that PEM file instead of the
/// system's (a test server's self-signed certificate, a private CA), and `ehlo=name` sets the
/// name the client gives in EHLO (default: this machine's host name).
public struct SMTPConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is protected.
    public enum Security: String, Sendable, Equatable {
        /// Plain connection upgraded with STARTTLS before anything else is sent.
        case startTLS
        /// TLS from the start (port 465).
        case implicitTLS
        /// No encryption at all.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// Whether the server's certificate chain and name are checked (default true).
    public var verifiesCertificate: Bool
    /// A PEM file of trusted certificates used instead of the system's.
    public var trustedCertificatesFile: String?
    /// The name given in EHLO/HELO (RFC 5321 §4.1.1.1).
    public var ehloName: String
    public var timeouts: SMTPTimeouts

    public init(
        host: String,
        port: Int,
        security: Security,
        username: String? = nil,
        password: String? = nil,
        verifiesCertificate: Bool = true,
        trustedCertificatesFile: String? = nil,
        ehloName: String = SMTPConfiguration.localHostName(),
        timeouts: SMTPTimeouts = SMTPTimeouts()
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.verifiesCertificate = verifiesCertificate
        self.trustedCertificatesFile = trustedCertificatesFile
        self.ehloName = ehloName
        self.timeouts = timeouts
    }

    /// True for `smtp://`: mail (and any password) would cross the network readable by anyone
    /// on the path. The app should log a warning unless the host is local.
    public var isUnencrypted: Bool { security == .none }

    /// Whether the host is this machine: `localhost`, an address in 127.0.0.0/8, or ::1. Only
    /// literal addresses count (a name such as `127.example.org` is not), since a password may
    /// go in clear text to such a host.
    public var isLoopback: Bool {
        let host = host.lowercased()
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        let isIPv4Loopback =
            octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && Int($0).map { $0 <= 255 } == true }
        return host == "localhost" || isIPv4Loopback || host == "::1" || host == "0:0:0:0:0:0:0:1"
    }

    /// The settings without the password.
    public var description: String {
        let user = username.map { "\($0)\(password == nil ? "" : ":********")@" } ?? ""
        let scheme =
            switch security {
            case .startTLS: "smtp+starttls"
            case .implicitTLS: "smtps"
            case .none: "smtp"
            }
        return "\(scheme)://\(user)\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// This machine's host name, for EHLO.
    public static func localHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // A name with a space or a control character would break the EHLO line.
        return name.isEmpty || name.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } == true }) ? "localhost" : name
    }
}

/// How long the client waits. The defaults follow RFC 5321 §4.5.3.2, shortened where a
/// user may be waiting (a test command) and where a stuck server should fail fast.
public struct SMTPTimeouts: Sendable, Equatable {
    /// Establishing the TCP connection (and the TLS handshake of `smtps`).
    public var connect: Duration
    /// Each reply, the greeting included (the RFC's 5 minutes are kept for DATA's end).
    public var reply: Duration
    /// The reply to the final "." of DATA, while the server may be scanning the message
    /// (RFC 5321 §4.5.3.2.6: 10 minutes).
    public var dataEnd: Duration

    public init(connect: Duration = .seconds(30), reply: Duration = .seconds(60), dataEnd: Duration = .seconds(600)) {
        self.connect = connect
        self.reply = reply
        self.dataEnd = dataEnd
    }
}
