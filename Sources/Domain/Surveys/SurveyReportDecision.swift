/// Which of a survey report's figures may be shown: every cell of every breakdown decided
/// together through `AnonymityGuard`, so that no two views of the same answers can be
/// subtracted from each other. Pure: the report (App/Surveys/Services/SurveyReport) counts the
/// cells and words the result; this decides.
public enum SurveyReportDecision {
    /// The key of a group whose country, school or role is not known (answers through the
    /// public link, or a question left unanswered).
    public static let unknownKey = "_unknown"

    /// Where a respondent stands for the guard: the finest groups any breakdown shows.
    public struct Cell: Hashable, Comparable, Sendable {
        public var country: String
        public var school: String
        public var role: String

        public static func < (a: Cell, b: Cell) -> Bool { (a.country, a.school, a.role) < (b.country, b.school, b.role) }

        public init(country: String, school: String, role: String) {
            self.country = country.isEmpty ? unknownKey : country
            self.school = school.isEmpty ? unknownKey : school
            self.role = role.isEmpty ? unknownKey : role
        }

        public init(key: String) {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            self.init(country: parts.first ?? "", school: parts.count > 1 ? parts[1] : "", role: parts.count > 2 ? parts[2] : "")
        }

        public var key: String { [country, school, role].joined(separator: "|") }
    }

    /// One decision for a question over every breakdown at once: the whole, each country,
    /// each school, each role. A country's schools are its parts, as the whole's are its
    /// countries, its schools and its roles, so no shown view minus other shown views leaves
    /// a group under the minimum (a country's figures minus its shown schools never reveal
    /// a small hidden school). Keys: "" for the whole, "country:LV", "school:<id>", "role:teacher".
    public static func joint(_ sizes: [Cell: Int], minimum: Int = PrivacyThresholds.figures) -> [String: AnonymityGuard.Suppression?] {
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
                if inCountry == whole {
                    parts.append("school:" + s)
                } else {
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
}
