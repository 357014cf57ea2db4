/// NUL (U+0000) in what people send. PostgreSQL refuses it in a text value (the whole
/// statement fails, a 500), and C libraries such as cmark stop reading at it. Nobody
/// types it, so wherever it arrives it becomes U+FFFD, the replacement character, as
/// CommonMark §2.3 prescribes for Markdown: the rest of the text survives, and fields
/// with a fixed shape (an email, an id, a token) then fail their own validation with a
/// 422 instead of the database failing with a 500 (issue #14).
public enum TextInput {
    /// `text` with every U+0000 replaced by U+FFFD.
    public static func replacingNUL(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(scalar == "\0" ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }

    private static let replacementPercentEncoded = Array("%EF%BF%BD".utf8)
    private static let replacementJSONEscape = Array("\\ufffd".utf8)

    /// An `application/x-www-form-urlencoded` body or URL query with every NUL, raw or
    /// written `%00`, turned into U+FFFD (`%EF%BF%BD`); nil when there is none.
    public static func replacingNUL(urlEncoded bytes: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(bytes)
        var output: [UInt8] = []
        var changed = false
        var i = 0
        output.reserveCapacity(input.count)
        while i < input.count {
            let byte = input[i]
            if byte == 0 {
                output += replacementPercentEncoded; changed = true; i += 1
            } else if byte == UInt8(ascii: "%"), i + 2 < input.count {
                if input[i + 1] == UInt8(ascii: "0") && input[i + 2] == UInt8(ascii: "0") {
                    output += replacementPercentEncoded; changed = true
                } else {
                    // Any other `%XY` is copied whole, so `%2500` (a literal "%00") stays.
                    output += input[i...(i + 2)]
                }
                i += 3
            } else {
                output.append(byte); i += 1
            }
        }
        return changed ? output : nil
    }

    /// A JSON text with every `\u0000` escape inside its strings turned into `\ufffd`;
    /// nil when there is none. (JSON cannot hold a raw NUL: decoders refuse it, a 400.)
    public static func replacingNUL(json bytes: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(bytes)
        let escape = Array("u0000".utf8)
        var output: [UInt8] = []
        var changed = false
        var i = 0
        output.reserveCapacity(input.count)
        while i < input.count {
            guard input[i] == UInt8(ascii: "\\"), i + 1 < input.count else {
                output.append(input[i]); i += 1; continue
            }
            if i + 6 <= input.count, Array(input[(i + 1)..<(i + 6)]) == escape {
                output += replacementJSONEscape; changed = true; i += 6
            } else {
                // An escape pair (`\\`, `\"`, `\n`…) is copied whole, so `\\u0000`
                // (a backslash, then the letters u0000) is left as written.
                output += input[i...(i + 1)]; i += 2
            }
        }
        return changed ? output : nil
    }
}
