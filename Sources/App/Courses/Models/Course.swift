import Domain
import Fluent
import Foundation

/// A course of the catalogue: its texts in each language, its modules (`CourseSection`)
/// and their steps (`CourseActivity`). Coordinators author it; once published, a revision
/// only adds, changes or retires steps, never deletes them, so learners keep their progress.
final class Course: Model, @unchecked Sendable {
    static let schema = "courses"

    enum Status: String, Codable, Sendable { case draft, published }

    /// The texts shown in the catalogue and on the course page, per language.
    struct Texts: Codable, Sendable, Equatable {
        var title: LocalizedText
        var summary: LocalizedText
        var audience: LocalizedText
        var outcomes: [String: [String]]
    }

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Stable name in URLs and in `Resources/Course/<slug>/`.
    @Field(key: "slug") var slug: String
    @Field(key: "status") var status: Status
    @Field(key: "texts") var textsJSON: String
    /// Counts revisions of the published course (1 at first publication).
    @Field(key: "revision") var revision: Int
    /// Goes up with every change to the modules or steps, so that a process's cached outline
    /// (`OutlineCache`) is known to be current by reading this row alone.
    @Field(key: "outline_version") var outlineVersion: Int
    /// The end-of-course evaluation, made with the survey tool.
    @OptionalParent(key: "evaluation_survey_id") var evaluationSurvey: Survey?
    @OptionalParent(key: "created_by_id") var createdBy: User?

    init() {}

    init(id: UUID? = nil, slug: String, texts: Texts, status: Status, createdByID: UUID?) throws {
        self.id = id
        self.slug = slug
        self.status = status
        self.textsJSON = try JSONText.encode(texts)
        self.revision = status == .published ? 1 : 0
        self.outlineVersion = 0
        self.$createdBy.id = createdByID
    }

    /// Decoded once per loaded row (pages read the texts many times).
    private var decoded: (json: String, texts: Texts)?
    var texts: Texts {
        if let decoded, decoded.json == textsJSON { return decoded.texts }
        let texts = (try? JSONText.decode(Texts.self, textsJSON)) ?? Texts(title: [:], summary: [:], audience: [:], outcomes: [:])
        decoded = (textsJSON, texts)
        return texts
    }
    func setTexts(_ texts: Texts) throws { textsJSON = try JSONText.encode(texts) }
}

/// A module of a course.
final class CourseSection: Model, @unchecked Sendable {
    static let schema = "course_sections"

    struct Texts: Codable, Sendable, Equatable {
        var title: LocalizedText
        var summary: LocalizedText
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "course_id") var course: Course
    /// Stable within the course; shipped content and xAPI statements refer to it.
    @Field(key: "key") var key: String
    @Field(key: "position") var position: Int
    @Field(key: "texts") var textsJSON: String
    /// Retired modules stay for the progress and statements that refer to them.
    @Field(key: "retired") var retired: Bool

    init() {}

    init(id: UUID? = nil, courseID: UUID, key: String, position: Int, texts: Texts) throws {
        self.id = id
        self.$course.id = courseID
        self.key = key
        self.position = position
        self.textsJSON = try JSONText.encode(texts)
        self.retired = false
    }

    private var decoded: (json: String, texts: Texts)?
    var texts: Texts {
        if let decoded, decoded.json == textsJSON { return decoded.texts }
        let texts = (try? JSONText.decode(Texts.self, textsJSON)) ?? Texts(title: [:], summary: [:])
        decoded = (textsJSON, texts)
        return texts
    }
    func setTexts(_ texts: Texts) throws { textsJSON = try JSONText.encode(texts) }
}

/// One step of a module: a lesson, a quiz or a reflection task. Its title and its
/// content are kept apart: lists and progress read titles only (`CourseOutline`), the
/// step's page reads its content.
final class CourseActivity: Model, @unchecked Sendable {
    static let schema = "course_activities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "course_id") var course: Course
    @Parent(key: "section_id") var section: CourseSection
    @Field(key: "key") var key: String
    @Field(key: "position") var position: Int
    @Field(key: "kind") var kind: ActivityKind
    @Field(key: "minutes") var minutes: Int
    /// Counts towards the course's completion rule.
    @Field(key: "required") var required: Bool
    /// The title per language, as JSON.
    @Field(key: "title") var titleJSON: String
    /// Markdown per language (the lesson, or the reflection's task), as JSON; `{}` for a quiz.
    @Field(key: "body") var bodyJSON: String
    /// The `QuizDefinition` of a quiz, as JSON.
    @OptionalField(key: "quiz") var quizJSON: String?
    @Field(key: "retired") var retired: Bool

