import Domain
import Fluent
import Foundation
import Vapor

/// `collegium bench-cluster-seed [--staff 100] [--password …]`: fills a throwaway database for
/// `benchmarks/cluster`, the load test of a school's everyday journeys (issue 20). On top of
/// the course benchmark's school (`bench-course-seed`: the course and its learners at every
/// stage of it), each two colleagues share a conversation (a question asked and taken), so
/// that both can write notes, and a one-page staff survey is open to the school. Prints the
/// survey's address. It lives beside the demo because it fills several modules. Never run it
/// against a real database.
struct ClusterBenchmarkSeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "staff") var staff: Int?
        @Option(name: "password") var password: String?
        init() {}
    }

    var help: String { "Fills a throwaway database for the load test of everyday journeys (benchmark)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let staff = max(2, signature.staff ?? 100)
        let (school, users, _) = try await CourseBenchmarkSeedCommand.seed(app, learners: staff, password: signature.password ?? "benchmark-password")
        let schoolID = try school.requireID()
        let now = Date()
        let asking = AskAColleague(db: app.db)
        for first in stride(from: 0, to: users.count - 1, by: 2) {
            let request = HelpRequest(
                schoolID: schoolID, askerID: try users[first].requireID(), topic: .differentiation, urgency: .thisWeek,
                question: "How do you give the quicker pupils more without leaving the others behind?", showName: true, askedAt: now)
            try await request.save(on: app.db)
            _ = try await asking.take(request, helperID: try users[first + 1].requireID())
        }
        let survey = try Survey(
            definition: try JSONDecoder().decode(SurveyDefinition.self, from: Data(Self.survey.utf8)), schoolID: schoolID, networkID: nil,
            createdByID: try users[0].requireID(), slug: Surveys.newSlug())
        try await survey.save(on: app.db)
        let closes = CalendarDay(now.addingTimeInterval(30 * 86_400)).description
        let problems = try await SurveyPublishing(db: app.db, now: now).publish(
            survey, .init(opensOn: CalendarDay(now).description, closesOn: closes, anonymous: true, requiresToken: false, audience: nil))
        guard problems.isEmpty else { throw Abort(.internalServerError, reason: "the benchmark survey did not publish: \(problems)") }
        context.console.print("seeded bench-cluster: \(staff) staff, \(staff / 2) conversations, survey /s/\(survey.slug)")
    }

    /// One page of two questions, in the school's language and English.
    static let survey = """
        {"baseLanguage": "lv", "languages": ["lv", "en"],
         "title": {"lv": "Kolēģu atbalsts šajā mēnesī", "en": "Collegial support this month"}, "introduction": {},
         "sections": [{"title": {"lv": "Šis mēnesis", "en": "This month"}, "questions": [
           {"variable": "asked", "kind": "single_choice", "required": true,
            "text": {"lv": "Vai šomēnes lūdzāt kolēģim padomu?", "en": "Did you ask a colleague for advice this month?"},
            "options": [{"value": 1, "label": {"lv": "Jā", "en": "Yes"}}, {"value": 2, "label": {"lv": "Nē", "en": "No"}}]},
           {"variable": "useful", "kind": "likert", "required": true,
            "text": {"lv": "Saruna ar kolēģi man palīdzēja.", "en": "The conversation with a colleague helped me."},
            "options": [{"value": 1, "label": {"lv": "Pilnīgi nepiekrītu", "en": "Strongly disagree"}},
                        {"value": 2, "label": {"lv": "Nepiekrītu", "en": "Disagree"}},
                        {"value": 3, "label": {"lv": "Ne jā, ne nē", "en": "Neither"}},
                        {"value": 4, "label": {"lv": "Piekrītu", "en": "Agree"}},
                        {"value": 5, "label": {"lv": "Pilnīgi piekrītu", "en": "Strongly agree"}}]}]}]}
        """
}
