import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// A course's cohorts and the form to make one (coordinators).
enum CohortListPage {
    struct Row {
        var id: UUID
        var name: String
        var dates: String
        var facilitator: String
        var learners: Int
        var completed: Int
    }

    struct Model {
        var slug: String
        var courseTitle: String
        var cohorts: [Row]
        var networks: [(value: String, label: String)]
        var form = CohortController.CohortForm()
        var errors: [String: String] = [:]

        static func load(_ outline: CourseOutline, req: Request) async throws -> Model {
            let courseID = try outline.course.requireID()
            let cohorts = try await CourseCohort.query(on: req.db).filter(\.$course.$id == courseID).with(\.$facilitator).sort(\.$startsOn).all()
            let enrolments = try await CourseEnrolment.query(on: req.db).filter(\.$cohort.$id ~~ cohorts.compactMap(\.id)).all()
            let principal = try await req.principal()
            let networks = try await Network.query(on: req.db).sort(\.$name).all()
                .filter { network in principal.map { Policy.oversight($0).includes(network: network.id ?? UUID()) } ?? false }
            return Model(
                slug: outline.course.slug, courseTitle: outline.course.texts.title.text(req.localizer.language.rawValue, fallback: "en"),
                cohorts: cohorts.map { c in
                    let members = enrolments.filter { $0.$cohort.id == c.id }
                    return Row(id: c.id ?? UUID(), name: c.name, dates: c.startsOn + " – " + c.endsOn, facilitator: c.facilitator?.fullName ?? "",
                               learners: members.count, completed: members.filter { $0.completedAt != nil }.count)
                },
                networks: networks.map { (($0.id ?? UUID()).uuidString, $0.name) })
        }
    }

