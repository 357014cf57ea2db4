import Domain
import Foundation
import Testing

/// Quizzes, progress and the shipped course, without a database.
@Suite("Course rules")
struct CourseRuleTests {
    static let quiz = QuizDefinition(
        passPercent: 75, attempts: 3,
        questions: [
            .init(
                key: "one", kind: .single, text: ["en": "One"],
                options: [
                    .init(key: "a", correct: true, text: ["en": "A"], feedback: ["en": "Yes"]),
                    .init(key: "b", correct: false, text: ["en": "B"], feedback: ["en": "No"]),
                ]),
            .init(
                key: "many", kind: .multiple, text: ["en": "Many"],
                options: [
                    .init(key: "a", correct: true, text: ["en": "A"], feedback: ["en": "Yes"]),
                    .init(key: "b", correct: true, text: ["en": "B"], feedback: ["en": "Yes"]),
                    .init(key: "c", correct: false, text: ["en": "C"], feedback: ["en": "No"]),
                ]),
        ])

    @Test("A question counts only when exactly its right answers are chosen; ticking every box earns nothing")
    func grading() {
        let right = Self.quiz.grade(["one": ["a"], "many": ["a", "b"]])
        #expect(right.score == 100 && right.passed && right.outcomes.map(\.correct) == [true, true])
        #expect(right.outcomes.map(\.chosen) == [["a"], ["a", "b"]])
        let allBoxes = Self.quiz.grade(["one": ["a"], "many": ["a", "b", "c"]])
        #expect(allBoxes.score == 50 && !allBoxes.passed)
        #expect(Self.quiz.grade(["one": ["a"], "many": ["a"]]).score == 50, "half right is not right")
        #expect(Self.quiz.grade([:]).score == 0)
    }

