import Foundation

/// What a learner does in a course step.
public enum ActivityKind: String, Codable, Sendable, CaseIterable {
    /// Reading: Markdown with images and links to the handbook.
    case lesson
    /// Checking understanding: single and multiple choice with feedback per answer.
    case quiz
    /// Applying it to one's own school: a written answer, private or shared with the cohort.
    case reflection
}

/// A course as shipped in `Resources/Course/<slug>/<language>/`: `course.json` (title,
/// summary, audience, outcomes), one `NN-<module>.json` per module (its activities and
/// quizzes) and one `<activity>.md` per lesson and reflection. Every language has the same
/// modules, activities, questions and right answers; `load` refuses a course where they
/// differ, so a translation can never change what counts as right.
public struct CourseDocument: Sendable, Equatable {
    public var slug: String
    public var title: LocalizedText
    public var summary: LocalizedText
    public var audience: LocalizedText
    public var outcomes: [String: [String]]
    public var sections: [Section]

    public struct Section: Sendable, Equatable {
        public var key: String
        public var title: LocalizedText
        public var summary: LocalizedText
        public var activities: [Activity]

        public init(key: String, title: LocalizedText, summary: LocalizedText, activities: [Activity]) {
            self.key = key; self.title = title; self.summary = summary; self.activities = activities
        }
    }

    public struct Activity: Sendable, Equatable {
        public var key: String
        public var kind: ActivityKind
        public var title: LocalizedText
        /// Markdown: the lesson, or the reflection's task.
        public var body: LocalizedText
        public var minutes: Int
        public var quiz: QuizDefinition?

        public init(key: String, kind: ActivityKind, title: LocalizedText, body: LocalizedText = [:], minutes: Int, quiz: QuizDefinition? = nil) {
            self.key = key; self.kind = kind; self.title = title; self.body = body; self.minutes = minutes; self.quiz = quiz
        }
    }

    public init(slug: String, title: LocalizedText, summary: LocalizedText, audience: LocalizedText, outcomes: [String: [String]], sections: [Section]) {
        self.slug = slug; self.title = title; self.summary = summary; self.audience = audience; self.outcomes = outcomes; self.sections = sections
    }

    public var languages: [String] { title.keys.sorted() }
    public var minutes: Int { sections.flatMap(\.activities).reduce(0) { $0 + $1.minutes } }

    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    // The files' shapes.
    private struct CourseFile: Decodable { var title: String; var summary: String; var audience: String; var outcomes: [String] }
    private struct ModuleFile: Decodable {
        var key: String; var title: String; var summary: String; var activities: [ActivityFile]
    }
    private struct ActivityFile: Decodable {
        var key: String; var kind: ActivityKind; var title: String; var minutes: Int?
        var passPercent: Int?; var attempts: Int?; var questions: [QuestionFile]?
    }
    private struct QuestionFile: Decodable {
        var key: String; var kind: QuizDefinition.Kind; var text: String; var options: [OptionFile]
    }
    private struct OptionFile: Decodable { var key: String; var text: String; var correct: Bool; var feedback: String }

