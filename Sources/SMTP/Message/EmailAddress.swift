import Foundation

/// A mailbox: an address and an optional display name, checked when made so that neither
/// can break out of the header or the SMTP command it is written into (a CR or LF in
/// either would let whoever chose the name add headers or recipients).
///
/// The address needs exactly one `@`, a non-empty local part and domain, and no whitespace,
/// control character, `<`, `>`, `(`, `)`, `,`, `;`, `:`, `"` or `\`. Quoted local parts
/// (`"john doe"@example.org`) are refused: nobody needs them, and every place the address
/// is written would have to quote it. Non-ASCII is accepted (an IDN domain is kept as given,
/// a UTF-8 local part needs the server's SMTPUTF8, RFC 6531).
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// `local@domain`, as given.
    public let address: String
    /// The name shown beside the address ("Jānis Bērziņš"), if any.
    public let displayName: String?

    /// Why an address or a display name was refused.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case controlCharacter(String)
        case notOneAt(String)
        case emptyLocalPart(String)
        case emptyDomain(String)
        case forbiddenCharacter(String, Character)
        case tooLong(String)
        case displayNameControlCharacter(String)

        public var description: String {
            switch self {
            case .controlCharacter(let value): "the address \(quoted(value)) contains a line break or another control character"
            case .notOneAt(let value): "the address \(quoted(value)) must contain exactly one @"
            case .emptyLocalPart(let value): "the address \(quoted(value)) has nothing before the @"
            case .emptyDomain(let value): "the address \(quoted(value)) has no domain after the @"
            case .forbiddenCharacter(let value, let character): "the address \(quoted(value)) may not contain \(quoted(String(character)))"
            case .tooLong(let value): "the address \(quoted(value)) is longer than 254 octets (RFC 5321 §4.5.3.1)"
            case .displayNameControlCharacter(let value): "the display name \(quoted(value)) contains a line break or another control character"
            }
        }
    }

    /// Checks and keeps an address with an optional display name.
    public init(_ address: String, name displayName: String? = nil) throws(Problem) {
        guard !address.unicodeScalars.contains(where: \.isControlOrLineBreak) else { throw .controlCharacter(address) }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .notOneAt(address) }
        guard !parts[0].isEmpty else { throw .emptyLocalPart(address) }
        guard !parts[1].isEmpty else { throw .emptyDomain(address) }
        if let bad = address.first(where: { $0.isWhitespace || "<>(),;:\"\\[]".contains($0) }) { throw .forbiddenCharacter(address, bad) }
        guard address.utf8.count <= 254 else { throw .tooLong(address) }
        if let displayName, displayName.unicodeScalars.contains(where: \.isControlOrLineBreak) {
            throw .displayNameControlCharacter(displayName)
        }
        self.address = address
        let trimmed = displayName?.trimmingSpaces()
        self.displayName = trimmed?.isEmpty == true ? nil : trimmed
    }

    /// The domain after the `@`.
    public var domain: Substring { address[address.index(after: address.firstIndex(of: "@")!)...] }

    /// Whether the address needs SMTPUTF8 (RFC 6531) to be sent.
    public var needsSMTPUTF8: Bool { !address.unicodeScalars.allSatisfy(\.isASCII) }

    /// `Name <address>` or the bare address, unencoded: for logs and transcripts.
    public var description: String { displayName.map { "\($0) <\(address)>" } ?? address }

    /// The mailbox as header tokens: the display name as a plain atom, a quoted string or
    /// encoded words (RFC 5322 §3.4, RFC 2047 §5(3)), then `<address>`.
    func headerTokens(firstMaximum: Int) -> [String] {
        guard let displayName else { return [address] }
        let angle = "<\(address)>"
        if displayName.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }), displayName.utf8.count <= 70 {
            let atext = displayName.unicodeScalars.allSatisfy { scalar in
                scalar == " " || scalar.properties.isAlphabetic || (48...57).contains(scalar.value) || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
            }
            if atext, !displayName.contains("=?") { return displayName.split(separator: " ").map(String.init) + [angle] }
            let escaped = displayName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return ["\"\(escaped)\"", angle]
        }
        return EncodedWord.encode(displayName, firstMaximum: firstMaximum) + [angle]
    }
}

extension Unicode.Scalar {
    /// C0 and C1 controls (NUL, CR, LF, ESC, …), DEL, and the Unicode line and paragraph
    /// separators, none of which has a place in a header.
    var isControlOrLineBreak: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}

func quoted(_ value: String) -> String {
    "\u{201C}" + value.unicodeScalars.map { $0.isControlOrLineBreak ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined() + "\u{201D}"
}
