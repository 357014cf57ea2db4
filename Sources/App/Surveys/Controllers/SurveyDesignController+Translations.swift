import Domain
import Fluent
import Vapor

/// A survey's wording in each of its languages, and its definition as a JSON file.
extension SurveyDesignController {
    func translations(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        let base = try survey.definition.baseLanguage
        let language = req.query[String.self, at: "language"].flatMap(Language.init(rawValue:))?.rawValue ?? base
        var model = try SurveyTranslationsPage.Model(survey: survey, language: language)
        model.needsReason = try await Self.hasAnswers(survey, req.db)
        return req.render(SurveyTranslationsPage.view(req.pageContext(), model))
    }

    static func hasAnswers(_ survey: Survey, _ db: any Database) async throws -> Bool {
        try await SurveyWording.hasAnswers(survey, on: db)
    }

    /// Saves every text in one language (`SurveyWording`).
    func saveTranslations(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        let definition = try survey.definition
        let fields = try req.content.decode([String: String].self)
        guard let language = fields["language"].flatMap(Language.init(rawValue:))?.rawValue else {
            throw Abort(.badRequest, reason: req.t("Choose a language."))
        }
        let reason = (fields["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            try await SurveyWording(db: req.db, now: req.now).save(fields, language: language, reason: reason, of: survey, definition: definition)
        } catch SurveyWording.Problem.baseTextsMissing(let problems) {
            let context = req.pageContext()
            var model = try SurveyTranslationsPage.Model(survey: survey, language: language)
            model.problems = problems.map { SurveyNames.problem($0, context) }
            return req.render(SurveyTranslationsPage.view(context, model), status: .unprocessableEntity)
        } catch SurveyWording.Problem.reasonNeeded {
            var model = try SurveyTranslationsPage.Model(survey: survey, language: language)
            model.needsReason = true
            model.reasonError = req.t("Answers have already come in: say why the wording changes.")
            return req.render(SurveyTranslationsPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("Texts saved."))
    }

    func export(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        var headers = HTTPHeaders()
        headers.contentType = .json
        let name = survey.title.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined().prefix(40)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"survey-\(name.isEmpty ? "collegium" : String(name)).json\"")
        return Response(status: .ok, headers: headers, body: .init(string: survey.definitionJSON))
    }
}
