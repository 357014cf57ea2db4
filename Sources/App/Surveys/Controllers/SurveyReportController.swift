import Domain
import Fluent
import Vapor

/// A survey's guarded report, its downloads and its single-use links.
struct SurveyReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.surveyReport(.key).pathComponents, use: report)
        routes.get(SiteURL.surveyDownload(.key, .key).pathComponents, use: download)
        routes.post(SiteURL.surveyTokens(.key).pathComponents, use: makeTokens)
    }

    struct TokensForm: Content { var count: String? }

    /// Makes single-use links and hands them over once, as CSV for a mail merge: only
    /// their hashes are kept, so they cannot be shown again.
    func makeTokens(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        let count = (try? req.content.decode(TokensForm.self))?.count.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard let count, (1...2000).contains(count) else {
            return try await req.designRejected(survey) { $0.designProblems = [req.t("Ask for 1 to 2,000 links at a time.")] }
        }
        let surveyID = try survey.requireID()
        let secrets = (0..<count).map { _ in SecretToken.generate() }
        try await req.db.writeTransaction { db in
            for secret in secrets { try await SurveyToken(surveyID: surveyID, tokenHash: SecretToken.hash(secret)).save(on: db) }
        }
        let base = SiteURL.answer(.value(survey.slug)).absolute(req.application.config)
        let rows = ["link"] + secrets.map { SiteURL.withQuery(base, ["t": $0]) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"survey-links.csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: rows.joined(separator: "\r\n") + "\r\n"))
    }

    /// The CSV of responses, its codebook, and the SPSS and R files that read it.
    func download(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        let file = req.parameters.get(SiteURL.slugKey) ?? ""
        // Before the release there is nothing to download: rows that grow with each answer
        // would tell who answered what to anyone who downloads twice.
        guard survey.isReleased else {
            throw Abort(.conflict, reason: req.t("The answers can be downloaded once the survey has closed."))
        }
        let export = try await SurveyExport.load(survey, req: req)
        let spreadsheet = SurveyExport.CSVFormat.spreadsheet(req.localizer.language)
        let (body, type): (String, String) =
            switch file {
            case SurveyDownloads.responses: (export.csv(), "text/csv; charset=utf-8")
            case SurveyDownloads.codebook: (export.codebook(), "text/csv; charset=utf-8")
            case SurveyDownloads.responsesForExcel: (export.csv(spreadsheet), "text/csv; charset=utf-8")
            case SurveyDownloads.codebookForExcel: (export.codebook(spreadsheet), "text/csv; charset=utf-8")
            case SurveyDownloads.spss: (export.spss(csvName: SurveyDownloads.responses), "text/plain; charset=utf-8")
            case SurveyDownloads.r: (export.r(csvName: SurveyDownloads.responses), "text/plain; charset=utf-8")
            default: throw Abort(.notFound)
            }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }

    func report(req: Request) async throws -> Response {
        let survey = try await req.surveyReportInPath()
        let definition = try survey.definition
        var breakdown = SurveyReport.Breakdown(req.query[String.self, at: "by"])
        if case .question(let v) = breakdown, !(definition.question(v).map { $0.kind == .singleChoice || $0.kind == .likert } ?? false) {
            breakdown = .none
        }
        let context = req.pageContext()
        let manages = Policy.allows(
            try await req.principal(), .manageSurvey, try await Surveys(db: req.db).resource(survey, today: CalendarDay(req.now).description))
        guard survey.isReleased else {
            // Still open: how many have answered, and no figure that moves with them.
            let pending = SurveyReportPage.Pending(
                responses: try await SurveyRelease.pendingCount(survey, on: req.db), closesOn: survey.closesOn,
                ended: survey.hasEnded(today: CalendarDay(req.now).description))
            return req.render(SurveyReportPage.pendingView(context, survey: survey, pending: pending, manages: manages))
        }
        let thresholds = try await SurveyReport.readerThresholds(survey, req: req)
        let (report, responses, schoolNames) = try await SurveyReport.load(
            survey, definition: definition, breakdown: breakdown, req: req, context: context,
            needsResponses: survey.template == SurveyTemplates.Template.leaderNeeds.rawValue)
        var model = SurveyReportPage.Model(survey: survey, definition: definition, report: report, breakdown: breakdown)
        model.manages = manages
        model.corrections = try await SurveyCorrection.query(on: req.db).filter(\.$survey.$id == survey.requireID()).sort(\.$madeOn).all()
        if survey.template == SurveyTemplates.Template.leaderNeeds.rawValue {
            model.recommendations = RecommendationSection.groups(responses, schoolNames: schoolNames, context: context, minimum: thresholds.figures)
        }
        return req.render(SurveyReportPage.view(context, model))
    }
}
