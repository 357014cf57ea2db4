import Foundation

/// Alphabetical order as the reader's language has it: Latvian puts Ā after A and before B,
/// Czech Č after C and Ch after H, Greek Άννα after Αλέξης (the accent counts only when
/// the letters are the same), where the order of code points puts every accented letter
/// after Z. ICU's collation, through Foundation's locale-aware compare.
public struct Collation: Sendable {
    private let locale: Locale

    public init(_ language: Language) {
        locale = Locale(identifier: language.rawValue)
    }

    /// The order of the language whose code is `code` ("lv"), or of the source language for
    /// a code Collegium does not speak.
    public init(languageCode code: String) {
        self.init(Language(rawValue: code) ?? .source)
    }

    /// Whether `a` comes before `b`.
    public func ascending(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [], range: nil, locale: locale) == .orderedAscending
    }

    /// Whether `a` comes before `b`, key by key: the first key on which they differ decides
    /// (a family name, then the given name). Keys that the language orders the same are
    /// passed over as equal, so the order stays consistent however names compare by bytes.
    public func ascending(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) {
            switch x.compare(y, options: [], range: nil, locale: locale) {
            case .orderedAscending: return true
            case .orderedDescending: return false
            case .orderedSame: continue
            }
        }
        return a.count < b.count
    }

    /// `items` in the order of `name`, as `ascending` compares them: the one order for
    /// every list a person reads (schools, colleagues, programmes, protocols, titles).
    public func sorted<S: Sequence>(_ items: S, by name: (S.Element) -> String) -> [S.Element] {
        items.sorted { ascending(name($0), name($1)) }
    }
}