    init() {}

    init(
        id: UUID? = nil, courseID: UUID, sectionID: UUID, key: String, position: Int, kind: ActivityKind, minutes: Int,
        title: LocalizedText, body: LocalizedText, quiz: QuizDefinition?
    ) throws {
        self.id = id
        self.$course.id = courseID
        self.$section.id = sectionID
        self.key = key
        self.position = position
        self.kind = kind
        self.minutes = minutes
        self.required = true
        self.titleJSON = try JSONText.encode(title)
        self.bodyJSON = try JSONText.encode(body)
        self.quizJSON = try quiz.map(JSONText.encode)
        self.retired = false
    }

    private var decodedTitles: (json: String, titles: LocalizedText)?
    /// Decoded once per loaded row: a course page reads every step's title.
    var titles: LocalizedText {
        if let decodedTitles, decodedTitles.json == titleJSON { return decodedTitles.titles }
        let titles = (try? JSONText.decode(LocalizedText.self, titleJSON)) ?? [:]
        decodedTitles = (titleJSON, titles)
        return titles
    }
    /// Only on activities loaded with their content (`CourseOutline.content`).
    var bodies: LocalizedText { (try? JSONText.decode(LocalizedText.self, bodyJSON)) ?? [:] }
    var quiz: QuizDefinition? { quizJSON.flatMap { try? JSONText.decode(QuizDefinition.self, $0) } }

    /// A step read without its content (`CourseOutline`): built from plain columns rather
    /// than through Fluent's reflection, which dominated the course page's profile.
    init(light row: LightRow) {
        self.id = row.id
        self.$id.exists = true
        self.$course.id = row.course_id
        self.$section.id = row.section_id
        self.key = row.key
        self.position = row.position
        self.kind = row.kind
        self.minutes = row.minutes
        self.required = row.required
        self.titleJSON = row.title
        self.retired = row.retired
    }

    struct LightRow: Decodable, Sendable {
        var id: UUID
        var course_id: UUID
        var section_id: UUID
        var key: String
        var position: Int
        var kind: ActivityKind
        var minutes: Int
        var required: Bool
        var title: String
        var retired: Bool
        static let columns = ["id", "course_id", "section_id", "key", "position", "kind", "minutes", "required", "title", "retired"]
    }

    /// Every field but the content, for lists.
    static func withoutContent(_ query: QueryBuilder<CourseActivity>) -> QueryBuilder<CourseActivity> {
        query.field(\.$id).field(\.$course.$id).field(\.$section.$id).field(\.$key).field(\.$position).field(\.$kind)
            .field(\.$minutes).field(\.$required).field(\.$titleJSON).field(\.$retired)
    }
}

// What the outline cache keeps between requests (`OutlineCache`): plain values, with the texts
// already decoded. Each request builds its own model instances from them, so no Fluent model
// (a class with lazily cached fields) is ever shared between two requests.
extension CourseSection {
    struct Snapshot: Sendable {
        var id: UUID
        var courseID: UUID
        var key: String
        var position: Int
        var textsJSON: String
        var texts: Texts
        var retired: Bool
    }

    var snapshot: Snapshot {
        Snapshot(id: id ?? UUID(), courseID: $course.id, key: key, position: position, textsJSON: textsJSON, texts: texts, retired: retired)
    }

    convenience init(snapshot: Snapshot) {
        self.init()
        id = snapshot.id
        $id.exists = true
        $course.id = snapshot.courseID
        key = snapshot.key
        position = snapshot.position
        textsJSON = snapshot.textsJSON
        retired = snapshot.retired
        decoded = (snapshot.textsJSON, snapshot.texts)
    }
}

extension CourseActivity {
    struct Snapshot: Sendable {
        var row: LightRow
        var titles: LocalizedText
    }

    /// Only of a step loaded without its content (`CourseOutline.load(content: false)`).
    var snapshot: Snapshot {
        Snapshot(
            row: LightRow(
                id: id ?? UUID(), course_id: $course.id, section_id: $section.id, key: key, position: position, kind: kind,
                minutes: minutes, required: required, title: titleJSON, retired: retired),
            titles: titles)
    }

    convenience init(snapshot: Snapshot) {
        self.init(light: snapshot.row)
        decodedTitles = (snapshot.row.title, snapshot.titles)
    }
}
