import Domain
import Fluent
import Foundation
import Vapor

/// How a report's groups are named. Which of its figures may be shown is decided in
/// `Domain/Surveys/SurveyReportDecision` (every cell of every breakdown together).
extension SurveyReport {
    typealias Cell = SurveyReportDecision.Cell

    static func grouping(_ breakdown: Breakdown) -> String? {
        switch breakdown {
        case .country: "country"
        case .school: "school"
        case .role: "role"
        case .none: ""
        case .question: nil
        }
    }

    static func label(_ key: String, breakdown: Breakdown, definition: SurveyDefinition, schoolNames: [UUID: String], context: PageContext, language: String)
        -> String
    {
        if key == unknownKey {
            return breakdown == .none ? "" : (breakdown.isQuestion ? context.t("No answer") : context.t("Not known (answered through the public link)"))
        }
        switch breakdown {
        case .none: return ""
        case .country: return Locale(identifier: language).localizedString(forRegionCode: key) ?? key
        case .school: return UUID(uuidString: key).flatMap { schoolNames[$0] } ?? key
        case .role: return SchoolRole(rawValue: key).map { RoleNames.name($0, context.localizer) } ?? key
        case .question(let v):
            return definition.question(v)?.options.first { String($0.value) == key }?.label.text(language, fallback: definition.baseLanguage) ?? key
        }
    }
}
