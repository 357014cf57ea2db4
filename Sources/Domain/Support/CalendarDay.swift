import Foundation

/// A day of the Gregorian calendar as people type it and as the database keeps it,
/// `YYYY-MM-DD`: the one way Collegium reads and writes a date without a time (a survey's
/// opening day, a cohort's last day, a meeting's date), so that "2026-02-30" is refused
/// everywhere alike and no page parses dates its own way (issue 16).
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a school's plans are made in; anything else is a typing slip.
    public static let years = 2000...2100

    private static let utc = TimeZone(identifier: "UTC")!

    /// Reads `YYYY-MM-DD` (four, two and two digits); nil for anything else, and for a day
    /// that does not exist (the 30th of February, a 13th month).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            Self.years.contains(year), (1...12).contains(month), (1...Self.daysIn(month, of: year)).contains(day)
        else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// The day `date` falls on in `zone` (by default UTC, as the database's days are).
    public init(_ date: Date, in zone: TimeZone? = nil) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone ?? Self.utc
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        (year, month, day) = (c.year ?? 2000, c.month ?? 1, c.day ?? 1)
    }

    /// `YYYY-MM-DD`.
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// The moment `hour:minute` of this day begins in `zone` (by default UTC); nil for an
    /// hour or minute out of range, and for a time the clocks skip that day (03:30 in Riga
    /// on the morning summer time begins): the calendar would quietly move it an hour on.
    public func date(hour: Int = 0, minute: Int = 0, in zone: TimeZone? = nil) -> Date? {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone ?? Self.utc
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard back.year == year, back.month == month, back.day == day, back.hour == hour, back.minute == minute else { return nil }
        return date
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