    @Test("A quiz with no right answer, two right answers to a single-choice question or a repeated key is refused")
    func problems() {
        #expect(Self.quiz.problems.isEmpty)
        var broken = Self.quiz
        broken.questions[0].options[1].correct = true
        broken.questions[1].options = broken.questions[1].options.map {
            var o = $0; o.correct = false; return o
        }
        broken.questions.append(broken.questions[0])
        broken.passPercent = 0
        #expect(
            broken.problems == [
                "pass mark must be 1–100", "question one is single choice with 2 right answers",
                "question many has no right answer", "question one twice", "question one is single choice with 2 right answers",
            ])
    }

    @Test("Item difficulty is the share right at the first attempt")
    func difficulty() {
        let results = [
            Self.quiz.grade(["one": ["a"], "many": ["a"]]), Self.quiz.grade(["one": ["b"], "many": ["a"]]),
            Self.quiz.grade(["one": ["a"], "many": ["a", "b"]]),
        ]
        let items = ItemDifficulty.items(Self.quiz, firstAttempts: results)
        #expect(items.map(\.percentRight) == [66, 33])
        #expect(ItemDifficulty.items(Self.quiz, firstAttempts: []).map(\.percentRight) == [nil, nil])
    }

    @Test("A facilitator sees a question's share right only through the guard: from five answers on, rounded to tens")
    func difficultyThroughTheGuard() {
        let four = [ItemDifficulty.Item(question: "one", answered: 4, right: 3), ItemDifficulty.Item(question: "many", answered: 5, right: 2)]
        #expect(ItemDifficulty.shown(four) == [nil, 40], "four answers are too few; two of five is 40 %")
        let many = [ItemDifficulty.Item(question: "one", answered: 7, right: 5)]
        #expect(ItemDifficulty.shown(many) == [70], "5 of 7 is 71 %, shown as 70 %")
        #expect(ItemDifficulty.shown(many, minimum: 8) == [nil], "a larger minimum withholds it")
        #expect(ItemDifficulty.shown([ItemDifficulty.Item(question: "none", answered: 0, right: 0)]) == [nil])
    }

    @Test("Progress by module and overall; completion counts required steps; Continue goes to the next step not done after the last visited")
    func progress() {
        let s1 = UUID(), s2 = UUID()
        let a = (0..<5).map { _ in UUID() }
        let steps: [CourseProgress.Activity] = [
            .init(id: a[0], section: s1, required: true), .init(id: a[1], section: s1, required: true),
            .init(id: a[2], section: s2, required: true), .init(id: a[3], section: s2, required: false),
            .init(id: a[4], section: s2, required: true),
        ]
        let start = CourseProgress(activities: steps, done: [])
        #expect(start.percent == 0 && start.next == a[0] && !start.complete)
        let some = CourseProgress(activities: steps, done: [a[0], a[2]], lastVisited: a[2])
        #expect(some.sections.map(\.percent) == [50, 33] && some.done == 2 && some.next == a[3])
        let wrapped = CourseProgress(activities: steps, done: [a[0], a[2], a[3], a[4]], lastVisited: a[4])
        #expect(wrapped.next == a[1], "after the last step, back to the first one not done")
        let optionalLeft = CourseProgress(activities: steps, done: [a[0], a[1], a[2], a[4], UUID()])
        #expect(optionalLeft.complete && optionalLeft.percent == 80, "an optional step is not needed; unknown ids are ignored")
    }

    /// The shipped course, read from the repository.
    static func shipped() throws -> CourseDocument {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try CourseDocument.load(directory: root.appendingPathComponent("Resources/Course/leading-collegial-support"))
    }

    @Test(
        "The shipped course is complete in English and Latvian: five modules, each with lessons, a quiz and a reflection task, lessons linking to the handbook")
    func shippedCourse() throws {
        let course = try Self.shipped()
        #expect(course.languages == ["en", "lv"])
        #expect(course.sections.count >= 5)
        for language in ["en", "lv"] {
            #expect(!(course.title[language] ?? "").isEmpty && (course.outcomes[language]?.count ?? 0) >= 4)
        }
        for section in course.sections {
            let kinds = section.activities.map(\.kind)
            #expect(kinds.filter { $0 == .lesson }.count >= 2 && kinds.contains(.quiz) && kinds.contains(.reflection), "\(section.key)")
            for activity in section.activities {
                for language in ["en", "lv"] {
                    #expect(!(activity.title[language] ?? "").isEmpty, "\(activity.key) \(language)")
                    if activity.kind != .quiz { #expect((activity.body[language] ?? "").count > 500, "\(activity.key) \(language) is written") }
                }
                if let quiz = activity.quiz {
                    #expect(quiz.problems.isEmpty, "\(activity.key)")
                    #expect(quiz.questions.contains { $0.kind == .multiple }, "\(activity.key) has a multiple-choice question")
                    for q in quiz.questions {
                        for o in q.options {
                            #expect(!(o.feedback["lv"] ?? "").isEmpty && !(o.feedback["en"] ?? "").isEmpty, "\(activity.key) \(q.key) \(o.key)")
                        }
                    }
                }
            }
            let lessons = section.activities.filter { $0.kind == .lesson }
            #expect(lessons.contains { ($0.body["en"] ?? "").contains("](/handbook/") }, "\(section.key) links to the handbook")
        }
        // Images the lessons use exist and are described in each language.
        let images = course.sections.flatMap(\.activities).flatMap { a in ["en", "lv"].map { a.body[$0] ?? "" } }
            .flatMap { $0.matches(of: /!\[([^\]]+)\]\(\/courses\/images\/([a-z0-9-]+\.svg)\)/).map { String($0.output.2) } }
        #expect(!images.isEmpty)
    }

    @Test("A course whose languages disagree on what is right is refused")
    func languagesAgree() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-" + UUID().uuidString).appendingPathComponent("mini")
        for (language, correct) in [("en", true), ("lv", false)] {
            let dir = folder.appendingPathComponent(language)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try #"{"title":"T","summary":"S","audience":"A","outcomes":["O"]}"#.write(
                to: dir.appendingPathComponent("course.json"), atomically: true, encoding: .utf8)
            try """
            {"key":"m","title":"M","summary":"S","activities":[{"key":"q","kind":"quiz","title":"Q","questions":[
              {"key":"q1","kind":"single","text":"?","options":[{"key":"a","text":"A","correct":\(correct),"feedback":"f"},{"key":"b","text":"B","correct":\(!correct),"feedback":"f"}]}]}]}
            """.write(to: dir.appendingPathComponent("01-m.json"), atomically: true, encoding: .utf8)
        }
        #expect(throws: CourseDocument.LoadError.self) { try CourseDocument.load(directory: folder) }
    }

    @Test("An Open Badges 3.0 credential has the shape 1EdTech's schema asks for, with the JWT claims matching it")
    func credentialShape() throws {
        let id = UUID(), subject = UUID()
        let credential = OpenBadgeCredential(
            base: "https://collegium.example", issuerName: "Collegium", credentialID: id, subjectID: subject,
            identityHash: "sha256$abc", salt: "s1", courseSlug: "c", courseTitle: "Course", description: "About",
            criteria: "Done", language: "lv", issuedAt: Date(timeIntervalSince1970: 1_800_000_000.7),
            statusIndex: 41)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(credential)) as? [String: Any])
        #expect(json["@context"] as? [String] == OpenBadgeCredential.context)
        #expect(json["type"] as? [String] == ["VerifiableCredential", "OpenBadgeCredential"])
        #expect(json["validFrom"] as? String == "2027-01-15T08:00:00Z")
        #expect(json["nbf"] as? Int == 1_800_000_000, "whole seconds, equal to validFrom")
        #expect(json["jti"] as? String == json["id"] as? String && (json["id"] as? String) == "urn:uuid:" + id.uuidString.lowercased())
        #expect((json["issuer"] as? [String: Any])?["id"] as? String == json["iss"] as? String)
        #expect((json["credentialSubject"] as? [String: Any])?["id"] as? String == json["sub"] as? String)
        #expect(json["vc"] == nil && json["iat"] == nil)
        let status = try #require(json["credentialStatus"] as? [String: String])
        #expect(
            status == [
                "id": "https://collegium.example/credentials/status/1#41", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                "statusListIndex": "41", "statusListCredential": "https://collegium.example/credentials/status/1",
            ])
    }

    @Test("The revocation list: 16 KB of bits, most significant first, in a GZIP stream any inflater reads, as multibase base64url")
    func statusList() throws {
        let encoded = StatusList.encodedList(revoked: [0, 9, 131_071, 200_000])
        #expect(encoded.hasPrefix("u") && !encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
        var base64 = String(encoded.dropFirst()).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let gzip = [UInt8](try #require(Data(base64Encoded: base64)))
        #expect(Array(gzip.prefix(3)) == [0x1f, 0x8b, 8])
        // Read the stored deflate blocks back.
        var bits: [UInt8] = [], at = 10, last = false
        while !last {
            last = gzip[at] & 1 == 1
            let length = Int(gzip[at + 1]) | Int(gzip[at + 2]) << 8
            #expect(length == ~(Int(gzip[at + 3]) | Int(gzip[at + 4]) << 8) & 0xffff)
            bits += gzip[(at + 5)..<(at + 5 + length)]
            at += 5 + length
        }
        #expect(bits.count == 16_384)
        let crc = UInt32(gzip[at]) | UInt32(gzip[at + 1]) << 8 | UInt32(gzip[at + 2]) << 16 | UInt32(gzip[at + 3]) << 24
        #expect(crc == StatusList.crc32(bits))
        #expect(bits[0] == 0x80 && bits[1] == 0x40 && bits[16_383] == 0x01, "indices 0, 9 and 131,071; 200,000 is outside the list")
        #expect(bits.filter { $0 != 0 }.count == 3)
        #expect(StatusList.crc32(Array("123456789".utf8)) == 0xCBF4_3926, "the standard check value")
    }

    @Test("xAPI statements name the learner by account, never by e-mail, and carry the score of a quiz")
    func statements() throws {
        let statement = XAPIStatement(
            id: UUID(), base: "https://collegium.example", learnerID: UUID(), verb: .passed,
            courseURL: "https://collegium.example/courses/c", courseName: "Course",
            step: ("https://collegium.example/courses/c/steps/q", "Quiz", .quiz), score: 80, language: "lv",
            timestamp: Date(timeIntervalSince1970: 0))
        let text = String(decoding: try JSONEncoder().encode(statement), as: UTF8.self)
        #expect(!text.contains("mbox") && text.contains("\"homePage\""))
        #expect(statement.result?.score?.scaled == 0.8 && statement.result?.success == true)
        #expect(statement.context.contextActivities?.parent.first?.id == "https://collegium.example/courses/c")
        #expect(statement.verb.id == "http://adlnet.gov/expapi/verbs/passed")
    }
}

