import Foundation

/// Repeating meetings (a study group's schedule): the same local time in the meeting's
/// zone each week, fortnight or month, across changes to and from summer time.
public enum Recurrence: String, CaseIterable, Sendable, Codable {
    case once
    case weekly
    case fortnightly
    case monthly

    /// The most occurrences planned at once (a school year of fortnightly meetings).
    public static let maximumCount = 20

    /// The starts of `count` meetings from `start`, in `timeZone`.
    public func starts(from start: Date, count: Int, timeZone: TimeZone) -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let n = self == .once ? 1 : max(1, min(count, Self.maximumCount))
        return (0..<n).compactMap { i in
            switch self {
            case .once: i == 0 ? start : nil
            case .weekly: calendar.date(byAdding: .day, value: 7 * i, to: start)
            case .fortnightly: calendar.date(byAdding: .day, value: 14 * i, to: start)
            // Adding months to the first date (not to the previous one) keeps the 31st
            // on the last day of shorter months without drifting to the 28th for good.
            case .monthly: calendar.date(byAdding: .month, value: i, to: start)
            }
        }
    }
}
