import Domain
import Fluent
import Vapor

/// Designing a survey: sections, questions, conditions and order (while a draft),
/// translations, the JSON export, publishing and closing.
struct SurveyDesignController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.survey(.key).pathComponents, use: design)
        routes.post(SiteURL.surveySections(.key).pathComponents, use: addSection)
        routes.post(SiteURL.surveyQuestions(.key).pathComponents, use: addQuestion)
        routes.post(SiteURL.surveyQuestionMove(.key, .key).pathComponents, use: moveQuestion)
        routes.get(SiteURL.surveyQuestionDelete(.key, .key).pathComponents, use: confirmDeleteQuestion)
        routes.post(SiteURL.surveyQuestionDelete(.key, .key).pathComponents, use: deleteQuestion)
        routes.get(SiteURL.surveyTranslations(.key).pathComponents, use: translations)
        routes.post(SiteURL.surveyTranslations(.key).pathComponents, use: saveTranslations)
        routes.get(SiteURL.surveyDefinition(.key).pathComponents, use: export)
        routes.post(SiteURL.surveyPublish(.key).pathComponents, use: publish)
        routes.get(SiteURL.surveyClose(.key).pathComponents, use: confirmClose)
        routes.post(SiteURL.surveyClose(.key).pathComponents, use: close)
    }

    func design(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        return req.render(
            SurveyDesignPage.view(
                req.pageContext(),
                try await SurveyDesignPage.Model.load(survey, config: req.application.config, collation: Collation(req.localizer.language), on: req.db)))
    }

    static func requireDraft(_ survey: Survey, _ req: Request) throws {
        guard survey.status == .draft else {
            throw Abort(.conflict, reason: req.t("The survey is published: its questions can no longer change, only their wording and translations."))
        }
    }

    struct SectionForm: Content { var section_title: String? }

    func addSection(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        try Self.requireDraft(survey, req)
        var definition = try survey.definition
        let title = (try req.content.decode(SectionForm.self).section_title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else {
            return try await req.designRejected(survey) { $0.sectionError = req.t("Give the section a title (under 200 characters).") }
        }
        definition.sections.append(.init(title: [definition.baseLanguage: title]))
        try survey.setDefinition(definition)
        try await survey.save(on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("Section added. Add its questions below."))
    }

    func addQuestion(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        try Self.requireDraft(survey, req)
        let current = try survey.definition
        let form = try req.content.decode(SurveyQuestionForm.self)
        let (definition, errors) = form.validated(adding: current, req.pageContext())
        guard let definition else {
            return try await req.designRejected(survey) { model in
                model.questionErrors = errors
                model.questionDraft = form
            }
        }
        try survey.setDefinition(definition)
        try await survey.save(on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("Question added."))
    }

    struct MoveForm: Content { var direction: String? }

    func moveQuestion(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        try Self.requireDraft(survey, req)
        var definition = try survey.definition
        let variable = req.parameters.get(SiteURL.variableKey) ?? ""
        let up = (try? req.content.decode(MoveForm.self))?.direction == "up"
        // A flat list across sections: moving past a section's edge moves into the next.
        var flat = definition.questions
        guard let index = flat.firstIndex(where: { $0.question.variable == variable }) else { throw Abort(.notFound) }
        let target = up ? index - 1 : index + 1
        if flat.indices.contains(target) {
            if flat[target].section == flat[index].section {
                flat.swapAt(index, target)
            } else {
                flat[index].section = flat[target].section
            }
        } else if up, flat[index].section > 0 {
            flat[index].section -= 1
        } else if !up, flat[index].section < definition.sections.count - 1 {
            flat[index].section += 1
        }
        for s in definition.sections.indices { definition.sections[s].questions = flat.filter { $0.section == s }.map(\.question) }
        // A move that would put a condition after the question it depends on is refused.
        let broken = definition.problems(supportedLanguages: Surveys.supportedLanguages).filter {
            if case .conditionNotEarlier = $0.kind { return true } else { return false }
        }
        guard broken.isEmpty else {
            let context = req.pageContext()
            return try await req.designRejected(survey) { $0.designProblems = broken.map { SurveyNames.problem($0, context) } }
        }
        try survey.setDefinition(definition)
        try await survey.save(on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("Question moved."))
    }

    /// Asks first (`ConfirmPage`): the question's wording in every language goes with it.
    func confirmDeleteQuestion(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        try Self.requireDraft(survey, req)
        let definition = try survey.definition
        let variable = req.parameters.get(SiteURL.variableKey) ?? ""
        guard let question = definition.question(variable) else { throw Abort(.notFound) }
        // Another question shown depending on it: the reason now, not after confirming.
        if let refused = try await Self.refuseIfDependedOn(variable, in: definition, survey, req) { return refused }
        let surveyID = try survey.requireID()
        let text = question.text.text(req.localizer.language.rawValue, fallback: definition.baseLanguage)
        return req.confirm(
            req.t("Delete question {variable}?", ["variable": variable]),
            consequences: [
                req.t("“{text}” leaves the survey, with its wording in every language and its choices.", ["text": text]),
                req.t("The survey is still a draft: nobody has answered it yet, so no answer is lost."),
                req.t("Nothing else changes. To have the question back, add it again."),
            ],
            action: .surveyQuestionDelete(.value(surveyID), .value(variable)), confirmLabel: req.t("Delete the question"),
            back: .survey(.value(surveyID)))
    }

    /// A question another one is shown depending on cannot go: the designer, with the reason
    /// (asked on the page that confirms, and again by the deletion itself).
    static func refuseIfDependedOn(_ variable: String, in definition: SurveyDefinition, _ survey: Survey, _ req: Request) async throws -> Response? {
        guard let dependent = definition.questions.first(where: { $0.question.condition?.variable == variable }) else { return nil }
        return try await req.designRejected(survey) {
            $0.designProblems = [
                req.t(
                    "Question {other} is shown depending on {variable}: change or delete it first.",
                    ["other": dependent.question.variable, "variable": variable])
            ]
        }
    }

    func deleteQuestion(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        try Self.requireDraft(survey, req)
        var definition = try survey.definition
        let variable = req.parameters.get(SiteURL.variableKey) ?? ""
        guard definition.question(variable) != nil else { throw Abort(.notFound) }
        if let refused = try await Self.refuseIfDependedOn(variable, in: definition, survey, req) { return refused }
        for s in definition.sections.indices { definition.sections[s].questions.removeAll { $0.variable == variable } }
        try survey.setDefinition(definition)
        try await survey.save(on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("Question deleted."))
    }
}

extension Request {
    /// Re-renders the designer with problems next to the form that caused them (the report's
    /// single-use links form sits on the designer's page too).
    func designRejected(_ survey: Survey, change: (inout SurveyDesignPage.Model) -> Void) async throws -> Response {
        var model = try await SurveyDesignPage.Model.load(survey, config: application.config, collation: Collation(localizer.language), on: db)
        change(&model)
        return render(SurveyDesignPage.view(pageContext(), model), status: .unprocessableEntity)
    }
}
