import Domain
import Fluent
import Vapor

/// Making surveys: the list of one's surveys, a new one (blank, from a ready questionnaire,
/// or from a file), the designer (sections, questions, conditions, order), translations,
/// the JSON export, publishing and closing. The structure changes only while a draft.
struct SurveyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.surveys.pathComponents, use: list)
        routes.post(SiteURL.surveys.pathComponents, use: create)
        routes.post(SiteURL.surveyImport.pathComponents, use: importFile)
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
        routes.get(SiteURL.surveyReport(.key).pathComponents, use: report)
        routes.get(SiteURL.surveyDownload(.key, .key).pathComponents, use: download)
        routes.post(SiteURL.surveyTokens(.key).pathComponents, use: makeTokens)
    }

    struct TokensForm: Content { var count: String? }

    /// Makes single-use links and hands them over once, as CSV for a mail merge: only
    /// their hashes are kept, so they cannot be shown again.
    func makeTokens(req: Request) async throws -> Response {
        let survey = try await Self.load(req)
        let count = (try? req.content.decode(TokensForm.self))?.count.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard let count, (1...2000).contains(count) else {
            return try await Self.rejected(survey, req) { $0.designProblems = [req.t("Ask for 1 to 2,000 links at a time.")] }
        }
        let surveyID = try survey.requireID()
        let secrets = (0..<count).map { _ in SecretToken.generate() }
        try await req.db.transaction { db in
            for secret in secrets { try await SurveyToken(surveyID: surveyID, tokenHash: SecretToken.hash(secret)).save(on: db) }
        }
        let base = SiteURL.answer(.value(survey.slug)).absolute(req.application.config)
        let rows = ["link"] + secrets.map { base + "?t=" + $0 }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"survey-links.csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: rows.joined(separator: "\r\n") + "\r\n"))
    }

    /// The CSV of responses, its codebook, and the SPSS and R files that read it.
    func download(req: Request) async throws -> Response {
        let survey = try await Self.load(req)
        let file = req.parameters.get(SiteURL.slugKey) ?? ""
        // Before the release there is nothing to download: rows that grow with each answer
        // would tell who answered what to anyone who downloads twice.
        guard survey.isReleased else {
            throw Abort(.conflict, reason: req.t("The answers can be downloaded once the survey has closed."))
        }
        let export = try await SurveyExport.load(survey, req: req)
        let (body, type): (String, String) = switch file {
        case SurveyDownloads.responses: (export.csv(), "text/csv; charset=utf-8")
        case SurveyDownloads.codebook: (export.codebook(), "text/csv; charset=utf-8")
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

    // MARK: the report

    func report(req: Request) async throws -> Response {
        let survey = try await Self.loadForReport(req)
        let definition = try survey.definition
        var breakdown = SurveyReport.Breakdown(req.query[String.self, at: "by"])
        if case .question(let v) = breakdown, !(definition.question(v).map { $0.kind == .singleChoice || $0.kind == .likert } ?? false) {
            breakdown = .none
        }
        let context = req.pageContext()
        let manages = Policy.allows(try await req.principal(), .manageSurvey, try await Surveys(db: req.db).resource(survey, today: Surveys.today(req.now)))
        guard survey.isReleased else {
            // Still open: how many have answered, and no figure that moves with them.
            let pending = SurveyReportPage.Pending(responses: try await SurveyRelease.pendingCount(survey, on: req.db), closesOn: survey.closesOn,
                                                   ended: survey.hasEnded(today: Surveys.today(req.now)))
            return req.render(SurveyReportPage.pendingView(context, survey: survey, title: definition.title, pending: pending, manages: manages))
        }
        let thresholds = try await SurveyReport.readerThresholds(survey, req: req)
        let (report, responses, schoolNames) = try await SurveyReport.load(survey, definition: definition, breakdown: breakdown, req: req, context: context,
                                                                            needsResponses: survey.template == SurveyTemplates.Template.leaderNeeds.rawValue)
        var model = SurveyReportPage.Model(survey: survey, definition: definition, report: report, breakdown: breakdown)
        model.manages = manages
        model.corrections = try await SurveyCorrection.query(on: req.db).filter(\.$survey.$id == survey.requireID()).sort(\.$madeOn).all()
        if survey.template == SurveyTemplates.Template.leaderNeeds.rawValue {
            model.recommendations = RecommendationSection.groups(responses, schoolNames: schoolNames, context: context, minimum: thresholds.figures)
        }
        return req.render(SurveyReportPage.view(context, model))
    }

    // MARK: list, new, import

    func list(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let model = try await SurveyListPage.Model.load(req)
        guard !model.scopes.isEmpty || !model.surveys.isEmpty else { throw Abort(.forbidden) }
        return req.render(SurveyListPage.view(req.pageContext(), model))
    }

    struct NewForm: Content {
        var scope: String?
        var title: String?
        var language: String?
        var template: String?
    }

    /// The school or network of a scope value ("school:<id>", "network:<id>") the person may use.
    static func scope(_ raw: String?, req: Request) async throws -> (school: UUID?, network: UUID?)? {
        guard let raw, let principal = try await req.principal() else { return nil }
        let allowed = try await Surveys(db: req.db).scopes(for: principal).map(\.value)
        guard allowed.contains(raw) else { return nil }
        let id = UUID(uuidString: String(raw.drop { $0 != ":" }.dropFirst()))
        return raw.hasPrefix("school:") ? (id, nil) : (nil, id)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(NewForm.self)
        var model = try await SurveyListPage.Model.load(req)
        let scope = try await Self.scope(form.scope, req: req)
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let language = form.language.flatMap(Language.init(rawValue:))
        let template = form.template.flatMap { $0.isEmpty ? nil : SurveyTemplates.Template(rawValue: $0) }
        if scope == nil { model.errors["scope"] = req.t("Choose the school or network the survey is for.") }
        if template == nil && (title.isEmpty || title.count > 200) { model.errors["title"] = req.t("Give the survey a title (under 200 characters).") }
        if language == nil { model.errors["language"] = req.t("Choose the language you write the survey in.") }
        guard model.errors.isEmpty, let scope, let language else {
            model.draftTitle = title
            return req.render(SurveyListPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await req.authorize(.createSurvey, try await Self.scopeResource(scope, req))
        let definition = template.map { SurveyTemplates.definition($0) }
            ?? SurveyDefinition(baseLanguage: language.rawValue, languages: [language.rawValue], title: [language.rawValue: title])
        let survey = try Survey(definition: definition, schoolID: scope.school, networkID: scope.network, createdByID: try user.requireID(),
                                slug: Surveys.newSlug(), template: template?.rawValue)
        try await survey.save(on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: template == nil
            ? req.t("Your survey is made. Add a first section, then its questions.")
            : req.t("The ready questionnaire is copied into a new survey. Change what you like before you publish it."))
    }

    static func scopeResource(_ scope: (school: UUID?, network: UUID?), _ req: Request) async throws -> Policy.Resource {
        if let id = scope.school, let school = try await School.find(id, on: req.db) { return school.policyResource }
        return .network(id: scope.network ?? UUID())
    }

    struct ImportForm: Content {
        var import_scope: String?
        var file: File?
    }

    /// A survey from an exported JSON file; a bad file is refused with every problem listed.
    func importFile(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(ImportForm.self)
        var model = try await SurveyListPage.Model.load(req)
        let scope = try await Self.scope(form.import_scope, req: req)
        var problems: [String] = []
        var definition: SurveyDefinition?
        if scope == nil { problems.append(req.t("Choose the school or network the survey is for.")) }
        if let file = form.file, file.data.readableBytes > 0 {
            do {
                // NUL in the file's strings becomes U+FFFD, as in every decoded body (`NULInput`, issue #14).
                let bytes = TextInput.replacingNUL(json: file.data.readableBytesView) ?? Array(file.data.readableBytesView)
                definition = try JSONDecoder().decode(SurveyDefinition.self, from: Data(bytes))
            } catch let error as DecodingError {
                problems.append(req.t("The file is not a Collegium survey: {detail}", ["detail": Self.describe(error)]))
            } catch {
                problems.append(req.t("The file is not a Collegium survey: {detail}", ["detail": req.t("it is not JSON.")]))
            }
        } else {
            problems.append(req.t("Choose a survey file (.json) exported from Collegium."))
        }
        if let definition {
            let context = req.pageContext()
            problems += definition.problems(supportedLanguages: Surveys.supportedLanguages).map { SurveyNames.problem($0, context) }
        }
        guard problems.isEmpty, let scope, let definition else {
            model.importProblems = problems
            return req.render(SurveyListPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await req.authorize(.createSurvey, try await Self.scopeResource(scope, req))
        let survey = try Survey(definition: definition, schoolID: scope.school, networkID: scope.network, createdByID: try user.requireID(), slug: Surveys.newSlug())
        try await survey.save(on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("The survey is imported as a draft."))
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: ["."])
        }
        switch error {
        case .keyNotFound(let key, let context): return (path(context).isEmpty ? "" : path(context) + ": ") + "\"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return (path(context).isEmpty ? "" : path(context) + ": ") + context.debugDescription
        @unknown default: return "unreadable"
        }
    }

    // MARK: the designer

    static func load(_ req: Request, _ action: Policy.Action = .manageSurvey) async throws -> Survey {
        _ = try req.requireUser()
        guard let survey = try await Survey.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        try await req.authorize(action, try await Surveys(db: req.db).resource(survey, today: Surveys.today(req.now)))
        return survey
    }

    /// The report is also read by those who follow a cohort of a course whose evaluation this
    /// survey is (its facilitators): the guarded figures only, nothing to manage.
    static func loadForReport(_ req: Request) async throws -> Survey {
        _ = try req.requireUser()
        guard let survey = try await Survey.find(try req.uuidParameter(SiteURL.idKey), on: req.db) else { throw Abort(.notFound) }
        let principal = try await req.principal()
        let resource = try await Surveys(db: req.db).resource(survey, today: Surveys.today(req.now))
        if Policy.allows(principal, .manageSurvey, resource) { return survey }
        let evaluation = try await CourseEvaluations.resource(survey, on: req.db)
        guard let evaluation, Policy.allows(principal, .followCohort, evaluation) else {
            throw Abort(Policy.denialStatus(principal, resource))
        }
        return survey
    }

    func design(req: Request) async throws -> Response {
        let survey = try await Self.load(req)
        return req.render(SurveyDesignPage.view(req.pageContext(), try await SurveyDesignPage.Model.load(survey, req: req)))
    }

    /// Re-renders the designer with problems next to the form that caused them.
    static func rejected(_ survey: Survey, _ req: Request, change: (inout SurveyDesignPage.Model) -> Void) async throws -> Response {
        var model = try await SurveyDesignPage.Model.load(survey, req: req)
        change(&model)
        return req.render(SurveyDesignPage.view(req.pageContext(), model), status: .unprocessableEntity)
    }

    static func requireDraft(_ survey: Survey, _ req: Request) throws {
        guard survey.status == .draft else {
            throw Abort(.conflict, reason: req.t("The survey is published: its questions can no longer change, only their wording and translations."))
        }
    }

    struct SectionForm: Content { var section_title: String? }

    func addSection(req: Request) async throws -> Response {
        let survey = try await Self.load(req)
        try Self.requireDraft(survey, req)
        var definition = try survey.definition
        let title = (try req.content.decode(SectionForm.self).section_title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else {
            return try await Self.rejected(survey, req) { $0.sectionError = req.t("Give the section a title (under 200 characters).") }
        }
        definition.sections.append(.init(title: [definition.baseLanguage: title]))
        try survey.setDefinition(definition)
        try await survey.save(on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("Section added. Add its questions below."))
    }

    struct QuestionForm: Content {
        var section: String?
        var kind: String?
        var variable: String?
        var text: String?
        var help: String?
        var required: String?
        var options: String?
        var rows: String?
        var minimum: String?
        var maximum: String?
        var condition_variable: String?
        var condition_values: String?
    }

    func addQuestion(req: Request) async throws -> Response {
        let survey = try await Self.load(req)
        try Self.requireDraft(survey, req)
        var definition = try survey.definition
        let form = try req.content.decode(QuestionForm.self)
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
            return try await Self.rejected(survey, req) { model in
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
        let survey = try await Self.load(req)
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
            return try await Self.rejected(survey, req) { $0.designProblems = broken.map { SurveyNames.problem($0, context) } }
        }
        try survey.setDefinition(definition)
        try await survey.save(on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("Question moved."))
    }

    func deleteQuestion(req: Request) async throws -> Response {
        let survey = try await Self.load(req)
        try Self.requireDraft(survey, req)
        var definition = try survey.definition
        let variable = req.parameters.get(SiteURL.variableKey) ?? ""
        guard definition.question(variable) != nil else { throw Abort(.notFound) }
        if let dependent = definition.questions.first(where: { $0.question.condition?.variable == variable }) {
            return try await Self.rejected(survey, req) {
                $0.designProblems = [req.t("Question {other} is shown depending on {variable}: change or delete it first.",
                                           ["other": dependent.question.variable, "variable": variable])]
            }
        }
        for s in definition.sections.indices { definition.sections[s].questions.removeAll { $0.variable == variable } }
        try survey.setDefinition(definition)
        try await survey.save(on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("Question deleted."))
    }

    // MARK: translations and export

    func translations(req: Request) async throws -> Response {
        let survey = try await Self.load(req)
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
        let survey = try await Self.load(req)
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
        let survey = try await Self.load(req)
        var headers = HTTPHeaders()
        headers.contentType = .json
        let name = survey.title.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined().prefix(40)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"survey-\(name.isEmpty ? "collegium" : String(name)).json\"")
        return Response(status: .ok, headers: headers, body: .init(string: survey.definitionJSON))
    }

    // MARK: publishing

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
        let survey = try await Self.load(req)
        let definition = try survey.definition
        let form = try req.content.decode(PublishForm.self)
        let opens = (form.opens_on ?? "").trimmingCharacters(in: .whitespaces), closes = (form.closes_on ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [String] = []
        func isDate(_ s: String) -> Bool { s.isEmpty || Meetings.instant(date: s, time: "12:00", zone: "UTC") != nil }
        if !isDate(opens) || !isDate(closes) { errors.append(req.t("Enter dates as on a calendar, for example 2026-12-01.")) }
        else if !opens.isEmpty && !closes.isEmpty && closes < opens { errors.append(req.t("The survey cannot close before it opens.")) }
        let context = req.pageContext()
        if survey.status == .draft {
            errors += definition.problems(supportedLanguages: Surveys.supportedLanguages).map { SurveyNames.problem($0, context) }
        }
        if survey.isReleased {
            throw Abort(.conflict, reason: req.t("The survey has closed and its figures are released: it does not open again."))
        }
        // Anonymity is fixed when the survey is first published: its first page promised it
        // (or said that answers carry names) to everyone who began answering.
        let anonymous = survey.anonymityFixed ? survey.anonymous : form.anonymous != nil
        if survey.anonymityFixed && (form.anonymous != nil) != survey.anonymous {
            errors.append(survey.anonymous ? req.t("The survey was published as anonymous, and respondents were told so: it stays anonymous.")
                                           : req.t("The survey was published with names, and respondents were told so: it stays that way."))
        }
        let roles = Set((form.roles ?? []).compactMap(SchoolRole.init(rawValue:)))
        let offered = Set(try await Surveys(db: req.db).audienceSchools(of: survey).compactMap(\.id))
        let chosenSchools = survey.$school.id.map { Set([$0]) } ?? Set((form.schools ?? []).compactMap(UUID.init(uuidString:))).intersection(offered)
        if !roles.isEmpty && chosenSchools.isEmpty { errors.append(req.t("Choose the schools whose staff should see the survey.")) }
        guard errors.isEmpty else { return try await Self.rejected(survey, req) { $0.designProblems = errors } }
        survey.audienceRoles = SchoolRole.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ",")
        survey.audienceSchools = roles.isEmpty ? "" : chosenSchools.map(\.uuidString).sorted().joined(separator: ",")
        survey.opensOn = opens
        survey.closesOn = closes
        survey.requiresToken = form.requires_token != nil
        survey.anonymous = anonymous
        survey.anonymityFixed = true
        survey.status = .open
        try await survey.save(on: req.db)
        try await SurveyPublication.record(survey, at: req.now, on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: req.t("The survey is published. Share its link with the people you ask."))
    }

    /// Closes an open survey and releases its figures at once. Never opens one again: its
    /// figures, once released, stay as released.
    func close(req: Request) async throws -> Response {
        let survey = try await Self.load(req)
        guard survey.status == .open else {
            throw Abort(.conflict, reason: req.t("The survey has closed and its figures are released: it does not open again."))
        }
        try await SurveyRelease.close(survey, on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())),
                            notice: req.t("The survey is closed: it takes no more answers, and its figures are in the report."))
    }
}

/// The names of a survey's downloads.
enum SurveyDownloads {
    static let responses = "responses.csv"
    static let codebook = "codebook.csv"
    static let spss = "responses.sps"
    static let r = "responses.R"
}
