import Domain
import Fluent
import Foundation

/// A school's well-being figures for its leaders, and its check-in settings.
enum SchoolWellbeingPage {
    struct Model {
        var schoolID: UUID
        var schoolName: String
        var report: WellbeingAPI.SchoolReport
        var settings: WellbeingSettings
        var canManage: Bool
        var networkID: UUID?
        var canSeeNetwork: Bool
        var settingsErrors: [String: String] = [:]
        var draft: (cadence: String, minimum: String, helpLines: String)?
        /// Settings saved but not in force yet: they begin with the next period.
        var pending: CheckInSchedule.Segment?

        /// `principal`: who reads (whether they may change the settings and see the network's
        /// figures); `now`: the request's clock.
        static func load(_ school: School, principal: Principal?, now: Date, on db: any Database) async throws -> Model {
            let family = try await WellbeingFigures.family(of: school, on: db)
            let figures = try await WellbeingFigures.load(family: family, now: now, on: db)
            let schoolID = try school.requireID()
            let saved = try await WellbeingSettings.query(on: db).filter(\.$school.$id == schoolID).first()
            let schedule = try await WellbeingSchedules.load(schoolID: schoolID, on: db)
            let current = schedule.period(containing: now)
            var model = Model(
                schoolID: schoolID, schoolName: school.name, report: try figures.schoolReport(school),
                settings: saved ?? WellbeingSettings(schoolID: schoolID),
                canManage: Policy.allows(principal, .manageWellbeing, school.policyResource),
                networkID: school.$network.id,
                canSeeNetwork: school.$network.id.map { Policy.allows(principal, .viewWellbeingFigures, .network(id: $0)) } ?? false)
            model.pending = schedule.segments.last { $0.from > current }
            return model
        }
    }
}
