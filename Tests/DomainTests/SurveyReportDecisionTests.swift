import Domain
import Testing

@Suite("Survey report: views guarded together")
struct SurveyJointGuardTests {
    @Test("A country's figures minus its shown schools never reveal a small hidden school")
    func nested() {
        // Latvia: school A with 8, school B with 3, and 6 through the public link (no school).
        var sizes: [SurveyReportDecision.Cell: Int] = [:]
        sizes[.init(country: "LV", school: "A", role: "teacher")] = 8
        sizes[.init(country: "LV", school: "B", role: "teacher")] = 3
        sizes[.init(country: "LV", school: "", role: "")] = 6
        sizes[.init(country: "CZ", school: "C", role: "teacher")] = 9
        let decision = SurveyReportDecision.joint(sizes)
        #expect(decision["school:B"] == .some(.tooFewAnswers))
        // If Latvia, school A and the public-link group were all shown, B = LV − A − rest.
        let shown = ["country:LV", "school:A", "school:" + SurveyReportDecision.unknownKey].filter { decision[$0] == .some(nil) }
        #expect(shown.count < 3, "\(decision)")
        // The whole stays shown where its parts leave enough hidden.
        #expect(decision[""] == .some(nil))
    }
}
