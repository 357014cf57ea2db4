/// CLDR plural categories (https://cldr.unicode.org/index/cldr-spec/plural-rules).
public enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other
}

/// Plural rules of the shipped languages for whole numbers, after CLDR 46
/// (`common/supplemental/plurals.xml`). Foundation's `.stringsdict` would do this on
/// Apple platforms but crashes on Linux, so the rules live here, tested per language.
public enum PluralRules {
    public static func category(for n: Int, in language: Language) -> PluralCategory {
        let n = n.magnitude
        switch language {
        case .en, .el, .ka:
            return n == 1 ? .one : .other
        case .lv:
            if n % 10 == 0 || (11...19).contains(n % 100) { return .zero }
            if n % 10 == 1 && n % 100 != 11 { return .one }
            return .other
        case .cs:
            if n == 1 { return .one }
            if (2...4).contains(n) { return .few }
            return .other  // CLDR's "many" applies to fractions only
        case .it:
            if n == 1 { return .one }
            if n != 0 && n % 1_000_000 == 0 { return .many }
            return .other
        }
    }

    /// The order of `msgstr[i]` forms in each language's PO file. It matches the
    /// `Plural-Forms` header that Weblate writes for CLDR-based plurals.
    public static func gettextOrder(for language: Language) -> [PluralCategory] {
        switch language {
        case .en, .el, .ka: [.one, .other]
        case .lv: [.zero, .one, .other]
        case .cs: [.one, .few, .other]
        case .it: [.one, .many, .other]
        }
    }

    /// The `msgstr[i]` index to use for `n`.
    public static func gettextIndex(for n: Int, in language: Language) -> Int {
        let category = category(for: n, in: language)
        return gettextOrder(for: language).firstIndex(of: category) ?? 0
    }
}
