import Domain
import Fluent
import Foundation

/// What a facilitator follows: each learner's progress by module, how hard each quiz
/// question was for the cohort, and the course evaluation.
enum CohortPage {
    /// Item difficulty is shown over first attempts in whole batches of this many (the
    /// platform's smallest group), rounded to tens of percent: with fewer, exact figures, or
    /// figures that moved with each attempt, a facilitator who saw one learner finish the
    /// quiz would learn how that person answered (`ItemDifficulty.released`).
    static let minimumAttempts = PrivacyThresholds.figures

    struct Learner {
        var name: String
        var sections: [Int]
        var percent: Int
        var completed: Date?
    }

    struct Quiz {
        var title: String
        var attempts: Int
        var items: [(text: String, percent: Int?)]
    }

    struct Model {
        var cohort: CourseCohort
        var courseSlug: String
        var courseTitle: String
        var sectionTitles: [String]
        var learners: [Learner]
        var quizzes: [Quiz]
        /// The evaluation's report, for those who may read it. How many of this cohort
        /// answered is not shown: beside named learners and their completion dates it would
        /// tell who answered, and a moving count with moving figures what (issue 14).
        var evaluation: Evaluation?
        struct Evaluation { var reportURL: String? }
        /// Reflections shared with the cohort, for its members (the facilitator among them);
        /// coordinators who are not members see none.
        var reflections: [Reflection] = []
        var commentErrors: [UUID: String] = [:]
        /// Learners who asked for another attempt at a quiz, for those who may give it.
        var attemptRequests: [AttemptRequest] = []
        struct AttemptRequest {
            var id: UUID
            var learner: String
            var quiz: String
            var asked: Date
        }

        /// One reflection shared with the cohort, with the comments on it.
        struct Reflection {
            /// The title of the task it answers.
            var task: String
            var id: UUID
            var author: String
            var body: String
            /// `author` is nil when the comment's writer has no account any more (the view
            /// says "A former member" in the reader's language).
            var comments: [(author: String?, body: String)]
        }

        /// `principal`: who reads (reflections are shown to the cohort's members only, the
        /// evaluation's report to those who may read it); `language`: the language of titles.
        static func load(
            _ cohort: CourseCohort, outline: CourseOutline, principal: Principal?, language: String,
            on db: any Database
        ) async throws -> Model {
            let cohortID = try cohort.requireID()
            let enrolments = try await CourseEnrolment.query(on: db).filter(\.$cohort.$id == cohortID).with(\.$user).all()
            let ids = enrolments.compactMap(\.id)
            let completions = try await ActivityCompletion.query(on: db).filter(\.$enrolment.$id ~~ ids).all()
            let firstAttempts = try await QuizAttempt.query(on: db).filter(\.$enrolment.$id ~~ ids).filter(\.$number == 1).all()
            let collation = Collation(languageCode: language)
            let byName = enrolments.sorted { a, b in
                collation.ascending([a.user.familyName, a.user.givenName], [b.user.familyName, b.user.givenName])
            }
            let learners = byName.map { e in
                let done = Set(completions.filter { $0.$enrolment.id == e.id }.map(\.$activity.id))
                let progress = CourseProgress(activities: outline.progressActivities, done: done)
                return Learner(name: e.user.fullName, sections: progress.sections.map(\.percent), percent: progress.percent, completed: e.completedAt)
            }
            let withQuizzes = try await CourseActivity.query(on: db).filter(\.$course.$id == outline.course.requireID())
                .filter(\.$kind == .quiz).filter(\.$retired == false).all()
            let quizzes = outline.activities.filter { $0.kind == .quiz }.compactMap { light -> Quiz? in
                guard let step = withQuizzes.first(where: { $0.id == light.id }) else { return nil }
                guard let quiz = step.quiz else { return nil }
                let ordered = firstAttempts.filter { $0.$activity.id == step.id }
                    .sorted { ($0.createdAt ?? .distantPast, $0.id?.uuidString ?? "") < ($1.createdAt ?? .distantPast, $1.id?.uuidString ?? "") }
                let results = ItemDifficulty.released(ordered, batch: minimumAttempts).compactMap(\.result)
                let shown = ItemDifficulty.shown(ItemDifficulty.items(quiz, firstAttempts: results), minimum: minimumAttempts)
                return Quiz(
                    title: step.titles.text(language, fallback: "en"), attempts: results.count,
                    items: zip(quiz.questions, shown).map { question, percent in (question.text.text(language, fallback: "en"), percent) })
            }
            var evaluation: Model.Evaluation?
            if let survey = try await outline.course.$evaluationSurvey.get(on: db) {
                let school = try await survey.$school.get(on: db)
                let resource = Policy.Resource.survey(
                    schoolID: survey.$school.id, networkID: survey.$network.id, schoolNetworkID: school?.$network.id, open: survey.status == .open)
                let followed = try await CourseEvaluations.resource(surveyID: survey.requireID(), on: db)
                let mayRead = Policy.allows(principal, .manageSurvey, resource) || followed.map { Policy.allows(principal, .followCohort, $0) } ?? false
                evaluation = .init(reportURL: mayRead ? SiteURL.surveyReport(.value(try survey.requireID())).path : nil)
            }
            var shared: [Reflection] = []
            if let principal {
                let members = try await CourseLearning.cohortMembers(cohortID, on: db)
                let reflections = try await CourseReflection.query(on: db).filter(\.$enrolment.$id ~~ ids).filter(\.$shared == true)
                    .sort(\.$updatedAt, .descending).all()
                    .filter { r in
                        let author = enrolments.first { $0.id == r.$enrolment.id }?.$user.id ?? UUID()
                        return Policy.allows(principal, .readReflection, .reflection(authorID: author, shared: r.shared, cohortMembers: members))
                    }
                let comments = try await ReflectionComment.query(on: db).filter(\.$reflection.$id ~~ reflections.compactMap(\.id)).sort(\.$createdAt)
                    .with(\.$author).all()
                shared = reflections.map { r in
                    let task = outline.activities.first { $0.id == r.$activity.id }?.titles.text(language, fallback: "en") ?? ""
                    let author = enrolments.first { $0.id == r.$enrolment.id }?.user.fullName ?? ""
                    return Reflection(
                        task: task, id: r.id ?? UUID(), author: author, body: r.body,
                        comments: comments.filter { $0.$reflection.id == r.id }.map { ($0.author?.fullName, $0.body) })
                }
            }
            var model = Model(
                cohort: cohort, courseSlug: outline.course.slug, courseTitle: outline.course.texts.title.text(language, fallback: "en"),
                sectionTitles: outline.sections.map { $0.texts.title.text(language, fallback: "en") },
                learners: learners, quizzes: quizzes, evaluation: evaluation, reflections: shared)
            if Policy.allows(principal, .grantQuizAttempt, .cohort(facilitatorID: cohort.$facilitator.id, networkID: cohort.$network.id)) {
                model.attemptRequests = try await CourseLearning.openRequests(cohortID: try cohort.requireID(), on: db).map {
                    AttemptRequest(
                        id: try $0.requireID(), learner: $0.enrolment.user.fullName, quiz: $0.activity.titles.text(language, fallback: "en"),
                        asked: $0.requestedAt)
                }
            }
            return model
        }
    }
}
