import Foundation

/// Every setting Collegium reads from its environment, checked once at boot.
/// A bad value stops the start with a message that names every bad variable at once
/// (nothing else in the code reads the environment). `docs/configuration.md` lists them.
public struct AppConfig: Sendable {
    public enum DatabaseChoice: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        case postgres(url: String)
    }

    public var database: DatabaseChoice
    /// The address people reach the site at; links in emails use it. `https` turns on
    /// secure cookies with the `__Host-` prefix.
    public var publicURL: URL
    public var sessionIdleTimeout: TimeInterval
    public var sessionAbsoluteTimeout: TimeInterval
    public var bcryptCost: Int
    public var invitationLifetime: TimeInterval
    public var passwordResetLifetime: TimeInterval
    /// A Learning Record Store that receives the courses' xAPI statements; nil: none.
    public var learningRecordStore: LearningRecordStore? = nil
    /// The bearer token `GET /metrics` asks for; nil: `/metrics` answers 404. Per-route
    /// counters tell when someone acts (a check-in, an answer), so they are the
    /// operator's alone (issue #14).
    public var metricsToken: String? = nil
    /// The organisation named as the issuer of certificates earned outside any network
    /// (`ISSUER_NAME`; by default the public address's host). A network's own certificates
    /// name the network: Collegium is the software, never the issuer.
    public var issuerName: String = ""
    /// Where mail goes and who it is from (`AppConfig+Mail.swift`).
    public var mail = MailSettings(smtp: nil, from: MailSettings.demoSender, dkim: nil)
    /// How the node stops and waits for its database (`AppConfig+Operations.swift`).
    public var operations = OperationsSettings()
    /// `TRUSTED_PROXIES`: whose `X-Forwarded-For` names the client (none by default).
    public var trustedProxies = TrustedProxies.none

    public struct LearningRecordStore: Sendable, Equatable {
        /// The LRS's xAPI endpoint (statements go to `<endpoint>/statements`).
        public var endpoint: URL
        /// `user:password` for HTTP Basic authentication, if the store needs it.
        public var credentials: String?
        /// Seconds a store may take to answer one batch before the batch stays unsent for
        /// the next pass. Not read from the environment (no operator has needed another
        /// value); tests shorten it to check a store that never answers.
        public var timeout: TimeInterval = Self.defaultTimeout
        /// What `timeout` is unless a test shortens it.
        public static let defaultTimeout: TimeInterval = 10
    }

    /// `publicURL` without a trailing slash, to put paths after.
    public var publicBase: String {
        var base = publicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    public var usesHTTPS: Bool { publicURL.scheme?.lowercased() == "https" }

    public static let variables =
        [
            "DATABASE_URL", "PUBLIC_URL", "SESSION_IDLE_MINUTES", "SESSION_ABSOLUTE_HOURS",
            "BCRYPT_COST", "INVITATION_DAYS", "PASSWORD_RESET_MINUTES", "XAPI_LRS_URL", "XAPI_LRS_AUTH",
            "METRICS_TOKEN", "ISSUER_NAME", "TRUSTED_PROXIES",
        ] + MailSettings.variables + OperationsSettings.variables

    public static func load(from environment: [String: String]) throws(ConfigError) -> AppConfig {
        var problems: [String] = []
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
            guard let raw = value(name) else { return fallback }
            guard let number = Int(raw), range.contains(number) else {
                problems.append("\(name)=\(raw): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
                return fallback
            }
            return number
        }

        var database = DatabaseChoice.sqliteFile(path: "data/collegium.sqlite")
        if let url = value("DATABASE_URL") {
            if url == "sqlite::memory:" || url == "sqlite://:memory:" {
                database = .sqliteMemory
            } else if url.hasPrefix("sqlite:") {
                var path = String(url.dropFirst("sqlite:".count))
                if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
                if path.isEmpty { problems.append("DATABASE_URL=\(url): the SQLite form is sqlite:PATH") }
                database = .sqliteFile(path: path)
            } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                if URL(string: url)?.host == nil {
                    problems.append("DATABASE_URL: not a valid PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE)")
                }
                database = .postgres(url: url)
            } else {
                problems.append("DATABASE_URL: expected postgres://… or sqlite:PATH")
            }
        }

        var publicURL = URL(string: "http://127.0.0.1:8080")!
        if let raw = value("PUBLIC_URL") {
            if let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil {
                publicURL = url
            } else {
                problems.append("PUBLIC_URL=\(raw): expected an absolute http:// or https:// address")
            }
        }

        let idle = integer("SESSION_IDLE_MINUTES", default: 60, range: 5...1440)
        let absolute = integer("SESSION_ABSOLUTE_HOURS", default: 12, range: 1...720)
        let cost = integer("BCRYPT_COST", default: 12, range: 4...16)
        let invitationDays = integer("INVITATION_DAYS", default: 14, range: 1...90)
        let resetMinutes = integer("PASSWORD_RESET_MINUTES", default: 60, range: 5...1440)

        var lrs: LearningRecordStore?
        if let raw = value("XAPI_LRS_URL") {
            if let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil {
                lrs = LearningRecordStore(endpoint: url, credentials: value("XAPI_LRS_AUTH"))
            } else {
                problems.append("XAPI_LRS_URL=\(raw): expected the store's xAPI endpoint, an absolute http:// or https:// address")
            }
        }
        if let auth = value("XAPI_LRS_AUTH"), !auth.contains(":") {
            problems.append("XAPI_LRS_AUTH: expected user:password")
        }

        let metricsToken = value("METRICS_TOKEN")
        if let token = metricsToken, token.count < 24 || !token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
            problems.append("METRICS_TOKEN: expected at least 24 characters without spaces (for example: openssl rand -hex 32)")
        }

        let mail = MailSettings.load(value, problems: &problems)
        let operations = OperationsSettings.load { integer($0, default: $1, range: $2) }
        let (proxies, rejected) = TrustedProxies.parse(value("TRUSTED_PROXIES") ?? "")
        if !rejected.isEmpty {
            problems.append(
                "TRUSTED_PROXIES: expected addresses or networks such as 127.0.0.1, 10.0.0.0/8, ::1; cannot read \(rejected.joined(separator: ", "))")
        }

        if !problems.isEmpty { throw ConfigError(problems: problems) }
        var config = AppConfig(
            database: database, publicURL: publicURL,
            sessionIdleTimeout: TimeInterval(idle * 60), sessionAbsoluteTimeout: TimeInterval(absolute * 3600),
            bcryptCost: cost, invitationLifetime: TimeInterval(invitationDays * 86_400),
            passwordResetLifetime: TimeInterval(resetMinutes * 60), learningRecordStore: lrs,
            metricsToken: metricsToken)
        config.mail = mail
        config.operations = operations
        config.trustedProxies = proxies
        config.issuerName = value("ISSUER_NAME").map { String($0.prefix(200)) } ?? (publicURL.host ?? "")
        return config
    }
}

public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var problems: [String]
    public var description: String {
        "Collegium cannot start: the configuration has \(problems.count) problem(s):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
