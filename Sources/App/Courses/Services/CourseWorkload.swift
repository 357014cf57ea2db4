import Foundation

/// A course's workload as a certificate states it: whole hours (at least one), from the
/// minutes its steps are estimated at. Certificates and recognition schemes count in hours;
/// the course page keeps its finer "about 2 h 30 min".
enum CourseWorkload {
    static func hours(_ minutes: Int) -> Int { max(1, Int((Double(minutes) / 60).rounded())) }

    /// "about 3 hours", in the reader's language.
    static func text(_ minutes: Int, _ l: Localizer) -> String {
        l.tn("about {count} hour", "about {count} hours", count: hours(minutes))
    }
}