@Suite("Quizzes as plain text")
struct QuizTextTests {
    static let text = """
        ? Which form fits a new teacher who does not know how marking works here?
        * Mentoring
          > She needs someone who knows the school.
        - Coaching
          > Coaching helps her find her own way; here she needs knowledge first.

        ? What keeps support apart from appraisal?
        * Notes stay with the colleagues
          > Right.
        * Leaders see counts only
          > Right.
        - A score for each lesson
          > That is appraisal.
        """

    @Test("Written, read back, and written again gives the same quiz; two right answers make a multiple-choice question")
    func roundTrip() throws {
        let empty = QuizDefinition(passPercent: 75, attempts: 3, questions: [])
        let quiz = try QuizText.parse(Self.text, language: "en", existing: empty).get()
        #expect(quiz.questions.map(\.kind) == [.single, .multiple])
        #expect(quiz.questions.map(\.key) == ["q1", "q2"] && quiz.questions[1].options.map(\.key) == ["a", "b", "c"])
        #expect(quiz.questions[0].options[1].feedback["en"] == "Coaching helps her find her own way; here she needs knowledge first.")
        #expect(quiz.problems.isEmpty && quiz.passPercent == 75)
        #expect(try QuizText.parse(QuizText.format(quiz, language: "en"), language: "en", existing: quiz).get() == quiz)
    }