    /// Reads the course in `directory` (`…/Course/<slug>`), every language folder in it.
    public static func load(directory: URL) throws -> CourseDocument {
        let fm = FileManager.default
        let slug = directory.lastPathComponent
        let languages = try fm.contentsOfDirectory(atPath: directory.path)
            .filter { fm.fileExists(atPath: directory.appendingPathComponent($0).appendingPathComponent("course.json").path) }
            .sorted()
        guard !languages.isEmpty else { throw LoadError(description: "\(slug): no language folder with course.json") }
        var document: CourseDocument?
        for language in languages {
            let folder = directory.appendingPathComponent(language)
            func read(_ name: String) throws -> Data {
                guard let data = fm.contents(atPath: folder.appendingPathComponent(name).path) else {
                    throw LoadError(description: "\(slug)/\(language)/\(name) is missing")
                }
                return data
            }
            func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
                do { return try JSONDecoder().decode(type, from: try read(name)) } catch let error as LoadError { throw error } catch {
                    throw LoadError(description: "\(slug)/\(language)/\(name): \(error)")
                }
            }
            let course = try decode(CourseFile.self, "course.json")
            let moduleNames = try fm.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".json") && $0 != "course.json" && $0.first?.isNumber == true }.sorted()
            var sections: [Section] = []
            for name in moduleNames {
                let module = try decode(ModuleFile.self, name)
                var activities: [Activity] = []
                for a in module.activities {
                    var body: LocalizedText = [:]
                    if a.kind != .quiz {
                        body[language] = String(decoding: try read(a.key + ".md"), as: UTF8.self)
                    }
                    let quiz =
                        a.kind == .quiz
                        ? QuizDefinition(
                            passPercent: a.passPercent ?? 75, attempts: a.attempts ?? 3,
                            questions: (a.questions ?? []).map { q in
                                .init(
                                    key: q.key, kind: q.kind, text: [language: q.text],
                                    options: q.options.map {
                                        .init(key: $0.key, correct: $0.correct, text: [language: $0.text], feedback: [language: $0.feedback])
                                    })
                            }) : nil
                    activities.append(
                        Activity(
                            key: a.key, kind: a.kind, title: [language: a.title], body: body,
                            minutes: a.minutes ?? 10, quiz: quiz))
                }
                sections.append(Section(key: module.key, title: [language: module.title], summary: [language: module.summary], activities: activities))
            }
            let part = CourseDocument(
                slug: slug, title: [language: course.title], summary: [language: course.summary],
                audience: [language: course.audience], outcomes: [language: course.outcomes], sections: sections)
            if var merged = document {
                try merged.merge(part, language: language)
                document = merged
            } else {
                document = part
            }
        }
        guard let document else { throw LoadError(description: "\(slug): empty") }
        for section in document.sections {
            for activity in section.activities {
                if let problems = activity.quiz?.problems, !problems.isEmpty {
                    throw LoadError(description: "\(slug): quiz \(activity.key): " + problems.joined(separator: "; "))
                }
            }
        }
        return document
    }

    /// Adds `other`'s texts in `language`, refusing any difference in structure.
    private mutating func merge(_ other: CourseDocument, language: String) throws {
        func differs(_ what: String) -> LoadError { LoadError(description: "\(slug)/\(language): \(what) differs from the other languages") }
        guard sections.map(\.key) == other.sections.map(\.key) else { throw differs("the list of modules") }
        title[language] = other.title[language]
        summary[language] = other.summary[language]
        audience[language] = other.audience[language]
        outcomes[language] = other.outcomes[language]
        for (s, os) in zip(sections.indices, other.sections) {
            guard sections[s].activities.map(\.key) == os.activities.map(\.key),
                sections[s].activities.map(\.kind) == os.activities.map(\.kind)
            else { throw differs("module \(os.key)") }
            sections[s].title[language] = os.title[language]
            sections[s].summary[language] = os.summary[language]
            for (a, oa) in zip(sections[s].activities.indices, os.activities) {
                sections[s].activities[a].title[language] = oa.title[language]
                sections[s].activities[a].body[language] = oa.body[language]
                guard var quiz = sections[s].activities[a].quiz else { continue }
                guard let other = oa.quiz, other.passPercent == quiz.passPercent, other.attempts == quiz.attempts,
                    quiz.questions.map(\.key) == other.questions.map(\.key)
                else { throw differs("quiz \(oa.key)") }
                for (q, oq) in zip(quiz.questions.indices, other.questions) {
                    guard quiz.questions[q].kind == oq.kind, quiz.questions[q].options.map(\.key) == oq.options.map(\.key),
                        quiz.questions[q].options.map(\.correct) == oq.options.map(\.correct)
                    else {
                        throw differs("quiz \(oa.key) question \(oq.key)")
                    }
                    quiz.questions[q].text[language] = oq.text[language]
                    for (o, oo) in zip(quiz.questions[q].options.indices, oq.options) {
                        quiz.questions[q].options[o].text[language] = oo.text[language]
                        quiz.questions[q].options[o].feedback[language] = oo.feedback[language]
                    }
                }
                sections[s].activities[a].quiz = quiz
            }
        }
    }
}
