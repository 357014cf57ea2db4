/// Quoted-printable (RFC 2045 §6.7) for the text and HTML bodies: the message stays 7-bit,
/// so it needs neither 8BITMIME nor a relay that keeps the eighth bit, and every encoded line
/// is at most 76 characters, far under SMTP's 998-octet limit (RFC 5321 §4.5.3.1.6).
public enum QuotedPrintable {
    /// The longest encoded line, without its CRLF (RFC 2045 §6.7, rule 5).
    public static let maximumLineLength = 76

    /// Encodes UTF-8 text. Line breaks (LF, CRLF or a lone CR) become CRLF hard breaks;
    /// longer lines get soft breaks (`=` at the end of a line), never inside an `=XX` triple.
    public static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for (index, line) in normalisedLines(text).enumerated() {
            if index > 0 { output += [13, 10] }
            encodeLine(Array(line.utf8), into: &output)
        }
        return String(decoding: output, as: UTF8.self)
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

    /// Appends one line, encoded. Works on bytes: a mail is encoded on the request that
    /// queues it, and a String per byte cost a notifying request a measurable share of a
    /// millisecond (benchmarks/mail).
    private static func encodeLine(_ bytes: [UInt8], into output: inout [UInt8]) {
        // A line starting with "." is escaped so that a relay that drops the dot-stuffing
        // (RFC 5321 §4.5.2) cannot eat it; "From " so that an mbox cannot mistake it for a
        // separator. Both are allowed encodings of the same bytes.
        let escapesFirst = bytes.first == UInt8(ascii: ".") || bytes.starts(with: fromPrefix)
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal: Bool
            switch byte {
            // A space or tab at the end of a line would be stripped by some relays (rule 3).
            case 9, 32: literal = !isLast
            case 33...60, 62...126: literal = true
            default: literal = false
            }
            let escaped = !literal || (index == 0 && escapesFirst)
            let width = escaped ? 3 : 1
            // Room for the soft break "=" unless this byte ends the line; an "=XX" is never split.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if lineLength + width > limit {
                output += [UInt8(ascii: "="), 13, 10]
                lineLength = 0
            }
            if escaped {
                output += [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            } else {
                output.append(byte)
            }
            lineLength += width
        }
    }

    private static let fromPrefix = Array("From ".utf8)
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

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
