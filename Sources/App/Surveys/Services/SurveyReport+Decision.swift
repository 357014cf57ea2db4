import Domain
import Fluent
import Foundation
import Vapor

/// Which of a report's figures may be shown (every cell of every breakdown decided together,
/// so that no two views of the same answers can be subtracted from each other), and their labels.
extension SurveyReport {
    /// Where a respondent stands for the guard: the finest groups any breakdown shows.
    struct Cell: Hashable, Comparable {
        var country: String
        var school: String
        var role: String

        static func < (a: Cell, b: Cell) -> Bool { (a.country, a.school, a.role) < (b.country, b.school, b.role) }

        init(country: String, school: String, role: String) {
            self.country = country.isEmpty ? unknownKey : country
            self.school = school.isEmpty ? unknownKey : school
            self.role = role.isEmpty ? unknownKey : role
        }

        init(key: String) {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            self.init(country: parts.first ?? "", school: parts.count > 1 ? parts[1] : "", role: parts.count > 2 ? parts[2] : "")
        }

        var key: String { [country, school, role].joined(separator: "|") }
    }

    /// One decision for a question over every breakdown at once: the whole, each country,
    /// each school, each role. A country's schools are its parts, as the whole's are its
    /// countries, its schools and its roles, so no shown view minus other shown views leaves
    /// a group under the minimum (a country's figures minus its shown schools never reveal
    /// a small hidden school). Keys: "" for the whole, "country:LV", "school:<id>", "role:teacher".
    static func jointDecision(_ sizes: [Cell: Int], minimum: Int = SurveyThresholds.figures) -> [String: AnonymityGuard.Suppression?] {
        let cells = sizes.keys.sorted()
        let all = Set(cells.indices)
        var views = [AnonymityGuard.View(key: "", cells: all)]
        func indices(_ match: (Cell) -> Bool) -> Set<Int> { Set(cells.indices.filter { match(cells[$0]) }) }
        let countries = Array(Set(cells.map(\.country))).sorted()
        let schools = Array(Set(cells.map(\.school))).sorted()
        let roles = Array(Set(cells.map(\.role))).sorted()
        for c in countries { views.append(.init(key: "country:" + c, cells: indices { $0.country == c })) }
        for s in schools { views.append(.init(key: "school:" + s, cells: indices { $0.school == s })) }
        for r in roles { views.append(.init(key: "role:" + r, cells: indices { $0.role == r })) }
        var partitions: [AnonymityGuard.Partition<String>] = [
            .init(parent: "", parts: countries.map { "country:" + $0 }),
            .init(parent: "", parts: schools.map { "school:" + $0 }),
            .init(parent: "", parts: roles.map { "role:" + $0 }),
        ]
        // Within a country: its schools (respondents without a school form a part of their
        // own there, not shown but counted, since the "not known" school spans countries).
        for c in countries {
            var parts: [String] = []
            for s in Array(Set(cells.filter { $0.country == c }.map(\.school))).sorted() {
                let inCountry = indices { $0.country == c && $0.school == s }
                let whole = indices { $0.school == s }
                if inCountry == whole { parts.append("school:" + s) } else {
                    let key = "part:" + c + "|" + s
                    views.append(.init(key: key, cells: inCountry))
                    parts.append(key)
                }
            }
            partitions.append(.init(parent: "country:" + c, parts: parts))
        }
        let guardian = AnonymityGuard(minimumGroup: minimum)
        return guardian.decide(views: views, sizes: cells.map { sizes[$0] ?? 0 }, partitions: partitions)
    }

    static func grouping(_ breakdown: Breakdown) -> String? {
        switch breakdown {
        case .country: "country"
        case .school: "school"
        case .role: "role"
        case .none: ""
        case .question: nil
        }
    }

    static func label(_ key: String, breakdown: Breakdown, definition: SurveyDefinition, schoolNames: [UUID: String], context: PageContext, language: String) -> String {
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
