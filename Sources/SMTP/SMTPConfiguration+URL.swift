import Foundation

extension SMTPConfiguration {
    /// Why a mail server URL could not be read. Each description names the problem without
    /// repeating the password.
    public enum URLProblem: Error, Sendable, Equatable, CustomStringConvertible {
        case notAURL
        case unknownScheme(String)
        case missingHost
        case badPort(String)
        case badPercentEncoding
        case passwordTwice
        case passwordFileUnreadable(path: String, reason: String)
        case passwordWithoutUser
        case unknownOption(String)
        case badOptionValue(option: String, value: String)
        case certificateFileUnreadable(String)
        case userWithoutPassword
        case controlCharacterInCredentials

        /// The same problem without the value it names. A URL with credentials may hold an
        /// unescaped "?" or "/" in its password, which moves where the port or the options
        /// seem to start, so any value from it could be a piece of the password.
        var withoutValues: URLProblem {
            switch self {
            case .badPort: .badPort("…")
            case .unknownOption: .unknownOption("…")
            case .badOptionValue(let option, _): .badOptionValue(option: option.count <= 6 ? option : "…", value: "…")
            case .unknownScheme, .notAURL, .missingHost, .badPercentEncoding, .passwordTwice, .passwordFileUnreadable,
                .passwordWithoutUser, .certificateFileUnreadable, .userWithoutPassword, .controlCharacterInCredentials:
                self
            }
        }

        public var description: String {
            switch self {
            case .notAURL: "the mail server setting is not a URL of the form scheme://[user[:password]@]host[:port]"
            case .unknownScheme(let scheme): "unknown mail server scheme \(quoted(scheme)): use smtp+starttls://, smtps:// or smtp://"
            case .missingHost: "the mail server URL has no host"
            case .badPort(let port): "the mail server port \(quoted(port)) is not a number from 1 to 65535"
            case .badPercentEncoding: "the user or password in the mail server URL has an invalid %-escape"
            case .passwordTwice: "the mail server password is given both in the URL and in a file: give it once"
            case .passwordFileUnreadable(let path, let reason): "the mail server password file \(path) cannot be read: \(reason)"
            case .passwordWithoutUser: "a mail server password is given without a user name"
            case .unknownOption(let option): "unknown mail server URL option \(quoted(option)): the options are verify, ca and ehlo"
            case .badOptionValue(let option, let value): "the mail server URL option \(option) cannot be \(quoted(value))"
            case .certificateFileUnreadable(let path): "the CA file \(path) given with ca= cannot be read"
            case .userWithoutPassword:
                "the mail server URL names a user but no password: give the password in the URL or in a file, or no user at all"
            case .controlCharacterInCredentials: "the user or password in the mail server URL holds a control character"
            }
        }
    }

    /// Reads the settings from a URL (see the type's documentation for the forms). When
    /// `passwordFile` is given, the password is that file's content, without its trailing
    /// line break (a secret mounted as a file keeps it out of the environment and `ps`).
    public static func parse(url: String, passwordFile: String? = nil) throws(URLProblem) -> SMTPConfiguration {
        do throws(URLProblem) {
            return try read(url: url, passwordFile: passwordFile)
        } catch {
            // With credentials in the URL, no value of it is repeated (see `withoutValues`).
            throw url.contains("@") ? error.withoutValues : error
        }
    }

    private static func read(url: String, passwordFile: String?) throws(URLProblem) -> SMTPConfiguration {
        guard let schemeEnd = url.range(of: "://") else { throw .notAURL }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let (security, defaultPort): (Security, Int) =
            switch scheme {
            case "smtp+starttls": (.startTLS, 587)
            case "smtps": (.implicitTLS, 465)
            case "smtp": (.none, 25)
            default: throw .unknownScheme(scheme)
            }
        var rest = url[schemeEnd.upperBound...]
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.contains("/"), !rest.contains("#") else { throw .notAURL }

        // The last "@" separates the user information: a password may hold an unescaped "@".
        var username: String?
        var password: String?
        var hostPort = rest
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            hostPort = rest[rest.index(after: at)...]
            let colon = userInfo.firstIndex(of: ":")
            guard let user = String(userInfo[..<(colon ?? userInfo.endIndex)]).removingPercentEncoding else { throw .badPercentEncoding }
            if !user.isEmpty { username = user }
            if let colon {
                guard let secret = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncoding else { throw .badPercentEncoding }
                password = secret
            }
        }
        let (host, port) = try hostAndPort(hostPort, defaultPort: defaultPort)

        if let passwordFile {
            guard password == nil else { throw .passwordTwice }
            password = try readPassword(passwordFile)
        }
        if password != nil, username == nil { throw .passwordWithoutUser }
        // Without a password the client would skip AUTH and the server refuse the sender.
        if username != nil, password == nil { throw .userWithoutPassword }
        // RFC 4616 §2: AUTH PLAIN separates its fields with NUL, so no field may hold one (nor
        // any other control character a %-escape could bring in).
        if [username, password].contains(where: { $0?.unicodeScalars.contains { $0.value < 32 || $0.value == 127 } == true }) {
            throw .controlCharacterInCredentials
        }

        var configuration = SMTPConfiguration(host: host, port: port, security: security, username: username, password: password)
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? "") : ""
            switch key {
            case "verify":
                guard let flag = ["true": true, "1": true, "false": false, "0": false][value.lowercased()] else {
                    throw .badOptionValue(option: key, value: value)
                }
                configuration.verifiesCertificate = flag
            case "ca":
                guard !value.isEmpty else { throw .badOptionValue(option: key, value: value) }
                guard FileManager.default.isReadableFile(atPath: value) else { throw .certificateFileUnreadable(value) }
                configuration.trustedCertificatesFile = value
            case "ehlo":
                let valid = !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 }
                guard valid else { throw .badOptionValue(option: key, value: value) }
                configuration.ehloName = value
            default: throw .unknownOption(key)
            }
        }
        return configuration
    }

    private static func hostAndPort(_ text: Substring, defaultPort: Int) throws(URLProblem) -> (String, Int) {
        let host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            // An IPv6 literal: [::1]:25.
            guard let close = text.firstIndex(of: "]") else { throw .notAURL }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .notAURL }
                portText = after.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            host = text
        }
        guard !host.isEmpty else { throw .missingHost }
        if host.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } == true }) { throw .notAURL }
        guard let portText else { return (String(host).lowercased(), defaultPort) }
        guard portText.allSatisfy({ ("0"..."9").contains($0) }), let port = Int(portText), (1...65535).contains(port) else { throw .badPort(String(portText)) }
        return (String(host).lowercased(), port)
    }

    private static func readPassword(_ path: String) throws(URLProblem) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"
            throw .passwordFileUnreadable(path: path, reason: reason)
        }
        guard var text = String(data: data, encoding: .utf8) else { throw .passwordFileUnreadable(path: path, reason: "not UTF-8 text") }
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        guard !text.isEmpty else { throw .passwordFileUnreadable(path: path, reason: "the file is empty") }
        return text
    }
}
