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
        try await SurveyResponse.query(on: db).filter(\.$survey.$id == survey.requireID()).count() > 0
    }

    /// Saves every text in one language (fields named by their place: `title`, `s1`,
    /// `q.<variable>`, `q.<variable>.o<code>`, `q.<variable>.r<n>`, `q.<variable>.help`).
    func saveTranslations(req: Request) async throws -> Response {
        let survey = try await req.surveyInPath()
        var definition = try survey.definition
        let fields = try req.content.decode([String: String].self)
        guard let language = fields["language"].flatMap(Language.init(rawValue:))?.rawValue else {
            throw Abort(.badRequest, reason: req.t("Choose a language."))
        }
        // What changes, for the record of corrections once answers have come in.
        var changes: [(key: String, before: String, after: String)] = []
        func apply(_ key: String, _ text: inout LocalizedText) {
            guard let value = fields[key]?.trimmingCharacters(in: .whitespacesAndNewlines) else { return }
            let before = text[language] ?? ""
            text[language] = value.isEmpty ? nil : String(value.prefix(SurveyDefinition.maximumTextLength))
            let after = text[language] ?? ""
            if before != after { changes.append((key, before, after)) }
        }
        apply("title", &definition.title)
        apply("introduction", &definition.introduction)
        for s in definition.sections.indices {
            apply("s\(s + 1)", &definition.sections[s].title)
            for q in definition.sections[s].questions.indices {
                let v = definition.sections[s].questions[q].variable
                apply("q.\(v)", &definition.sections[s].questions[q].text)
                apply("q.\(v).help", &definition.sections[s].questions[q].help)
                for o in definition.sections[s].questions[q].options.indices {
                    apply("q.\(v).o\(definition.sections[s].questions[q].options[o].value)", &definition.sections[s].questions[q].options[o].label)
                }
                for r in definition.sections[s].questions[q].rows.indices { apply("q.\(v).r\(r + 1)", &definition.sections[s].questions[q].rows[r].text) }
            }
        }
        if !definition.languages.contains(language) { definition.languages.append(language) }
        // The base language's texts may be corrected, never emptied.
        if language == definition.baseLanguage {
            let context = req.pageContext()
            let problems = definition.problems(supportedLanguages: Surveys.supportedLanguages).filter {
                [.missingText, .missingTitle].contains($0.kind)
            }
            if !problems.isEmpty {
                var model = try SurveyTranslationsPage.Model(survey: survey, language: language)
                model.problems = problems.map { SurveyNames.problem($0, context) }
                return req.render(SurveyTranslationsPage.view(context, model), status: .unprocessableEntity)
            }
        }
        // After the first answer, wording changes only as a correction with its reason: the
        // people who answered read other words (issue 14, class 3).
        let reason = (fields["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let answered = try await Self.hasAnswers(survey, req.db)
        if answered && !changes.isEmpty && reason.isEmpty {
            try survey.setDefinition(definition)  // shown as typed, not saved
            var model = try SurveyTranslationsPage.Model(survey: survey, language: language)
            model.needsReason = true
            model.reasonError = req.t("Answers have already come in: say why the wording changes.")
            return req.render(SurveyTranslationsPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try survey.setDefinition(definition)
        let surveyID = try survey.requireID(), today = Surveys.today(req.now), recorded = changes
        try await req.db.transaction { db in
            try await survey.save(on: db)
            guard answered else { return }
            for change in recorded {
                try await SurveyCorrection(surveyID: surveyID, madeOn: today, language: language, textKey: change.key,
                                           before: change.before, after: change.after, reason: String(reason.prefix(500))).save(on: db)
            }
        }
        return req.redirect(to: .survey(.value(surveyID)), notice: req.t("Texts saved."))
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
