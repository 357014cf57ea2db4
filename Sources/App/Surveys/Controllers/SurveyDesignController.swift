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
        routes.post(SiteURL.surveyQuestionDelete(.key, .key).pathComponents, use: deleteQuestion)
        routes.get(SiteURL.surveyTranslations(.key).pathComponents, use: translations)
        routes.post(SiteURL.surveyTranslations(.key).pathComponents, use: saveTranslations)
        routes.get(SiteURL.surveyDefinition(.key).pathComponents, use: export)
        routes.post(SiteURL.surveyPublish(.key).pathComponents, use: publish)
        routes.post(SiteURL.surveyClose(.key).pathComponents, use: close)
    }

    func design(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        return req.render(SurveyDesignPage.view(req.pageContext(), try await SurveyDesignPage.Model.load(survey, config: req.application.config, on: req.db)))
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
        var definition = try survey.definition
        let form = try req.content.decode(SurveyQuestionForm.self)
        let base = definition.baseLanguage
        var errors: [String: String] = [:]
        let sectionIndex = form.section.flatMap(Int.init).flatMap { definition.sections.indices.contains($0) ? $0 : nil }
        let kind = form.kind.flatMap(SurveyDefinition.Kind.init(rawValue:))
        let variable = (form.variable ?? "").trimmingCharacters(in: .whitespaces)
        let text = (form.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        func lines(_ raw: String?) -> [String] {
            (raw ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var optionLabels = lines(form.options)
        if kind == .likert || kind == .matrix, optionLabels.isEmpty { optionLabels = SurveyNames.agreementScale(req.pageContext()) }
        func number(_ raw: String?) -> (Double?, Bool) {
            let trimmed = (raw ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            if trimmed.isEmpty { return (nil, true) }
            return Double(trimmed).map { ($0, $0.isFinite) } ?? (nil, false)
        }
        let (minimum, minOK) = number(form.minimum), (maximum, maxOK) = number(form.maximum)
        if sectionIndex == nil { errors["section"] = req.t("Add a section first, then choose it.") }
        if kind == nil { errors["kind"] = req.t("Choose the kind of question.") }
        if !SurveyDefinition.isValidVariable(variable) {
            errors["variable"] = req.t("Use a lower-case letter, then letters, digits or _ (32 at most), for example support_needs.")
        } else if definition.exportVariables.contains(where: { $0 == variable || $0.hasPrefix(variable + "_") }) {
            errors["variable"] = req.t("This variable name is already used in the survey.")
        }
        if text.isEmpty || text.count > SurveyDefinition.maximumTextLength { errors["text"] = req.t("Write the question (under 2,000 characters).") }
        if !minOK || !maxOK { errors["range"] = req.t("Enter the smallest and largest numbers as numbers, or leave them empty.") }
        var condition: SurveyDefinition.Condition?
        if let raw = form.condition_variable, !raw.isEmpty {
            let codes = (form.condition_values ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Int($0) }
            condition = .init(variable: raw, values: codes)
            if codes.isEmpty { errors["condition"] = req.t("Give the option codes that show this question, for example 1 or 1, 2.") }
        }
        var question: SurveyDefinition.Question?
        if errors.isEmpty, let kind {
            question = .init(variable: variable, kind: kind, text: [base: text],
                             help: (form.help ?? "").isEmpty ? [:] : [base: form.help!.trimmingCharacters(in: .whitespacesAndNewlines)],
                             required: form.required != nil,
                             options: kind.isClosed ? optionLabels.enumerated().map { .init(value: $0.offset + 1, label: [base: $0.element]) } : [],
                             rows: kind == .matrix ? lines(form.rows).enumerated().map { .init(variable: variable + "_" + String($0.offset + 1), text: [base: $0.element]) } : [],
                             minimum: kind == .number ? minimum : nil, maximum: kind == .number ? maximum : nil, condition: condition)
        }
        if let question, let sectionIndex {
            var candidate = definition
            candidate.sections[sectionIndex].questions.append(question)
            let context = req.pageContext()
            // Only the new question's problems: the rest of the survey may still be in progress.
            let problems = candidate.problems(supportedLanguages: Surveys.supportedLanguages)
                .filter { $0.question == variable }
            if problems.isEmpty {
                definition = candidate
            } else {
                errors["question"] = problems.map { SurveyNames.problem($0, context) }.joined(separator: " ")
            }
        }
        guard errors.isEmpty else {
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

    func deleteQuestion(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        try Self.requireDraft(survey, req)
        var definition = try survey.definition
        let variable = req.parameters.get(SiteURL.variableKey) ?? ""
        guard definition.question(variable) != nil else { throw Abort(.notFound) }
        if let dependent = definition.questions.first(where: { $0.question.condition?.variable == variable }) {
            return try await req.designRejected(survey) {
                $0.designProblems = [req.t("Question {other} is shown depending on {variable}: change or delete it first.",
                                           ["other": dependent.question.variable, "variable": variable])]
            }
        }
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
        var model = try await SurveyDesignPage.Model.load(survey, config: application.config, on: db)
        change(&model)
        return render(SurveyDesignPage.view(pageContext(), model), status: .unprocessableEntity)
    }
}
