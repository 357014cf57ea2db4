import Domain
import Fluent
import Vapor

/// The guarded figures for leaders (a school) and coordinators (a network), and a
/// school's check-in settings.
struct WellbeingReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.schoolWellbeing(.key).pathComponents, use: school)
        routes.post(SiteURL.schoolWellbeingSettings(.key).pathComponents, use: saveSettings)
        routes.get(SiteURL.networkWellbeing(.key).pathComponents, use: network)
    }

    func school(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let school = try await req.schoolInPath()
        try await req.authorize(.viewWellbeingFigures, school.policyResource)
        let model = try await SchoolWellbeingPage.Model.load(school, principal: req.principal(), now: req.now, on: req.db)
        return req.render(SchoolWellbeingPage.view(req.pageContext(), model))
    }

    struct SettingsForm: Content {
        var cadence: String?
        var minimum_group: String?
        var help_lines: String?
    }

    func saveSettings(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let school = try await req.schoolInPath()
        try await req.authorize(.manageWellbeing, school.policyResource)
        let form = try req.content.decode(SettingsForm.self)
        var model = try await SchoolWellbeingPage.Model.load(school, principal: req.principal(), now: req.now, on: req.db)
        let cadence = form.cadence.flatMap(CheckInCadence.init(rawValue:))
        let minimum = form.minimum_group.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let lines = form.help_lines ?? ""
        if cadence == nil { model.settingsErrors["cadence"] = req.t("Choose how often staff check in.") }
        if minimum == nil || !(PrivacyThresholds.figures...PrivacyThresholds.largestWellbeingGroup).contains(minimum!) {
            model.settingsErrors["minimum_group"] = req.t(
                "Enter a whole number from {low} to {high}.",
                ["low": String(PrivacyThresholds.figures), "high": String(PrivacyThresholds.largestWellbeingGroup)])
        }
        if lines.count > 2000 { model.settingsErrors["help_lines"] = req.t("Keep the help lines under 2,000 characters.") }
        guard model.settingsErrors.isEmpty, let cadence, let minimum else {
            model.draft = (form.cadence ?? "", form.minimum_group ?? "", lines)
            return req.render(SchoolWellbeingPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        let schoolID = try school.requireID()
        let settings =
            try await WellbeingSettings.query(on: req.db).filter(\.$school.$id == schoolID).first()
            ?? WellbeingSettings(schoolID: schoolID)
        var notice = req.t("Check-in settings saved.")
        if settings.cadence != cadence || settings.minimumGroup != minimum {
            // Before saving the settings: the schedule starts from the settings held so far.
            // The change holds from the next period on (issue 14, class 3).
            let from = try await WellbeingSchedules.change(schoolID: schoolID, cadence: cadence, minimumGroup: minimum, at: req.now, on: req.db)
            notice = req.t(
                "Check-in settings saved. How often staff check in and the smallest group apply from {period} on; the period under way keeps its settings.",
                ["period": PeriodName.name(from, req.localizer)])
        }
        settings.cadence = cadence
        settings.minimumGroup = minimum
        settings.helpLines = lines
        try await settings.save(on: req.db)
        return req.redirect(to: .schoolWellbeing(.value(schoolID)), notice: notice)
    }

    func network(req: Request) async throws -> Response {
        _ = try req.requireUser()
        guard let network = try await Network.find(try req.uuidParameter(SiteURL.networkIDKey), on: req.db) else { throw Abort(.notFound) }
        try await req.authorize(.viewWellbeingFigures, .network(id: try network.requireID()))
        let schools = try await School.query(on: req.db).filter(\.$network.$id == network.requireID()).sort(\.$name).all()
        let figures = try await WellbeingFigures.load(family: schools, now: req.now, on: req.db)
        // The figures are decided over the schools in the database's fixed order; only the
        // rows are then put in the reader's alphabet, so that the language one reads in can
        // never change which figures are held back.
        var report = try figures.networkReport(network)
        let collation = Collation(req.localizer.language)
        for index in report.periods.indices {
            report.periods[index].schools = collation.sorted(report.periods[index].schools, by: \.schoolName)
        }
        let model = NetworkWellbeingPage.Model(name: network.name, report: report)
        return req.render(NetworkWellbeingPage.view(req.pageContext(), model))
    }
}
