import Foundation

/// How often a school invites its staff to check in. A period is named by the month it
/// starts in (`2026-11`); answers are stored with that name only, never a date or time.
public enum CheckInCadence: String, CaseIterable, Sendable, Codable {
    case monthly
    case everyTwoMonths = "every_two_months"
    case termly

    public var monthsPerPeriod: Int {
        switch self {
        case .monthly: 1
        case .everyTwoMonths: 2
        case .termly: 3
        }
    }

    /// The period that `date` falls in (UTC).
    public func period(containing date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        let month = ((parts.month! - 1) / monthsPerPeriod) * monthsPerPeriod + 1
        return String(format: "%04d-%02d", parts.year!, month)
    }

    /// The first day of a period, for showing its name (`2026-11` → 1 November 2026).
    public static func start(of period: String) -> Date? {
        let parts = period.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: 1))
    }
}
