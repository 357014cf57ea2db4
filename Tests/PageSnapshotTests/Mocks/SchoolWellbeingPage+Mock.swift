import Domain
import Foundation

@testable import App

extension SchoolWellbeingPage.Model {
    /// A school's well-being figures as its leader reads them: two closed periods of monthly
    /// check-ins, the teachers shown, support staff and leaders too few (and the teachers'
    /// second period withheld by difference), the period under way counted but not shown,
    /// and a larger minimum group saved for the next period.
    static func mock() -> SchoolWellbeingPage.Model {
        func stats(_ scores: [(Double, Double)]) -> WellbeingReport<String>.Figure {
            var stats = CheckInStats()
            for (wellbeing, burnout) in scores { stats.add(CheckInScores(wellbeing: wellbeing, burnout: burnout)) }
            return .shown(stats)
        }
        let teachers = stats([(68, 40), (72, 35), (44, 62), (80, 28), (64, 45), (24, 71), (76, 33)])
        let everyone = stats([(68, 40), (72, 35), (44, 62), (80, 28), (64, 45), (24, 71), (76, 33), (61, 47), (70, 38), (48, 58)])
        let october = WellbeingAPI.SchoolPeriod(
            period: "2026-10", participants: 10, staff: 14, total: .init(everyone),
            categories: ["teaching": .init(teachers), "support": .init(.suppressed(.tooFewAnswers)), "leadership": .init(.suppressed(.tooFewAnswers))])
        let november = WellbeingAPI.SchoolPeriod(
            period: "2026-11", participants: 8, staff: 14,
            total: .init(stats([(66, 42), (70, 36), (40, 64), (78, 30), (63, 44), (28, 69), (74, 35), (57, 51)])),
            categories: [
                "teaching": .init(.suppressed(.wouldRevealByDifference)), "support": .init(.suppressed(.tooFewAnswers)),
                "leadership": .init(.suppressed(.tooFewAnswers)),
            ])
        let schoolID = Mock.id(10)
        let settings = WellbeingSettings(
            schoolID: schoolID, cadence: .monthly, minimumGroup: 5,
            helpLines: "Skolotāju atbalsta tālrunis — 8000 0000\nSkolas psiholoģe Marta Liepa, 214. kabinets")
        var model = SchoolWellbeingPage.Model(
            schoolID: schoolID, schoolName: "Rīgas 45. vidusskola",
            report: .init(
                schoolId: schoolID, minimumGroup: 5, openPeriod: .init(period: "2026-12", participants: 3, staff: 14),
                periods: [october, november]),
            settings: settings, canManage: true, networkID: Mock.id(5), canSeeNetwork: false)
        model.pending = .init(from: "2027-01", cadence: .monthly, minimumGroup: 6)
        return model
    }
}
