import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The guarded figures of a school or a network, built from the running sums per school,
/// staff group and period (`WellbeingCells`); no answer is loaded one by one.
///
/// Only periods that have ended are reported. While a period is open its figures would
/// change with each new answer, and comparing the figures before and after one person's
/// check-in would give that person's scores away; once it has ended they never change.
/// For the open period only the number of people who have checked in is shown.
struct WellbeingFigures {
    let report: WellbeingReport<String>
    /// People who checked in, per school id and period.
    let participation: [String: [String: Int]]
    /// Current staff per school id.
    let staff: [String: Int]
    let minimumGroup: Int
    let schools: [School]
    /// The period still open in each school (figures for it are not reported yet).
    let openPeriods: [String: String]

    /// The figures of the whole family a school belongs to: its network's schools, or the
    /// school alone. The guard decides over that whole family whoever asks (see
    /// `AnonymityGuard`); each reader then sees their part of it.
    static func load(family schools: [School], now: Date, on db: any Database) async throws -> WellbeingFigures {
        let ids = try schools.map { try $0.requireID() }
        // Each school's settings over time: the open period follows the cadence in force
        // now, and each period is decided with the minimum group in force when it began, so
        // a settings change never moves figures already shown (issue 14, class 3).
        let schedules = try await WellbeingSchedules.load(schoolIDs: ids, on: db)
        func minimumInForce(for period: String) -> Int {
            max(PrivacyThresholds.figures, schedules.values.map { $0.segment(for: period).minimumGroup }.max() ?? PrivacyThresholds.figures)
        }
        var openPeriods: [String: String] = [:]
        for id in ids {
            openPeriods[id.uuidString] = (schedules[id] ?? CheckInSchedule(cadence: .monthly, minimumGroup: PrivacyThresholds.figures)).period(containing: now)
        }
        let familyOpen = openPeriods.values.min() ?? ""
        let minimum = minimumInForce(for: familyOpen)
        guard !ids.isEmpty else {
            return WellbeingFigures(
                report: .init(cells: [], schools: [], minimumGroup: minimum), participation: [:], staff: [:],
                minimumGroup: minimum, schools: schools, openPeriods: openPeriods)
        }
        // The running sums per school, staff group and period (see `WellbeingCells`).
        var cells: [WellbeingReport<String>.Cell] = []
        var schoolKeys: [UUID: String] = [:]
        var minimums: [String: Int] = [:]
        for row in try await WellbeingCells.read(schoolIDs: ids, on: db) {
            guard let category = StaffCategory(rawValue: row.category) else { continue }
            let school = schoolKeys[row.schoolID] ?? row.schoolID.uuidString
            schoolKeys[row.schoolID] = school
            // Periods are named "YYYY-MM", so text order is time order. A period is released
            // when it has ended in every school of the family: with mixed cadences, a school
            // whose term is still open would otherwise move the network's figures later.
            guard row.period < familyOpen else { continue }
            if minimums[row.period] == nil { minimums[row.period] = minimumInForce(for: row.period) }
            cells.append(.init(school: school, category: category, period: row.period, stats: row.stats, readerAnswers: row.readers))
        }
        var participation: [String: [String: Int]] = [:]
        for row in try await WellbeingParticipation.query(on: db).filter(\.$school.$id ~~ ids).all() {
            participation[row.$school.id.uuidString, default: [:]][row.period, default: 0] += 1
        }
        var staff: [String: Int] = [:]
        for membership in try await Membership.query(on: db).filter(\.$school.$id ~~ ids).all() {
            staff[membership.$school.id.uuidString, default: 0] += 1
        }
        return WellbeingFigures(
            report: .init(cells: cells, schools: ids.map(\.uuidString), minimumGroup: minimum, minimumGroups: minimums),
            participation: participation, staff: staff, minimumGroup: minimum, schools: schools,
            openPeriods: openPeriods)
    }

    /// The schools whose figures are decided together with `school`'s.
    static func family(of school: School, on db: any Database) async throws -> [School] {
        guard let networkID = school.$network.id else { return [school] }
        return try await School.query(on: db).filter(\.$network.$id == networkID).sort(\.$name).all()
    }

}
