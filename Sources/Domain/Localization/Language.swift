/// The languages Collegium ships catalogs for. English is the source language:
/// every message is written in English first and every catalog falls back to it.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en, lv, cs, it, el, ka

    public static let source: Language = .en

    /// The language's own name for itself, as shown in the language switcher
    /// (a person looking for their language reads it in that language).
    public var nativeName: String {
        switch self {
        case .en: "English"
        case .lv: "Latviešu"
        case .cs: "Čeština"
        case .it: "Italiano"
        case .el: "Ελληνικά"
        case .ka: "ქართული"
        }
    }

    /// The locale identifier used for date and number formatting.
    public var localeIdentifier: String {
        switch self {
        case .en: "en_GB"
        case .lv: "lv_LV"
        case .cs: "cs_CZ"
        case .it: "it_IT"
        case .el: "el_GR"
        case .ka: "ka_GE"
        }
    }

    /// Reads a language tag such as `lv`, `lv-LV` or `EN_gb`.
    public init?(tag: String) {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        self.init(rawValue: primary.lowercased())
    }
}
