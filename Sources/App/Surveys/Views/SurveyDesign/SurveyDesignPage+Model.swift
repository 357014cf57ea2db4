import Domain
import Fluent
import Foundation

/// The designer: the survey's sections and questions in order, forms to add them, and the
/// survey's settings (dates, anonymity), link and translations.
enum SurveyDesignPage {
    struct Model {
        var survey: Survey
        var definition: SurveyDefinition
        var responses: Int
        var publicURL: String
        var missing: [(language: String, count: Int)]
        /// What stands in the way of publishing (the view words each in the reader's language).
        var problems: [DefinitionProblem]
        var designProblems: [String] = []
        var sectionError: String?
        var questionErrors: [String: String] = [:]
        var questionDraft: SurveyQuestionForm?
        /// Schools the survey can be shown in, and the response rates where it is.
        var audienceSchools: [School] = []
        var rates: [(school: School, asked: Int, answered: Int)] = []
        var tokens = (made: 0, used: 0)

        /// `config`: where the site is served (the respondents' link is absolute).
        static func load(_ survey: Survey, config: AppConfig, collation: Collation, on db: any Database) async throws -> Model {
            let definition = try survey.definition
            let others = Language.allCases.map(\.rawValue).filter { $0 != definition.baseLanguage }
            let service = Surveys(db: db)
            var model = Model(
                survey: survey, definition: definition,
                responses: try await SurveyResponse.query(on: db).filter(\.$survey.$id == survey.requireID()).count(),
                publicURL: SiteURL.answer(.value(survey.slug)).absolute(config),
                missing: others.map { ($0, definition.missingTranslations($0).count) },
                problems: definition.problems(supportedLanguages: Surveys.supportedLanguages))
            model.audienceSchools = collation.sorted(try await service.audienceSchools(of: survey), by: \.name)
            model.rates = collation.sorted(try await service.responseRates(of: survey), by: \.school.name)
            let tokens = try await SurveyToken.query(on: db).filter(\.$survey.$id == survey.requireID()).all()
            model.tokens = (tokens.count, tokens.filter { $0.usedOn != nil }.count)
            return model
        }
    }
}
