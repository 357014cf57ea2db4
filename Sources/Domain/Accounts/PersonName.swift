import Foundation

/// The one rule for a person's given or family name, wherever one is accepted (the invite
/// form, the API, an invitation's acceptance, the roster import, `create-admin`). Names
/// are shown on other people's pages, so they may not carry characters that change how
/// the text around them reads (issue #14, class 9; Unicode TR #9 and TR #36 §2.1):
///
/// - control characters (C0, DEL, C1), including NUL, tab and line breaks;
/// - every bidirectional control (`Bidi_Control`: the embeddings and overrides
///   U+202A–U+202E, the isolates U+2066–U+2069, and the marks U+061C, U+200E, U+200F):
///   a name written in Arabic or Hebrew needs none, as the bidirectional algorithm
///   orders a name's own script by itself, while an override turns what follows it around;
/// - the line and paragraph separators U+2028 and U+2029;
/// - U+FFFD, which only ever stands for something broken (a NUL that was sent, say).
///
/// Joiners (U+200C, U+200D), which some scripts need within a word, are allowed.
public enum PersonName {
    public static let maximumLength = 100

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case tooLong
        case forbiddenCharacter
    }

    /// The name trimmed of surrounding spaces, or why it cannot be used.
    public static func validate(_ raw: String) -> Result<String, Problem> {
        let name = raw.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { return .failure(.empty) }
        if name.unicodeScalars.contains(where: isForbidden) { return .failure(.forbiddenCharacter) }
        if name.count > maximumLength { return .failure(.tooLong) }
        return .success(name)
    }

    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return properties.isBidiControl || scalar == "\u{FFFD}"
        }
    }
}
