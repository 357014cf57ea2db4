import Domain
import Fluent
import Foundation
import Vapor

/// `collegium bench-course-seed [--learners 100] [--password …]`: fills a throwaway
/// database for `benchmarks/course-page`: a course of 11 modules and 64 steps (lessons of
/// about 3 KB in English and Latvian, 11 quizzes of five questions, reflection tasks) and
/// learners at every stage of it, each a member of one school, with the given password.
/// Never run it against a real database.
struct CourseBenchmarkSeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "learners") var learners: Int?
        @Option(name: "password") var password: String?
        init() {}
    }

    var help: String { "Fills a throwaway database with a large course and its learners (benchmark)." }

    static let slug = "bench-course"

    static func document() -> CourseDocument {
        let paragraph =
            "A colleague who visits a lesson writes down what pupils say and do, not what she thinks of it; afterwards the two of them look at the notes together and the teacher decides what to try next. "
        let lv =
            "Kolēģis, kas apmeklē stundu, pieraksta, ko skolēni saka un dara, nevis ko viņš par to domā; pēc tam abi kopā aplūko piezīmes, un skolotājs izlemj, ko mēģināt tālāk. "
        func body(_ n: Int) -> LocalizedText {
            [
                "en": "## Part \(n)\n\n" + String(repeating: paragraph, count: 14) + "\n\nSee the [handbook](/handbook/peer-observation).",
                "lv": "## \(n). daļa\n\n" + String(repeating: lv, count: 14) + "\n\nSkatiet [rokasgrāmatu](/handbook/peer-observation).",
            ]
        }
        var number = 0
        let sections = (0..<11).map { s -> CourseDocument.Section in
            let count = s < 9 ? 6 : 5  // 9 × 6 + 2 × 5 = 64 steps
            let activities = (0..<count).map { a -> CourseDocument.Activity in
                number += 1
                let key = "s\(s + 1)-a\(a + 1)"
                if a == count - 2 {
                    let quiz = QuizDefinition(
                        passPercent: 60, attempts: 3,
                        questions: (1...5).map { q in
                            .init(
                                key: "q\(q)", kind: q == 5 ? .multiple : .single,
                                text: ["en": "Question \(q) of module \(s + 1)", "lv": "\(s + 1). moduļa \(q). jautājums"],
                                options: (1...4).map { o in
                                    .init(
                                        key: "o\(o)", correct: o == 1 || (q == 5 && o == 2), text: ["en": "Answer \(o)", "lv": "Atbilde \(o)"],
                                        feedback: ["en": "Why answer \(o) fits or not.", "lv": "Kāpēc atbilde \(o) der vai neder."])
                                })
                        })
                    return .init(
                        key: key, kind: .quiz, title: ["en": "Check your understanding \(s + 1)", "lv": "Pārbaudiet izpratni \(s + 1)"], minutes: 10, quiz: quiz
                    )
                }
                if a == count - 1 {
                    return .init(key: key, kind: .reflection, title: ["en": "Reflection \(s + 1)", "lv": "Pārdomas \(s + 1)"], body: body(number), minutes: 20)
                }
                return .init(
                    key: key, kind: .lesson, title: ["en": "Lesson \(number): observing a colleague", "lv": "\(number). nodarbība: kolēģa vērošana"],
                    body: body(number), minutes: 15)
            }
            return .init(
                key: "s\(s + 1)", title: ["en": "Module \(s + 1)", "lv": "\(s + 1). modulis"],
                summary: ["en": "What module \(s + 1) is about, in one sentence.", "lv": "Par ko ir \(s + 1). modulis, vienā teikumā."], activities: activities)
        }
        return CourseDocument(
            slug: slug, title: ["en": "Benchmark course", "lv": "Etalona kurss"], summary: ["en": "Eleven modules.", "lv": "Vienpadsmit moduļi."],
            audience: ["en": "Everyone", "lv": "Visiem"], outcomes: ["en": ["Observe a lesson"], "lv": ["Vērot stundu"]], sections: sections)
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let learners = signature.learners ?? 100
        let (_, _, steps) = try await Self.seed(context.application, learners: learners, password: signature.password ?? "benchmark-password")
        context.console.print("seeded \(Self.slug): \(Self.document().sections.count) modules, \(steps) steps, \(learners) learners")
    }

    /// The course, a network and school, and `learners` teachers of it enrolled at every stage
    /// of the course; also the population of `bench-cluster-seed`.
    static func seed(_ app: Application, learners: Int, password: String) async throws -> (school: School, users: [User], steps: Int) {
        try await SchemaSetup.migrate(app)
        let course = try await CourseLibrary.sync(Self.document(), on: app.db)
        let outline = try await CourseOutline.load(course, content: true, on: app.db)
        let network = Network(name: "Benchmark network")
        try await network.save(on: app.db)
        let school = School(
            name: "Benchmark school", code: "BENCH-\(UUID().uuidString.prefix(6))", country: "LV", city: "Rīga", language: "lv", networkID: network.id)
        try await school.save(on: app.db)
        let hash = try app.password.hash(password)
        let learning = CourseLearning(db: app.db, config: app.config, now: Date())
        var users: [User] = []
        for i in 0..<learners {
            let user = User(
                email: "learner\(i)@bench.example", givenName: "Learner", familyName: "\(i)", passwordHash: hash, language: i % 2 == 0 ? "lv" : "en")
            try await user.save(on: app.db)
            try await Membership(userID: try user.requireID(), schoolID: try school.requireID(), role: .teacher).save(on: app.db)
            let enrolment = try await learning.enrol(course, userID: try user.requireID())
            // From nothing done to everything done, spread over the learners.
            for step in outline.activities.prefix(i * outline.activities.count / max(learners - 1, 1)) {
                if let quiz = step.quiz {
                    _ = try await learning.attempt(
                        step, quiz: quiz, answers: Dictionary(uniqueKeysWithValues: quiz.questions.map { ($0.key, $0.correctKeys) }), enrolment: enrolment)
                } else if step.kind == .reflection {
                    _ = try await learning.reflect(step, body: "In our school we would start with two colleagues.", shared: false, enrolment: enrolment)
                }
                try await learning.finish(step, enrolment: enrolment, outline: outline, user: user, language: "en", criteria: "Completed the benchmark course.")
                enrolment.lastActivityID = step.id
            }
            try await enrolment.save(on: app.db)
            users.append(user)
        }
        return (school, users, outline.activities.count)
    }
}
