/// A server's reply (RFC 5321 §4.2): a three-digit code and one or more lines of text.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// 250, 354, 451, 550, …
    public let code: Int
    /// The text of each line, without the code and its separator.
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx.
    public var isSuccess: Bool { (200..<300).contains(code) }
    /// 4xx: the server may accept the same command later (RFC 5321 §4.2.1).
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: the server will not accept it.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// `550 5.1.1 mailbox unavailable`: the code and the lines joined by spaces.
    public var description: String { ([String(code)] + lines.filter { !$0.isEmpty }).joined(separator: " ") }
}

/// Assembles replies from lines (RFC 5321 §4.2.1): `250-first`, `250-second`, `250 last`.
/// A line is the code, then `-` (more lines follow) or a space (or nothing: the last line),
/// then the text.
struct SMTPReplyParser {
    enum Problem: Error, Equatable {
        case malformedLine(String)
        case codeChanged(String)
    }

    private var code: Int?
    private var lines: [String] = []

    /// Takes one line (without CRLF); returns a reply when the line completes one.
    mutating func feed(_ line: String) throws(Problem) -> SMTPReply? {
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, utf8[0...2].allSatisfy({ (48...57).contains($0) }), (2...5).contains(utf8[0] - 48) else {
            throw .malformedLine(line)
        }
        let lineCode = Int(String(decoding: utf8[0...2], as: UTF8.self))!
        let separator: UInt8? = utf8.count > 3 ? utf8[3] : nil
        guard separator == nil || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else { throw .malformedLine(line) }
        if let code, code != lineCode { throw .codeChanged(line) }
        code = lineCode
        lines.append(utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : "")
        guard separator != UInt8(ascii: "-") else { return nil }
        let reply = SMTPReply(code: lineCode, lines: lines)
        code = nil
        lines = []
        return reply
    }
}

/// What a server offers in its EHLO reply (RFC 5321 §4.1.1.1): one keyword per line after the
/// greeting, with optional parameters (`AUTH PLAIN LOGIN`, `SIZE 35882577`).
public struct SMTPExtensions: Sendable, Hashable {
    /// Keyword (upper-cased) → its parameters.
    public let keywords: [String: [String]]

    init(ehloReply: SMTPReply) {
        var keywords: [String: [String]] = [:]
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            keywords[keyword, default: []] += words.dropFirst().map { $0.uppercased() }
        }
        // Some old servers write "AUTH=LOGIN PLAIN" instead of "AUTH LOGIN PLAIN".
        for (keyword, parameters) in keywords where keyword.hasPrefix("AUTH=") {
            keywords["AUTH", default: []] += [String(keyword.dropFirst(5))] + parameters
        }
        self.keywords = keywords
    }

    init() { keywords = [:] }

    public func supports(_ keyword: String) -> Bool { keywords[keyword.uppercased()] != nil }

    /// The SASL mechanisms advertised with AUTH.
    public var authMechanisms: Set<String> { Set(keywords["AUTH"] ?? []) }
}

/// Dot-stuffing for DATA (RFC 5321 §4.5.2): a line that starts with "." gets another one, so
/// that no line of the message can be read as the end of it. Line endings become CRLF, the
/// result ends with CRLF, and the terminating `.` line is not included.
public enum DotStuffing {
    public static func stuff(_ message: String) -> String {
        var lines = message.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 + "\r\n" : $0 + "\r\n" }.joined()
    }
}
