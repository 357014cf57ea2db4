import Domain
import Fluent
import Foundation

/// The surveys a person runs, and the forms to make one: blank, from a ready
/// questionnaire, or from a file.
enum SurveyListPage {
    struct Item {
        var id: UUID
        var title: String
        var status: Survey.Status
        var responses: Int
        var owner: String
    }

    struct Model {
        var surveys: [Item]
        var scopes: [(value: String, label: String)]
        var errors: [String: String] = [:]
        /// What the leader chose and typed, shown again when the new survey is refused.
        var draftTitle = ""
        var draftTemplate = ""
        var draftLanguage: String?
        var importProblems: [String] = []
        /// The languages every ready questionnaire is worded in on this server, by their own
        /// names (English and Latvian, and those of `Resources/Questionnaires`).
        var templateLanguages = ""

        /// `principal`: who runs surveys (theirs are listed, and the schools and networks they
        /// may make one for); `now`: the request's clock; `language`: the reader's, for the titles.
        static func load(
            for principal: Principal, now: Date, language: String, questionnaires: QuestionnaireTranslations, on db: any Database
        ) async throws -> Model {
            let service = Surveys(db: db)
            let surveys = try await service.manageable(for: principal, today: CalendarDay(now).description)
            let counts = try await service.responseCounts(surveys.compactMap(\.id))
            let schools = try await School.query(on: db).filter(\.$id ~~ surveys.compactMap { $0.$school.id }).all()
            let networks = try await Network.query(on: db).filter(\.$id ~~ surveys.compactMap { $0.$network.id }).all()
            return Model(
                surveys: surveys.map { s in
                    Item(
                        id: s.id ?? UUID(), title: s.title(in: language), status: s.status, responses: counts[s.id ?? UUID()] ?? 0,
                        owner: schools.first { $0.id == s.$school.id }?.name ?? networks.first { $0.id == s.$network.id }?.name ?? "")
                },
                scopes: try await service.scopes(for: principal, collation: Collation(languageCode: language)),
                templateLanguages: Self.templateLanguages(questionnaires))
        }

        static func templateLanguages(_ questionnaires: QuestionnaireTranslations) -> String {
            let sets = SurveyTemplates.Template.allCases.map { Set(SurveyTemplates.definition($0, questionnaires).languages) }
            let common = sets.dropFirst().reduce(sets.first ?? []) { $0.intersection($1) }
            return Language.allCases.filter { common.contains($0.rawValue) }.map(\.nativeName).joined(separator: ", ")
        }
    }
}