    static func view(_ context: PageContext, _ m: Model) -> HTML {
        let e = m.errors
        return Layout.page(
            context, title: context.t("Cohorts") + " · " + m.courseTitle,
            .p(.class("breadcrumb"), .a(.href(SiteURL.courses.path), .text(context.t("Courses"))), .text(" › "),
               .a(.href(SiteURL.course(.value(m.slug)).path), .text(m.courseTitle))),
            .h1(.text(context.t("Cohorts"))),
            .p(.class("lead"), .text(context.t("A cohort takes the course together, with dates and a facilitator who follows its progress and reads what its members share."))),
            .if(m.cohorts.isEmpty, .p(.text(context.t("This course has no cohorts yet.")))),
            .if(!m.cohorts.isEmpty, .table(
                .id("cohorts"), .class("data-table"),
                .thead(.tr(.th(.text(context.t("Cohort"))), .th(.text(context.t("Dates"))), .th(.text(context.t("Facilitator"))),
                           .th(.text(context.t("Learners"))), .th(.text(context.t("Completed"))))),
                .tbody(.forEach(m.cohorts) { c in
                    .tr(.td(.a(.href(SiteURL.cohort(.value(c.id)).path), .text(c.name))), .td(.text(c.dates)), .td(.text(c.facilitator)),
                        .td(.text(String(c.learners))), .td(.text(String(c.completed))))
                }))),
            .p(.a(.href(SiteURL.courseStatements(.value(m.slug)).path), .text(context.t("Download the learning records (xAPI statements, JSON)")))),
            .h2(.text(context.t("Form a cohort"))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("cohort-form"), .class("stack"), .method(.post), .action(SiteURL.courseCohorts(.value(m.slug)).path),
                Components.csrfField(context),
                Components.field(.init(id: "name", label: context.t("Name"), value: m.form.name ?? "", hint: context.t("For example: Pilot group of counsellors, spring"), error: e["name"])),
                Components.field(.init(id: "starts_on", label: context.t("First day"), type: .date, value: m.form.starts_on ?? "", error: e["starts_on"])),
                Components.field(.init(id: "ends_on", label: context.t("Last day"), type: .date, value: m.form.ends_on ?? "", error: e["ends_on"])),
                .if(m.networks.count > 1, Components.selectField(id: "network", label: context.t("Network"), options: m.networks, selected: m.form.network, error: e["network"])),
                Components.field(.init(id: "facilitator", label: context.t("Facilitator's e-mail address"), type: .email, value: m.form.facilitator ?? "",
                                       required: false, hint: context.t("They follow the cohort's progress: someone on the staff of the network's schools, or one of its coordinators."), error: e["facilitator"])),
                Components.textArea(id: "learners", label: context.t("Learners' e-mail addresses"), hint: context.t("One per line. Staff of the network's schools are enrolled and told so; anyone else is invited and joins only by accepting."),
                                    value: m.form.learners ?? "", rows: 6, error: e["learners"], language: nil),
                Components.submit(context.t("Form the cohort and enrol them"))
            )
        )
    }
}

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
        var reflections: [(task: String, peer: CourseStepPage.Peer)] = []
        var commentErrors: [UUID: String] = [:]

        static func load(_ cohort: CourseCohort, outline: CourseOutline, req: Request) async throws -> Model {
            let language = req.localizer.language.rawValue
            let cohortID = try cohort.requireID()
            let enrolments = try await CourseEnrolment.query(on: req.db).filter(\.$cohort.$id == cohortID).with(\.$user).all()
            let ids = enrolments.compactMap(\.id)
            let completions = try await ActivityCompletion.query(on: req.db).filter(\.$enrolment.$id ~~ ids).all()
            let firstAttempts = try await QuizAttempt.query(on: req.db).filter(\.$enrolment.$id ~~ ids).filter(\.$number == 1).all()
            let learners = enrolments.sorted { $0.user.familyName + $0.user.givenName < $1.user.familyName + $1.user.givenName }.map { e in
                let done = Set(completions.filter { $0.$enrolment.id == e.id }.map(\.$activity.id))
                let progress = CourseProgress(activities: outline.progressActivities, done: done)
                return Learner(name: e.user.fullName, sections: progress.sections.map(\.percent), percent: progress.percent, completed: e.completedAt)
            }
            let withQuizzes = try await CourseActivity.query(on: req.db).filter(\.$course.$id == outline.course.requireID())
                .filter(\.$kind == .quiz).filter(\.$retired == false).all()
            let quizzes = outline.activities.filter { $0.kind == .quiz }.compactMap { light -> Quiz? in
                guard let step = withQuizzes.first(where: { $0.id == light.id }) else { return nil }
                guard let quiz = step.quiz else { return nil }
                let ordered = firstAttempts.filter { $0.$activity.id == step.id }
                    .sorted { ($0.createdAt ?? .distantPast, $0.id?.uuidString ?? "") < ($1.createdAt ?? .distantPast, $1.id?.uuidString ?? "") }
                let results = ItemDifficulty.released(ordered, batch: minimumAttempts).compactMap(\.result)
                let shown = ItemDifficulty.shown(ItemDifficulty.items(quiz, firstAttempts: results), minimum: minimumAttempts)
                return Quiz(title: step.titles.text(language, fallback: "en"), attempts: results.count,
                            items: zip(quiz.questions, shown).map { question, percent in (question.text.text(language, fallback: "en"), percent) })
            }
            var evaluation: Model.Evaluation?
            if let survey = try await outline.course.$evaluationSurvey.get(on: req.db) {
                let principal = try await req.principal()
                let school = try await survey.$school.get(on: req.db)
                let resource = Policy.Resource.survey(schoolID: survey.$school.id, networkID: survey.$network.id, schoolNetworkID: school?.$network.id, open: survey.status == .open)
                let followed = try await CourseEvaluations.resource(surveyID: survey.requireID(), on: req.db)
                let mayRead = Policy.allows(principal, .manageSurvey, resource) || followed.map { Policy.allows(principal, .followCohort, $0) } ?? false
                evaluation = .init(reportURL: mayRead ? SiteURL.surveyReport(.value(try survey.requireID())).path : nil)
            }
            var shared: [(String, CourseStepPage.Peer)] = []
            if let principal = try await req.principal() {
                let members = try await CourseLearning.cohortMembers(cohortID, on: req.db)
                let reflections = try await CourseReflection.query(on: req.db).filter(\.$enrolment.$id ~~ ids).filter(\.$shared == true)
                    .sort(\.$updatedAt, .descending).all()
                    .filter { r in
                        let author = enrolments.first { $0.id == r.$enrolment.id }?.$user.id ?? UUID()
                        return Policy.allows(principal, .readReflection, .reflection(authorID: author, shared: r.shared, cohortMembers: members))
                    }
                let comments = try await ReflectionComment.query(on: req.db).filter(\.$reflection.$id ~~ reflections.compactMap(\.id)).sort(\.$createdAt)
                    .with(\.$author).all()
                shared = reflections.map { r in
                    let task = outline.activities.first { $0.id == r.$activity.id }?.titles.text(language, fallback: "en") ?? ""
                    let author = enrolments.first { $0.id == r.$enrolment.id }?.user.fullName ?? ""
                    return (task, CourseStepPage.Peer(id: r.id ?? UUID(), author: author, body: r.body,
                                                      comments: comments.filter { $0.$reflection.id == r.id }.map { ($0.author?.fullName ?? req.t("A former member"), $0.body) }))
                }
            }
            return Model(cohort: cohort, courseSlug: outline.course.slug, courseTitle: outline.course.texts.title.text(language, fallback: "en"),
                         sectionTitles: outline.sections.map { $0.texts.title.text(language, fallback: "en") },
                         learners: learners, quizzes: quizzes, evaluation: evaluation, reflections: shared)
        }
    }

    static func view(_ context: PageContext, _ m: Model) -> HTML {
        Layout.page(
            context, title: m.cohort.name,
            .p(.class("breadcrumb"), .a(.href(SiteURL.courses.path), .text(context.t("Courses"))), .text(" › "),
               .a(.href(SiteURL.course(.value(m.courseSlug)).path), .text(m.courseTitle))),
            .h1(.text(m.cohort.name)),
            .p(.class("lead"), .text(m.cohort.startsOn + " – " + m.cohort.endsOn
                + (m.cohort.facilitator.map { " · " + context.t("Facilitator: {name}.", ["name": $0.fullName]) } ?? ""))),
            .h2(.text(context.t("Progress"))),
            .if(m.learners.isEmpty, .p(.text(context.t("Nobody is enrolled in this cohort yet.")))),
            .if(!m.learners.isEmpty, .div(
                .class("table-scroll"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"),
                .attribute(named: "aria-label", value: context.t("Progress")),
                .table(
                    .id("cohort-progress"), .class("data-table"),
                    .thead(.tr(.th(.text(context.t("Learner"))),
                               .forEach(m.sectionTitles.indices) { i in .th(.attribute(named: "title", value: m.sectionTitles[i]), .text(context.t("Module {number}", ["number": String(i + 1)]))) },
                               .th(.text(context.t("Overall"))), .th(.text(context.t("Completed"))))),
                    .tbody(.forEach(m.learners) { l in
                        .tr(.td(.text(l.name)), .forEach(l.sections) { .td(.text("\($0)%")) }, .td(.text("\(l.percent)%")),
                            .td(.text(l.completed.map { context.localizer.date($0) } ?? "—")))
                    })))),
            .h2(.text(context.t("Quiz questions: how many got each right at the first attempt"))),
            .p(.text(context.t("A low share points to a question the lessons do not prepare well, or one that is worded unclearly. Figures count first attempts in whole groups of {count}, the earliest first, and are rounded, so that nobody's answers can be told apart, not even by watching who has just finished a quiz.",
                               ["count": String(minimumAttempts)]))),
            .forEach(m.quizzes) { q in
                .section(
                    .class("panel"),
                    .h3(.text(q.title)),
                    .p(.class("badge"), .text(q.attempts >= minimumAttempts
                        ? context.t("Enough first attempts to show, rounded to tens of percent.")
                        : context.t("Fewer than {count} first attempts so far.", ["count": String(minimumAttempts)]))),
                    .table(.class("data-table item-difficulty"),
                           .thead(.tr(.th(.text(context.t("Question"))), .th(.text(context.t("Right at the first attempt"))))),
                           .tbody(.forEach(q.items) { item in
                               .tr(.td(.text(item.text)), .td(.text(item.percent.map { "\($0)%" } ?? context.t("too few attempts to show"))))
                           }))
                )
            },
            .h2(.id("shared-reflections-title"), .text(context.t("Shared reflections"))),
            .if(m.reflections.isEmpty, .p(.text(context.t("No reflection has been shared with the cohort yet, or you are not one of its members: reflections are shared with the cohort's learners and its facilitator only.")))),
            .div(.id("cohort-reflections"),
                 .forEach(m.reflections) { item in
                     .article(
                         .class("peer-reflection panel"),
                         .h3(.text(item.peer.author + " · " + item.task)),
                         .p(.class("prewrap"), .text(item.peer.body)),
                         .if(!item.peer.comments.isEmpty, .ul(.class("comments"), .forEach(item.peer.comments) { c in
                             .li(.strong(.text(c.author + ": ")), .span(.class("prewrap"), .text(c.body)))
                         })),
                         .form(.class("stack comment-form"), .method(.post),
                               .action(SiteURL.cohortReflectionComments(.value(m.cohort.id ?? UUID()), .value(item.peer.id)).path),
                               Components.csrfField(context),
                               Components.textArea(id: "comment-" + item.peer.id.uuidString.lowercased(), label: context.t("Comment for {name}", ["name": item.peer.author]),
                                                   hint: nil, value: "", rows: 3, error: m.commentErrors[item.peer.id], language: nil, name: "body"),
                               .button(.type(.submit), .class("button-secondary"), .text(context.t("Comment"))))
                     )
                 }),
            .unwrap(m.evaluation) { e in
                .group(
                    .h2(.text(context.t("Course evaluation"))),
                    .p(.id("evaluation-note"), .text(context.t("Learners answer the evaluation anonymously, for the course as a whole rather than for this cohort. Its figures are shown once the evaluation survey has closed."))),
                    .unwrap(e.reportURL) { .p(.a(.href($0), .text(context.t("The evaluation report")))) }
                )
            }
        )
    }
}
