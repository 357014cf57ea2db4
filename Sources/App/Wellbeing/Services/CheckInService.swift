import Domain
import Fluent
import Vapor

/// Recording a check-in: the anonymous answer, the "has answered" row, and, only when the
/// person asks, their own copy, in one transaction.
struct CheckInService {
    let db: any Database

    struct Membership {
        var school: School
        var role: SchoolRole
        var settings: WellbeingSettings
        /// When the person's current role in the school began (nil: before roles were dated).
        var since: Date?
        /// The school's settings over time: which period a check-in made now belongs to.
        var schedule: CheckInSchedule

        func period(at now: Date) -> String { schedule.period(containing: now) }

        /// Whether a check-in for `period` counts in the school's figures: only when the
        /// person held this role in the school before the period began. Otherwise a leader
        /// could invite accounts, or re-role someone, during a period and fill its minimum
        /// group with answers they supplied or know (issue 14, class 2). The check-in is
        /// still the person's own (history, support), just not in the figures.
        func counts(in period: String) -> Bool {
            guard let since else { return true }
            guard let start = CheckInCadence.start(of: period) else { return false }
            return since <= start
        }
    }

    /// The schools the person can check in for, each with its settings.
    func memberships(of user: User) async throws -> [Membership] {
        let rows = try await App.Membership.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$school).all()
        let ids = rows.map(\.$school.id)
        let settings = try await WellbeingSettings.query(on: db).filter(\.$school.$id ~~ ids).all()
        let schedules = try await WellbeingSchedules.load(schoolIDs: ids, on: db)
        return rows.map { row in
            Membership(
                school: row.school, role: row.role,
                settings: settings.first { $0.$school.id == row.$school.id } ?? WellbeingSettings(schoolID: row.$school.id),
                since: row.roleSince,
                schedule: schedules[row.$school.id] ?? CheckInSchedule(cadence: .monthly, minimumGroup: PrivacyThresholds.figures))
        }.sorted { $0.school.name < $1.school.name }
    }

    func hasCheckedIn(_ user: User, period: String) async throws -> Bool {
        try await WellbeingParticipation.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$period == period).count() > 0
    }

    enum Outcome { case recorded, recordedForPersonOnly, alreadyCheckedIn }

    /// Files the check-in under the period open at `now` by the school's schedule: a period
    /// that has ended never takes another answer, so its figures never move once shown.
    /// `byReader`: the person may read this school's figures (leader, coordinator, admin);
    /// their answer is in the figures but does not count toward the minimum group.
    func record(
        _ scores: CheckInScores, for user: User, in membership: Membership, at now: Date, byReader: Bool,
        keepHistory: Bool, note: String
    ) async throws -> Outcome {
        let period = membership.period(at: now)
        let counts = membership.counts(in: period)
        let userID = try user.requireID()
        let schoolID = try membership.school.requireID()
        return try await db.writeTransaction { db in
            // The unique (user, period) row makes a repeated or double submit count once.
            if try await WellbeingParticipation.query(on: db).filter(\.$user.$id == userID).filter(\.$period == period).count() > 0 {
                return .alreadyCheckedIn
            }
            try await WellbeingParticipation(userID: userID, schoolID: schoolID, period: period).save(on: db)
            if counts {
                let category = StaffCategory(role: membership.role)
                try await WellbeingAnswer(schoolID: schoolID, period: period, category: category, scores: scores).save(on: db)
                try await WellbeingCells.add(scores, schoolID: schoolID, category: category, period: period, byReader: byReader, on: db)
            }
            if keepHistory {
                try await WellbeingPersonalEntry(userID: userID, period: period, scores: scores, note: note).save(on: db)
            }
            return counts ? .recorded : .recordedForPersonOnly
        }
    }

    func history(of user: User) async throws -> [WellbeingPersonalEntry] {
        try await WellbeingPersonalEntry.query(on: db).filter(\.$user.$id == user.requireID()).sort(\.$period).all()
    }

    /// Who in the person's schools offers support: counsellors, psychologists, pedagogical
    /// advisers; in no particular order (the page sorts them in its reader's alphabet).
    func supporters(of user: User) async throws -> [(name: String, email: String, role: SchoolRole, school: String)] {
        let schools = try await memberships(of: user).map { try $0.school.requireID() }
        return try await App.Membership.query(on: db).filter(\.$school.$id ~~ schools)
            .filter(\.$role ~~ [.counsellor, .psychologist, .pedagogicalAdviser])
            .with(\.$user).with(\.$school).all()
            .filter { $0.$user.id != user.id }
            .map { ($0.user.fullName, $0.user.email, $0.role, $0.school.name) }
    }
}
