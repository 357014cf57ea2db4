import Domain
import Foundation

@testable import App

extension SurveyReportPage.Model {
    /// A school's closed needs survey: twelve answers (eight teachers, four counsellors, psychologists and advisers),
    /// a statement on a five-point scale, a choice and a number. Broken down by role, every
    /// role but the teachers is too small to show.
    static func mock(_ context: PageContext, breakdown: SurveyReport.Breakdown = .none) throws -> SurveyReportPage.Model {
        func both(_ en: String, _ lv: String) -> LocalizedText { ["en": en, "lv": lv] }
        let agreement = [
            both("Strongly disagree", "Pilnībā nepiekrītu"), both("Disagree", "Nepiekrītu"), both("Neither", "Ne piekrītu, ne nepiekrītu"),
            both("Agree", "Piekrītu"), both("Strongly agree", "Pilnībā piekrītu"),
        ]
        .enumerated().map { SurveyDefinition.Option(value: $0.offset + 1, label: $0.element) }
        let definition = SurveyDefinition(
            baseLanguage: "en", languages: ["en", "lv"], title: both("Support in our school", "Atbalsts mūsu skolā"),
            sections: [
                .init(
                    title: both("Working together", "Sadarbība"),
                    questions: [
                        .init(
                            variable: "ask_easily", kind: .likert,
                            text: both(
                                "I can ask a colleague for help without feeling judged.",
                                "Es varu lūgt kolēģim palīdzību, nejūtoties vērtēts."), required: true, options: agreement),
                        .init(
                            variable: "wish", kind: .singleChoice, text: both("Which support would you choose first?", "Kādu atbalstu jūs izvēlētos vispirms?"),
                            options: [
                                .init(value: 1, label: both("A mentor", "Mentoru")), .init(value: 2, label: both("Peer observation", "Kolēģu vērošanu")),
                                .init(value: 3, label: both("A study group", "Mācību grupu")),
                            ]),
                        .init(
                            variable: "hours", kind: .number, text: both("Hours a month you could give to it", "Stundas mēnesī, ko varētu tam veltīt"),
                            minimum: 0, maximum: 40),
                    ])
            ])
        let surveyID = Mock.id(200), schoolID = Mock.id(10)
        let survey = try Survey(id: surveyID, definition: definition, schoolID: schoolID, networkID: nil, createdByID: Mock.id(1), slug: "support-2026")
        survey.status = .closed
        survey.opensOn = "2026-11-02"
        survey.closesOn = "2026-11-20"
        let answers: [(role: String, ask: Int, wish: Int, hours: Int)] = [
            ("teacher", 4, 2, 3), ("teacher", 5, 1, 2), ("teacher", 2, 2, 4), ("teacher", 4, 3, 1), ("teacher", 3, 2, 2), ("teacher", 4, 1, 6),
            ("teacher", 5, 2, 2), ("teacher", 2, 3, 0), ("counsellor", 4, 1, 2), ("counsellor", 3, 1, 1), ("psychologist", 4, 2, 3),
            ("pedagogical_adviser", 5, 3, 2),
        ]
        let responses = try answers.enumerated().map { index, a in
            try SurveyResponse(
                id: Mock.id(210 + index), surveyID: surveyID, submittedOn: "2026-11-1\(index % 10)", language: "lv", country: "LV",
                role: a.role, schoolID: schoolID, userID: nil,
                answers: ["ask_easily": String(a.ask), "wish": String(a.wish), "hours": String(a.hours)], idempotencyKey: "k\(index)")
        }
        let report = SurveyReport.build(
            survey: survey, definition: definition, responses: responses, breakdown: breakdown,
            schoolNames: [schoolID: "Rīgas 45. vidusskola"], context: context)
        return SurveyReportPage.Model(survey: survey, definition: definition, report: report, breakdown: breakdown)
    }
}
