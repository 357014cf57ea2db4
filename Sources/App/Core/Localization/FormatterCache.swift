import Domain
import Foundation
import NIOConcurrencyHelpers

/// Foundation's formatters, made once per language and style and kept for the process.
///
/// Why: making a `NumberFormatter` or `DateFormatter` builds an ICU formatter behind it, and
/// a page that wrote each number or date with a new one spent up to a fifth of its CPU time
/// there (`perf record` on the survey report and My support, issue 16, point 9). Why a
/// lock: Foundation's formatters are classes that build their ICU formatter lazily on first
/// use, so two requests must not use one at the same moment. Formatting takes microseconds,
/// so requests waiting on the lock cost less than making a formatter each.
final class FormatterCache: Sendable {
    static let shared = FormatterCache()

    /// How a date is written: the locale's long date, with its short time, or a skeleton
    /// such as "LLLL yyyy" that the locale orders and words its own way.
    enum DateStyle: Hashable, Sendable { case long, longWithTime, template(String) }
    private struct DateKey: Hashable { var locale: String; var timeZone: String; var style: DateStyle }
    private struct State {
        var decimal: [String: NumberFormatter] = [:]
        var percent: [String: NumberFormatter] = [:]
        var dates: [DateKey: DateFormatter] = [:]
    }
    // The formatters are only touched inside `withLockedValue`, one caller at a time.
    private let state = NIOLockedValueBox(UncheckedBox(State()))

    private struct UncheckedBox<Value>: @unchecked Sendable { var value: Value; init(_ value: Value) { self.value = value } }

    /// An integer with the locale's digit grouping.
    func decimal(_ value: Int, locale: String) -> String? {
        state.withLockedValue { box in
            let formatter =
                box.value.decimal[locale]
                ?? {
                    let made = NumberFormatter()
                    made.locale = Locale(identifier: locale)
                    made.numberStyle = .decimal
                    box.value.decimal[locale] = made
                    return made
                }()
            return formatter.string(from: NSNumber(value: value))
        }
    }

    /// The locale's decimal separator ("," in Latvian).
    func decimalSeparator(locale: String) -> String {
        state.withLockedValue { box in
            let formatter =
                box.value.decimal[locale]
                ?? {
                    let made = NumberFormatter()
                    made.locale = Locale(identifier: locale)
                    made.numberStyle = .decimal
                    box.value.decimal[locale] = made
                    return made
                }()
            return formatter.decimalSeparator ?? "."
        }
    }

    /// A share of 0…1 as a whole percentage in the locale's style.
    func percent(_ share: Double, locale: String) -> String? {
        state.withLockedValue { box in
            let formatter =
                box.value.percent[locale]
                ?? {
                    let made = NumberFormatter()
                    made.locale = Locale(identifier: locale)
                    made.numberStyle = .percent
                    made.maximumFractionDigits = 0
                    box.value.percent[locale] = made
                    return made
                }()
            return formatter.string(from: NSNumber(value: share))
        }
    }

    /// A date in the locale's style, in `timeZone`.
    func date(_ date: Date, locale: String, timeZone: TimeZone, style: DateStyle) -> String {
        let key = DateKey(locale: locale, timeZone: timeZone.identifier, style: style)
        return state.withLockedValue { box in
            let formatter =
                box.value.dates[key]
                ?? {
                    let made = DateFormatter()
                    made.locale = Locale(identifier: locale)
                    made.timeZone = timeZone
                    switch style {
                    case .long: made.dateStyle = .long
                    case .longWithTime: (made.dateStyle, made.timeStyle) = (.long, .short)
                    case .template(let template): made.setLocalizedDateFormatFromTemplate(template)
                    }
                    // A handful of languages and zones in practice; the bound keeps a stream
                    // of unusual time zones from growing it without end.
                    if box.value.dates.count >= 500 { box.value.dates.removeAll() }
                    box.value.dates[key] = made
                    return made
                }()
            return formatter.string(from: date)
        }
    }
}
