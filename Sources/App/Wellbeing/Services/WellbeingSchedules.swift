import Domain
import Fluent
import Foundation

/// Each school's check-in settings over time (see `CheckInSchedule`): the check-in page
/// files an answer under the period the schedule says, and the reports decide each period
/// with the minimum group that was in force when it began. A change only ever applies from
/// the next period, so a leader cannot re-open, re-cut or re-decide a period whose figures
/// were shown by changing the settings (issue 14, class 3).
enum WellbeingSchedules {
    /// The schedules of some schools; a school that never changed its settings follows its
    /// current ones, aligned to the calendar as before settings had a history.
    static func load(schoolIDs ids: [UUID], on db: any Database) async throws -> [UUID: CheckInSchedule] {
        guard !ids.isEmpty else { return [:] }
        let settings = try await WellbeingSettings.query(on: db).filter(\.$school.$id ~~ ids).all()
        let changes = try await WellbeingSettingsChange.query(on: db).filter(\.$school.$id ~~ ids).all()
        var result: [UUID: CheckInSchedule] = [:]
        for id in ids {
            let own = changes.filter { $0.$school.id == id }
            if own.isEmpty {
                let current = settings.first { $0.$school.id == id } ?? WellbeingSettings(schoolID: id)
                result[id] = CheckInSchedule(cadence: current.cadence, minimumGroup: current.minimumGroup)
            } else {
                result[id] = CheckInSchedule(segments: own.map { .init(from: $0.effectiveFrom, cadence: $0.cadence, minimumGroup: $0.minimumGroup) })
            }
        }
        return result
    }

    static func load(schoolID: UUID, on db: any Database) async throws -> CheckInSchedule {
        try await load(schoolIDs: [schoolID], on: db)[schoolID] ?? CheckInSchedule(cadence: .monthly, minimumGroup: PrivacyThresholds.figures)
    }

    /// Records new settings made at `now`: they take effect from the next period (a change
    /// not yet in effect is replaced). Returns the period they start in.
    @discardableResult
    static func change(schoolID: UUID, cadence: CheckInCadence, minimumGroup: Int, at now: Date, on db: any Database) async throws -> String {
        let before = try await load(schoolID: schoolID, on: db)
        let after = before.changing(cadence: cadence, minimumGroup: minimumGroup, at: now)
        try await db.writeTransaction { db in
            try await WellbeingSettingsChange.query(on: db).filter(\.$school.$id == schoolID).delete()
            for segment in after.segments {
                try await WellbeingSettingsChange(
                    schoolID: schoolID, effectiveFrom: segment.from, cadence: segment.cadence,
                    minimumGroup: segment.minimumGroup
                ).save(on: db)
            }
        }
        return after.nextPeriod(after: now)
    }
}
