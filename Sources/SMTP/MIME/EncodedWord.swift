import Foundation

/// RFC 2047 encoded words (`=?UTF-8?B?…?=`) for non-ASCII subjects and display names.
///
/// Each word is at most 75 characters (§2) and holds whole characters only: a word is
/// decoded on its own by some readers, so a UTF-8 sequence cut in two would show as
/// replacement characters (§5, "each 'encoded-word' MUST represent an integral number of
/// characters"). B (base64) is used rather than Q because its length is known in advance
/// and Georgian or Greek text, all non-ASCII, would triple in Q.
public enum EncodedWord {
    /// The longest encoded word (RFC 2047 §2).
    public static let maximumLength = 75
    static let prefix = "=?UTF-8?B?"
    static let suffix = "?="

    /// Encodes text as B encoded words. The first word is at most `firstMaximum` characters
    /// long (the room left on the header's first line), the others at most 75.
    public static func encode(_ text: String, firstMaximum: Int = maximumLength) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func budget() -> Int {
            let length = words.isEmpty ? max(firstMaximum, 20) : maximumLength
            return (length - prefix.count - suffix.count) / 4 * 3
        }
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append(prefix + Data(chunk).base64EncodedString() + suffix)
            chunk = []
        }
        for character in text {
            // A character is kept whole (a letter and its combining marks); one too long for
            // any word (a pathological cluster) is split between its scalars instead.
            let pieces: [[UInt8]] =
                character.utf8.count <= budget() ? [Array(character.utf8)] : character.unicodeScalars.map { Array(String($0).utf8) }
            for piece in pieces {
                if chunk.count + piece.count > budget() { flush() }
                chunk += piece
            }
        }
        flush()
        return words
    }

    /// Decodes a header value that may hold encoded words (B or Q, UTF-8 only), joining
    /// adjacent words as RFC 2047 §6.2 says. Returns nil when an encoded word is malformed.
    /// Meant for tests and diagnostics.
    public static func decode(_ value: String) -> String? {
        let unfolded = value.replacingOccurrences(of: "\r\n", with: "")
        var output: [UInt8] = []
        var rest = Substring(unfolded)
        var pendingSpace: Substring = ""
        var previousWasEncoded = false
        while !rest.isEmpty {
            if rest.hasPrefix("=?") {
                // =?charset?encoding?text?= : the text starts after the third "?" (in Q it may
                // itself begin with "=", so "?=" is searched for only from there).
                let afterPrefix = rest.index(rest.startIndex, offsetBy: 2)
                guard let charsetEnd = rest[afterPrefix...].firstIndex(of: "?"),
                    let encodingEnd = rest[rest.index(after: charsetEnd)...].firstIndex(of: "?"),
                    let end = rest.range(of: "?=", range: rest.index(after: encodingEnd)..<rest.endIndex)
                else { return nil }
                let parts = [
                    rest[afterPrefix..<charsetEnd], rest[rest.index(after: charsetEnd)..<encodingEnd], rest[rest.index(after: encodingEnd)..<end.lowerBound],
                ]
                guard parts[0].uppercased() == "UTF-8" else { return nil }
                let decoded: [UInt8]
                switch parts[1].uppercased() {
                case "B":
                    guard let data = Data(base64Encoded: String(parts[2])) else { return nil }
                    decoded = Array(data)
                case "Q":
                    guard let bytes = QuotedPrintable.decode(parts[2].replacingOccurrences(of: "_", with: " ")) else { return nil }
                    decoded = bytes
                default: return nil
                }
                // Whitespace between two encoded words is dropped (§6.2).
                if !previousWasEncoded { output += Array(pendingSpace.utf8) }
                pendingSpace = ""
                output += decoded
                previousWasEncoded = true
                rest = rest[end.upperBound...]
            } else if let first = rest.first, first == " " || first == "\t" {
                pendingSpace.append(first)
                rest = rest.dropFirst()
            } else {
                output += Array(pendingSpace.utf8)
                pendingSpace = ""
                let wordEnd = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
                output += Array(rest[..<wordEnd].utf8)
                rest = rest[wordEnd...]
                previousWasEncoded = false
            }
        }
        output += Array(pendingSpace.utf8)
        return String(bytes: output, encoding: .utf8)
    }
}

/// Writes a header field on lines of at most 76 characters where its tokens allow, folding
/// (CRLF and a space, RFC 5322 §2.2.3) between tokens and never inside one. A token longer
/// than a line stays whole on a line of its own; `HeaderField` keeps every token far below
/// the 998-octet limit.
enum HeaderFolding {
    static let lineLimit = 76

    static func fold(name: String, tokens: [String]) -> String {
        var output = name + ":"
        var lineLength = output.utf8.count
        for token in tokens {
            if lineLength + 1 + token.utf8.count > lineLimit, lineLength > name.utf8.count + 1 {
                output += "\r\n " + token
                lineLength = 1 + token.utf8.count
            } else {
                output += " " + token
                lineLength += 1 + token.utf8.count
            }
        }
        return output + "\r\n"
    }

    /// Unstructured text (a subject, an extra header's value): kept as it is when it is
    /// printable ASCII, otherwise written as encoded words. `strict` (for the subject) also
    /// encodes ASCII that a reader would mangle: words too long to fold, runs of spaces, and
    /// text that looks like an encoded word (RFC 2047 §5). An extra header's ASCII value is
    /// kept as given, since it may be structured (a URL in angle brackets).
    static func unstructured(name: String, value: String, strict: Bool) -> String {
        let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var plain = value.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
        if strict {
            plain = plain && words.allSatisfy { !$0.isEmpty && $0.utf8.count <= 70 } && !value.contains("=?")
        }
        if plain { return fold(name: name, tokens: words) }
        let firstMaximum = lineLimit - name.utf8.count - 2
        return fold(name: name, tokens: EncodedWord.encode(value, firstMaximum: firstMaximum))
    }
}
