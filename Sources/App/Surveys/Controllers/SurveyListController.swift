import Domain
import Fluent
import Vapor

/// The surveys one runs: their list, and a new one (blank, from a ready questionnaire, or from a file).
struct SurveyListController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.surveys.pathComponents, use: list)
        routes.post(SiteURL.surveys.pathComponents, use: create)
        routes.post(SiteURL.surveyImport.pathComponents, use: importFile)
    }

    func list(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let model = try await Self.listModel(req)
        guard !model.scopes.isEmpty || !model.surveys.isEmpty else { throw Abort(.forbidden) }
        return req.render(SurveyListPage.view(req.pageContext(), model))
    }

    /// The list for the signed-in person (their surveys and where they may make one).
    static func listModel(_ req: Request) async throws -> SurveyListPage.Model {
        guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
        return try await SurveyListPage.Model.load(
            for: principal, now: req.now, language: req.localizer.language.rawValue, questionnaires: req.application.questionnaireTranslations,
            on: req.db)
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
        let allowed = try await Surveys(db: req.db).scopes(for: principal, collation: Collation(req.localizer.language)).map(\.value)
        guard allowed.contains(raw) else { return nil }
        let id = UUID(uuidString: String(raw.drop { $0 != ":" }.dropFirst()))
        return raw.hasPrefix("school:") ? (id, nil) : (nil, id)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(NewForm.self)
        var model = try await Self.listModel(req)
        let scope = try await Self.scope(form.scope, req: req)
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let language = form.language.flatMap(Language.init(rawValue:))
        let template = form.template.flatMap { $0.isEmpty ? nil : SurveyTemplates.Template(rawValue: $0) }
        if scope == nil { model.errors["scope"] = req.t("Choose the school or network the survey is for.") }
        if (template == nil && title.isEmpty) || title.count > 200 { model.errors["title"] = req.t("Give the survey a title (under 200 characters).") }
        if language == nil { model.errors["language"] = req.t("Choose the language you write the survey in.") }
        guard model.errors.isEmpty, let scope, let language else {
            model.draftTitle = title
            model.draftTemplate = template?.rawValue ?? ""
            model.draftLanguage = language?.rawValue
            return req.render(SurveyListPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        try await req.authorize(.createSurvey, try await Self.scopeResource(scope, req))
        let copy = template.map { SurveyTemplates.copy($0, language: language.rawValue, title: title, translations: req.application.questionnaireTranslations) }
        let definition =
            copy?.definition
            ?? SurveyDefinition(baseLanguage: language.rawValue, languages: [language.rawValue], title: [language.rawValue: title])
        let survey = try Survey(
            definition: definition, schoolID: scope.school, networkID: scope.network, createdByID: try user.requireID(),
            slug: Surveys.newSlug(), template: template?.rawValue)
        try await survey.save(on: req.db)
        return req.redirect(to: .survey(.value(try survey.requireID())), notice: Self.madeNotice(copy, language: language, titled: !title.isEmpty, req))
    }

    /// What the leader is told of her new survey; for a ready questionnaire without her
    /// language, that it is in its own language, to translate.
    static func madeNotice(_ copy: (definition: SurveyDefinition, inChosenLanguage: Bool)?, language: Language, titled: Bool, _ req: Request) -> String {
        guard let copy else { return req.t("Your survey is made. Add a first section, then its questions.") }
        guard !copy.inChosenLanguage else {
            return req.t("The ready questionnaire is copied into a new survey. Change what you like before you publish it.")
        }
        let base = Language(rawValue: copy.definition.baseLanguage)?.nativeName ?? copy.definition.baseLanguage
        let notice = req.t(
            "The ready questionnaire is not written in “{language}”, so the new survey is in “{base}”. Add the wording in “{language}” under “Edit the wording” before you publish it.",
            ["language": language.nativeName, "base": base])
        return titled ? notice + " " + req.t("Your title is kept as its title in “{language}”.", ["language": language.nativeName]) : notice
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
        var model = try await Self.listModel(req)
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
        let survey = try Survey(
            definition: definition, schoolID: scope.school, networkID: scope.network, createdByID: try user.requireID(), slug: Surveys.newSlug())
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
}
