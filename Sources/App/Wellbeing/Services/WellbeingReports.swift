import Domain
import Foundation

/// Reads a guarded `WellbeingFigures` for one school or one network, as the pages and
/// the API show them. Nothing here can reach a person's answers: only the report's figures.
extension WellbeingFigures {
    func schoolReport(_ school: School) throws -> WellbeingAPI.SchoolReport {
        let id = try school.requireID().uuidString
        let periods = report.periods.filter { participation[id]?[$0] != nil }
        let open = openPeriods[id] ?? ""
        return WellbeingAPI.SchoolReport(
            schoolId: try school.requireID(), minimumGroup: minimumGroup,
            openPeriod: .init(period: open, participants: participation[id]?[open] ?? 0, staff: staff[id] ?? 0),
            periods: periods.map { period in
                let total = WellbeingAPI.Figure(report.figure(.init(school: id, category: nil), period: period))
                return WellbeingAPI.SchoolPeriod(
                    period: period, participants: total.count, staff: staff[id] ?? 0,
                    total: total,
                    categories: Dictionary(
                        uniqueKeysWithValues: StaffCategory.allCases.map {
                            ($0.rawValue, WellbeingAPI.Figure(report.figure(.init(school: id, category: $0), period: period)))
                        }))
            })
    }

    func networkReport(_ network: Network) throws -> WellbeingAPI.NetworkReport {
        let ids = try schools.map { (id: try $0.requireID(), key: try $0.requireID().uuidString, name: $0.name) }
        // A network of one school has no separate total: the school's is it.
        let totalKey = WellbeingReport<String>.Key(school: schools.count == 1 ? ids.first?.key : nil, category: nil)
        return WellbeingAPI.NetworkReport(
            networkId: try network.requireID(), minimumGroup: minimumGroup,
            periods: report.periods.map { period in
                WellbeingAPI.NetworkPeriod(
                    period: period,
                    total: .init(report.figure(totalKey, period: period)),
                    schools: ids.map { school in
                        let figure = WellbeingAPI.Figure(report.figure(.init(school: school.key, category: nil), period: period))
                        return WellbeingAPI.NetworkSchool(
                            schoolId: school.id, schoolName: school.name,
                            participants: figure.count, figure: figure)
                    })
            })
    }
}
