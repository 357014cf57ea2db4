import Foundation

/// A school's check-in settings over time: which cadence and minimum group hold for which
/// periods. A change takes effect at the next boundary of the periods in force when it was
/// made (issue 14, class 3): switching from monthly to termly mid-term would otherwise make
/// the current term contain a month whose figures were already shown, and new check-ins
/// would then move figures that must never move. Periods stay contiguous and never overlap,
/// so a period's name (the month it starts in) is never reused with another length.
public struct CheckInSchedule: Sendable, Equatable {
    /// Settings in force from the period that starts in `from` (`YYYY-MM`) on.
    public struct Segment: Sendable, Equatable {
        public var from: String
        public var cadence: CheckInCadence
        public var minimumGroup: Int
        public init(from: String, cadence: CheckInCadence, minimumGroup: Int) {
            self.from = from
            self.cadence = cadence
            self.minimumGroup = minimumGroup
        }
    }

    /// Sorted by `from`; the first one reaches back to the beginning of time.
    public private(set) var segments: [Segment]

    /// The month all calendar-aligned periods count from (January, April, July, October
    /// for terms), as before settings had a history.
    public static let origin = "1970-01"

    public init(segments: [Segment]) {
        self.segments = segments.sorted { $0.from < $1.from }
    }

    /// A school that never changed its settings.
    public init(cadence: CheckInCadence, minimumGroup: Int) {
        self.init(segments: [Segment(from: Self.origin, cadence: cadence, minimumGroup: minimumGroup)])
    }

    /// The settings in force for the period that starts in `period`.
    public func segment(for period: String) -> Segment {
        segments.last { $0.from <= period } ?? segments.first ?? Segment(from: Self.origin, cadence: .monthly, minimumGroup: 5)
    }

    /// The period that `date` falls in.
    public func period(containing date: Date) -> String {
        let month = Self.monthIndex(date)
        let segment = segments.last { Self.monthIndex($0.from) <= month } ?? segment(for: Self.origin)
        let start = Self.monthIndex(segment.from)
        let length = segment.cadence.monthsPerPeriod
        return Self.name(start + ((month - start) / length) * length)
    }

    /// The period after the one that `date` falls in: where a change made at `date` begins.
    public func nextPeriod(after date: Date) -> String {
        let current = period(containing: date)
        return Self.name(Self.monthIndex(current) + segment(for: current).cadence.monthsPerPeriod)
    }

    /// The schedule after a change made at `date`: it holds from the next period on, and
    /// replaces a change made earlier that had not taken effect yet.
    public func changing(cadence: CheckInCadence, minimumGroup: Int, at date: Date) -> CheckInSchedule {
        let from = nextPeriod(after: date)
        var kept = segments.filter { $0.from < from }
        kept.append(Segment(from: from, cadence: cadence, minimumGroup: minimumGroup))
        return CheckInSchedule(segments: kept)
    }

    /// Months since January 1970 (UTC).
    static func monthIndex(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (parts.year! - 1970) * 12 + parts.month! - 1
    }

    static func monthIndex(_ period: String) -> Int {
        let parts = period.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return 0 }
        return (parts[0] - 1970) * 12 + parts[1] - 1
    }

    static func name(_ index: Int) -> String {
        let year = 1970 + Int((Double(index) / 12).rounded(.down))
        let month = index - (year - 1970) * 12 + 1
        return String(format: "%04d-%02d", year, month)
    }
}