    @Test("Another language's wording keeps the keys and the first language's texts")
    func translation() throws {
        let quiz = try QuizText.parse(Self.text, language: "en", existing: QuizDefinition(passPercent: 75, attempts: 3, questions: [])).get()
        let latvian = Self.text.replacingOccurrences(of: "Mentoring", with: "Mentorings")
        let both = try QuizText.parse(latvian, language: "lv", existing: quiz).get()
        #expect(both.questions[0].options[0].text == ["en": "Mentoring", "lv": "Mentorings"])
        #expect(both.questions.map(\.key) == quiz.questions.map(\.key))
    }

    @Test("Problems are named by line and question")
    func problems() {
        let bad = """
            * An answer first
            ? A question
            - Only one answer
              > fine
            Something else
            > stray
            """
        guard case .failure(let problems) = QuizText.parse(bad, language: "en", existing: QuizDefinition(passPercent: 75, attempts: 3, questions: [])) else {
            Issue.record("accepted")
            return
        }
        #expect(problems.list == [.answerBeforeQuestion(line: 1), .unknownLine(line: 5), .tooFewAnswers(question: 1), .noRightAnswer(question: 1)])
        guard case .failure(let none) = QuizText.parse("  \n", language: "en", existing: QuizDefinition(passPercent: 75, attempts: 3, questions: [])) else {
            return
        }
        #expect(none.list == [.noQuestions])
    }
}
