import Domain
import Fluent
import Vapor

/// Publishing a survey (or changing an open one's dates and audience) and closing it.
extension SurveyDesignController {
    struct PublishForm: Content {
        var opens_on: String?
        var closes_on: String?
        var anonymous: String?
        /// "1": answered only through single-use links.
        var requires_token: String?
        /// Shown on the home page of these roles…
        var roles: [String]?
        /// …in these schools (a network survey; a school's survey is its own school's).
        var schools: [String]?
    }

    func publish(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        let form = try req.content.decode(PublishForm.self)
        // The form offers only the survey's own schools, and a role it does not know is ignored.
        let roles = Set((form.roles ?? []).compactMap(SchoolRole.init(rawValue:)))
        let asked = SurveyPublishing.Publication(
            opensOn: form.opens_on ?? "", closesOn: form.closes_on ?? "", anonymous: form.anonymous != nil,
            requiresToken: form.requires_token != nil,
            audience: (roles: roles, schools: Set((form.schools ?? []).compactMap(UUID.init(uuidString:)))))
        let problems: [SurveyPublishing.Problem]
        do {
            problems = try await SurveyPublishing(db: req.db, now: req.now).publish(survey, asked)
        } catch is SurveyPublishing.Released {
            throw Abort(.conflict, reason: req.t("The survey has closed and its figures are released: it does not open again."))
        }
        let context = req.pageContext()
        guard problems.isEmpty else {
            // One message per kind of problem, each once.
            var errors: [String] = []
            for problem in problems {
                let text: String =
                    switch problem {
                    case .notADay: req.t("Enter dates as on a calendar, for example 2026-12-01.")
                    case .closesBeforeOpens: req.t("The survey cannot close before it opens.")
                    case .anonymityFixed(let anonymous):
                        anonymous
                            ? req.t("The survey was published as anonymous, and respondents were told so: it stays anonymous.")
                            : req.t("The survey was published with names, and respondents were told so: it stays that way.")
                    case .design(let design): SurveyNames.problem(design, context)
                    // The form lists only the survey's schools: one that is not is one that left its network meanwhile.
                    case .schoolsOutsideAudience: req.t("A school you chose is no longer among those this survey can reach: choose the schools again.")
                    case .rolesWithoutSchools: req.t("Choose the schools whose staff should see the survey.")
                    }
                if !errors.contains(text) { errors.append(text) }
            }
            return try await req.designRejected(survey) { $0.designProblems = errors }
        }
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("The survey is published. Share its link with the people you ask."))
    }

    /// Asks first (`ConfirmPage`): closing cannot be undone, and it releases the figures.
    func confirmClose(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        let surveyID = try survey.requireID()
        guard survey.status == .open else {
            return req.redirect(
                to: .survey(.value(surveyID)),
                notice: survey.status == .draft
                    ? req.t("The survey is still a draft: publish it first; it can be closed once it takes answers.")
                    : req.t("The survey has closed and its figures are released: it does not open again."))
        }
        let answers = try await Surveys(db: req.db).responseCounts([surveyID])[surveyID] ?? 0
        var consequences = [
            req.localizer.tn(
                "It has {count} answer so far. It takes no more: its link and single-use links stop working.",
                "It has {count} answers so far. It takes no more: its link and single-use links stop working.", count: answers),
            req.t("Its figures appear in the report at once, for everyone the report is shared with; groups too small to stay anonymous stay hidden."),
            req.t("A closed survey does not open again. To ask again, make a new survey."),
        ]
        if let closes = CalendarDay(survey.closesOn), closes >= CalendarDay(req.now), let day = closes.date() {
            consequences.insert(req.t("Left open, it would close by itself after {date}.", ["date": req.localizer.date(day)]), at: 1)
        }
        return req.confirm(
            req.t("Close “{title}” now?", ["title": survey.title(in: req.localizer.language.rawValue)]), consequences: consequences,
            action: .surveyClose(.value(surveyID)), confirmLabel: req.t("Close the survey and show its figures"),
            back: .survey(.value(surveyID)))
    }

    /// Closes an open survey and releases its figures at once. Never opens one again: its
    /// figures, once released, stay as released.
    func close(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        guard survey.status == .open else {
            throw Abort(.conflict, reason: req.t("The survey has closed and its figures are released: it does not open again."))
        }
        try await SurveyRelease.close(survey, on: req.db)
        return req.redirect(
            to: .survey(.value(try survey.requireID())),
            notice: req.t("The survey is closed: it takes no more answers, and its figures are in the report."))
    }
}

/// The names of a survey's downloads.
enum SurveyDownloads {
    static let responses = "responses.csv"
    static let codebook = "codebook.csv"
    /// The same two as a spreadsheet opens them (`SurveyExport.CSVFormat.spreadsheet`).
    static let responsesForExcel = "responses-for-excel.csv"
    static let codebookForExcel = "codebook-for-excel.csv"
    static let spss = "responses.sps"
    static let r = "responses.R"
}
