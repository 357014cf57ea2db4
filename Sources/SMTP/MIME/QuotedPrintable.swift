/// Quoted-printable (RFC 2045 §6.7) for the text and HTML bodies: the message stays 7-bit,
/// so it needs neither 8BITMIME nor a relay that keeps the eighth bit, and every encoded line
/// is at most 76 characters, far under SMTP's 998-octet limit (RFC 5321 §4.5.3.1.6).
public enum QuotedPrintable {
    /// The longest encoded line, without its CRLF (RFC 2045 §6.7, rule 5).
    public static let maximumLineLength = 76

    /// Encodes UTF-8 text. Line breaks (LF, CRLF or a lone CR) become CRLF hard breaks;
    /// longer lines get soft breaks (`=` at the end of a line), never inside an `=XX` triple.
    public static func encode(_ text: String) -> String {
        var output = ""
        let lines = normalisedLines(text)
        for (index, line) in lines.enumerated() {
            if index > 0 { output += "\r\n" }
            output += encodeLine(Array(line.utf8))
        }
        return output
    }

    /// Decodes quoted-printable text back to its bytes (soft breaks removed, `=XX` decoded).
    /// Returns nil for a malformed escape. Meant for tests and diagnostics.
    public static func decode(_ encoded: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        let input = Array(encoded.utf8)
        var index = 0
        while index < input.count {
            let byte = input[index]
            guard byte == UInt8(ascii: "=") else {
                bytes.append(byte)
                index += 1
                continue
            }
            if index + 2 < input.count, input[index + 1] == 13, input[index + 2] == 10 {
                index += 3
                continue
            }
            guard index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) else { return nil }
            bytes.append(high << 4 | low)
            index += 3
        }
        return bytes
    }

    /// The text's lines, split at LF, CRLF or a lone CR.
    static func normalisedLines(_ text: String) -> [Substring] {
        text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        // Each byte becomes a token ("a" or "=C4"); tokens are never split by a soft break.
        var tokens: [String] = bytes.enumerated().map { index, byte in
            let isLast = index == bytes.count - 1
            switch byte {
            // A space or tab at the end of a line would be stripped by some relays (rule 3).
            case 9, 32: return isLast ? escape(byte) : String(UnicodeScalar(byte))
            case 33...60, 62...126: return String(UnicodeScalar(byte))
            default: return escape(byte)
            }
        }
        // A line starting with "." is escaped so that a relay that drops the dot-stuffing
        // (RFC 5321 §4.5.2) cannot eat it; "From " so that an mbox cannot mistake it for a
        // separator. Both are allowed encodings of the same bytes.
        if bytes.first == UInt8(ascii: ".") { tokens[0] = "=2E" }
        if bytes.starts(with: Array("From ".utf8)) { tokens[0] = "=46" }
        var output = ""
        var lineLength = 0
        for (index, token) in tokens.enumerated() {
            let isLast = index == tokens.count - 1
            // Room for the soft break "=" unless this token ends the line.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if lineLength + token.count > limit {
                output += "=\r\n"
                lineLength = 0
            }
            output += token
            lineLength += token.count
        }
        return output
    }

    private static func escape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

extension String {
    /// The text with CRLF and lone CR turned into LF, so that every line break is counted once.
    func replacingCRLF() -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n", previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
