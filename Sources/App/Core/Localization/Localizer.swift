import Domain
import Foundation

/// Translates and formats for one language. Views receive one and never see the request.
///
/// Messages are English source strings (the gettext `msgid`), with named placeholders
/// in braces — `t("Welcome, {name}", ["name": user.givenName])` — so translators can
/// move them around. Where a catalog lacks a string, the English text shows.
struct Localizer: Sendable {
    let language: Language
    let catalog: POCatalog?

    func t(_ message: String, _ arguments: [String: String] = [:]) -> String {
        let template = catalog?.translation(of: message) ?? message
        return Self.fill(template, arguments)
    }

    /// A message with a number: the plural form comes from the CLDR rules of the
    /// language (`PluralRules`), and `{count}` is the number formatted for the locale.
    func tn(_ singular: String, _ plural: String, count: Int, _ arguments: [String: String] = [:]) -> String {
        let index = PluralRules.gettextIndex(for: count, in: language)
        let template =
            catalog?.pluralTranslation(of: singular, index: index)
            ?? (PluralRules.category(for: count, in: .en) == .one ? singular : plural)
        var all = arguments
        all["count"] = number(count)
        return Self.fill(template, all)
    }

    func number(_ value: Int) -> String {
        // Below a thousand no language of ours groups digits or writes other digits, so the
        // formatter (even a kept one takes a lock and ICU's time) is left out.
        if value > -1000 && value < 1000 { return String(value) }
        return FormatterCache.shared.decimal(value, locale: language.localeIdentifier) ?? String(value)
    }

    /// A decimal number with `digits` after the point, in the locale's style (3,42 in Latvian).
    func decimal(_ value: Double, digits: Int = 2) -> String {
        // Rounded with printf (Foundation's formatter on Linux ignores fraction digits), then
        // written with the locale's decimal separator.
        let separator = FormatterCache.shared.decimalSeparator(locale: language.localeIdentifier)
        return String(format: "%.\(digits)f", value).replacingOccurrences(of: ".", with: separator)
    }

    /// A share of 0…1 as a whole percentage, in the locale's style.
    func percent(_ share: Double) -> String {
        FormatterCache.shared.percent(share, locale: language.localeIdentifier) ?? String(Int((share * 100).rounded())) + "%"
    }

    /// A date (and, if asked, time) in the locale's own style, in the given time zone.
    func date(_ date: Date, time: Bool = false, timeZone: TimeZone = .init(identifier: "UTC")!) -> String {
        FormatterCache.shared.date(date, locale: language.localeIdentifier, timeZone: timeZone, style: time ? .longWithTime : .long)
    }

    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var result = template
        for (key, value) in arguments {
            result = result.replacingOccurrences(of: "{\(key)}", with: value)
        }
        return result
    }
}
