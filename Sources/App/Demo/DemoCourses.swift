import Domain
import Fluent
import Foundation
import Vapor

/// The course in the demo: a network cohort of counsellors, psychologists and leaders
/// from four countries, facilitated by Inese (Valmiera). Five have finished (certificates,
/// evaluations answered), Līga is in module 3 with a failed first quiz attempt behind her,
/// Tamar is in module 2, Andris has just started (and, out of attempts at the first quiz,
/// has asked Inese for another); Ilze takes the course alone. Reflections
/// are shared in the cohort, with comments. Māris and Jānis are not enrolled: they see the
/// course as a newcomer does.
enum DemoCourses {
    struct Learner {
        var email: String
        /// How many steps, in course order, they have finished.
        var steps: Int
        var inCohort = true
        /// Failed the first quiz once before passing it.
        var failedFirstQuiz = false
        var language = "en"
    }

    static let learners: [Learner] = [
        Learner(email: "dace.krumina@riga.collegium.example", steps: .max, language: "lv"),
        Learner(email: "lucie.svobodova@brno.collegium.example", steps: .max, failedFirstQuiz: true),
        Learner(email: "chiara.ferri@bologna.collegium.example", steps: .max),
        Learner(email: "petra.novakova@brno.collegium.example", steps: .max),
        Learner(email: "giulia.romano@bologna.collegium.example", steps: .max, failedFirstQuiz: true),
        Learner(email: "liga.kalnina@riga.collegium.example", steps: 9, failedFirstQuiz: true, language: "lv"),
        Learner(email: "tamar.lomidze@tbilisi.collegium.example", steps: 5),
        Learner(email: "andris.zarins@valmiera.collegium.example", steps: 1, language: "lv"),
        Learner(email: "ilze.berzina@riga.collegium.example", steps: 8, inCohort: false, language: "lv"),
    ]

    /// Shared reflections, in the words of the people who wrote them.
    static let reflections: [String: (step: String, text: String)] = [
        "liga.kalnina@riga.collegium.example": (
            "why-reflection",
            "Mūsu skolā vientulība visvairāk jūtama sākumskolas skolotājiem otrajā stāvā: viņiem nav kopīgu starpbrīžu ar pārējiem, un jaunie kolēģi pirmajā gadā mēnešiem nerunā par stundām ar nevienu. Pirmais solis, ko varu spert kā konsultante: reizi mēnesī pusstunda \"pajautā kolēģim\" skolotāju istabā pirmdienās, kad nav sanāksmju. Jautājums, uz kuru vēl neatbildu: kā to sarunāt ar direktori, lai tā nekļūst par vēl vienu pienākumu."
        ),
        "lucie.svobodova@brno.collegium.example": (
            "forms-reflection",
            "In our school mentoring exists on paper: every new teacher is given a mentor, but the pairs rarely meet after October. Peer observation happens only when the inspection is due, so teachers experience it as appraisal. What is missing is something between the two: short, voluntary observations with a focus the observed teacher chooses. I would start with the three teachers who asked me this year how others handle the first lesson after a holiday."
        ),
        "chiara.ferri@bologna.collegium.example": (
            "culture-reflection",
            "It is safe to say \"I don't know\" among the primary teachers, less so in the lower secondary team, where meetings are about marks and results. The head never visits a lesson without a form in her hand. To separate support from appraisal I want to agree with her that observations between colleagues leave no paper with the school, and say so at the first staff meeting."
        ),
    ]

    static let comments: [(on: String, by: String, text: String)] = [
        (
            "liga.kalnina@riga.collegium.example", "dace.krumina@riga.collegium.example",
            "Man šķiet, ka pirmdienas pusstunda ir labs sākums. Varu nākt pirmajās reizēs, lai nav jāsāk vienai."
        ),
        (
            "liga.kalnina@riga.collegium.example", "inese.vitola@valmiera.collegium.example",
            "Ar direktori varētu sākt no tā, ko skolotāji paši minēja vajadzību aptaujā: tad tas nav jauns pienākums, bet atbilde uz viņu lūgumu."
        ),
        (
            "lucie.svobodova@brno.collegium.example", "chiara.ferri@bologna.collegium.example",
            "We had the same \"mentoring on paper\". What helped was fixing the first three meetings in the timetable before the school year starts."
        ),
    ]

    static func seed(_ app: Application, now: Date) async throws {
        let db = app.db
        guard let course = try await Course.query(on: db).filter(\.$slug == "leading-collegial-support").first(),
            let coordinator = try await User.query(on: db).filter(\.$email == "coordinator@collegium.example").first(),
            let facilitator = try await User.query(on: db).filter(\.$email == "inese.vitola@valmiera.collegium.example").first(),
            // The network of the facilitator's school: its staff join the cohort without an
            // invitation (issue 14, class 6), and it issues their certificates.
            let networkID = try await Membership.query(on: db).filter(\.$user.$id == facilitator.requireID()).with(\.$school).first()?.school.$network.id,
            let network = try await Network.find(networkID, on: db)
        else { return }
        let outline = try await CourseOutline.load(course, content: true, on: db)
        let config = app.config

        // The evaluation, made with the survey tool from its ready questionnaire.
        let definition = SurveyTemplates.definition(.courseEvaluation, app.questionnaireTranslations)
        let survey = try Survey(
            definition: definition, schoolID: nil, networkID: try network.requireID(), createdByID: try coordinator.requireID(),
            slug: "demo-course-evaluation", template: SurveyTemplates.Template.courseEvaluation.rawValue)
        survey.status = .open
        survey.anonymous = true
        survey.anonymityFixed = true
        survey.opensOn = CalendarDay(now.addingTimeInterval(-60 * 86_400)).description
        survey.closesOn = CalendarDay(now.addingTimeInterval(120 * 86_400)).description
        try await survey.save(on: db)
        course.$evaluationSurvey.id = try survey.requireID()
        try await course.save(on: db)

        let cohort = CourseCohort(
            courseID: try course.requireID(), name: "Pilot group: support staff and leaders, autumn 2026",
            startsOn: CalendarDay(now.addingTimeInterval(-56 * 86_400)).description, endsOn: CalendarDay(now.addingTimeInterval(35 * 86_400)).description,
            facilitatorID: facilitator.id, networkID: network.id, createdByID: coordinator.id)
        try await cohort.save(on: db)

        var random = SeededRandom(seed: 6)
        var reflectionIDs: [String: UUID] = [:]
        var finished = 0
        for (index, learner) in learners.enumerated() {
            guard let user = try await User.query(on: db).filter(\.$email == learner.email).first() else { continue }
            let learning = CourseLearning(db: db, config: config, now: now)
            let enrolment = try await learning.enrol(course, userID: try user.requireID(), cohortID: learner.inCohort ? cohort.id : nil)
            var statements = [
                try Statements.make(
                    .registered, user: user, course: course, activity: nil, language: learner.language, at: now, cohortID: enrolment.$cohort.id, config: config)
            ]
            var last: CourseActivity?
            for step in outline.activities.prefix(learner.steps) {
                last = step
                switch step.kind {
                case .lesson:
                    statements.append(
                        try Statements.make(
                            .completed, user: user, course: course, activity: step, language: learner.language, at: now, cohortID: enrolment.$cohort.id,
                            config: config))
                case .quiz:
                    guard let quiz = step.quiz else { continue }
                    // A first attempt with one question wrong now and then; a second that passes.
                    let stumble =
                        (learner.failedFirstQuiz && step.key == outline.activities.first { $0.kind == .quiz }?.key)
                        || Int.random(in: 0..<4, using: &random) == 0
                    var answers = Dictionary(uniqueKeysWithValues: quiz.questions.map { ($0.key, $0.correctKeys) })
                    if stumble {
                        for q in quiz.questions.shuffled(using: &random).prefix(learner.failedFirstQuiz ? 2 : 1) {
                            answers[q.key] = [q.options.first { !$0.correct }?.key ?? ""]
                        }
                        let first = try await learning.attempt(step, quiz: quiz, answers: answers, enrolment: enrolment).attempt
                        statements.append(
                            try Statements.make(
                                first.passed ? .passed : .failed, user: user, course: course, activity: step, score: first.score,
                                language: learner.language, at: now, cohortID: enrolment.$cohort.id, config: config))
                        if first.passed { break }
                    }
                    let right = try await learning.attempt(
                        step, quiz: quiz, answers: Dictionary(uniqueKeysWithValues: quiz.questions.map { ($0.key, $0.correctKeys) }),
                        enrolment: enrolment
                    ).attempt
                    statements.append(
                        try Statements.make(
                            .passed, user: user, course: course, activity: step, score: right.score,
                            language: learner.language, at: now, cohortID: enrolment.$cohort.id, config: config))
                case .reflection:
                    let own = reflections[learner.email]
                    let text = own?.step == step.key ? own!.text : privateReflection(step.key, learner.language)
                    let reflection = try await learning.reflect(step, body: text, shared: own?.step == step.key && learner.inCohort, enrolment: enrolment)
                    if own?.step == step.key { reflectionIDs[learner.email] = reflection.id }
                    statements.append(
                        try Statements.make(
                            .answered, user: user, course: course, activity: step, language: learner.language, at: now, cohortID: enrolment.$cohort.id,
                            config: config))
                }
                // The words a certificate earned through the page would carry, in the learner's language.
                let words = app.translator.localizer(for: Language(rawValue: learner.language) ?? .en)
                let issued = try await learning.finish(
                    step, enrolment: enrolment, outline: outline, user: user, language: learner.language,
                    criteria: words.t(
                        "Completed every required lesson, quiz and reflection task of the course (workload: {workload}).",
                        ["workload": CourseWorkload.text(outline.minutes, words)]))
                if issued != nil {
                    statements.append(
                        try Statements.make(
                            .completed, user: user, course: course, activity: nil, language: learner.language, at: now, cohortID: enrolment.$cohort.id,
                            config: config))
                    finished += 1
                    // Those who finished answered the evaluation.
                    try await SurveyParticipation(surveyID: try survey.requireID(), userID: try user.requireID()).save(on: db)
                    try await evaluation(survey, definition: definition, index: index, language: learner.language, now: now, on: db)
                }
            }
            if let last, learner.steps < outline.activities.count {
                enrolment.lastActivityID = last.id
                try await enrolment.save(on: db)
            }
            // Andris tried the first quiz without reading first, used both attempts, and asked
            // Inese for another: her cohort page shows the request.
            if learner.email == "andris.zarins@valmiera.collegium.example", let cohortID = cohort.id,
                let step = outline.activities.first(where: { $0.kind == .quiz }), let quiz = step.quiz
            {
                let wrong = Dictionary(uniqueKeysWithValues: quiz.questions.map { q in (q.key, Set([q.options.first { !$0.correct }?.key ?? ""])) })
                for _ in 0..<quiz.attempts { _ = try await learning.attempt(step, quiz: quiz, answers: wrong, enrolment: enrolment) }
                try await learning.requestAttempt(step, quiz: quiz, enrolment: enrolment, learnerName: user.fullName, link: .cohort(.value(cohortID)))
            }
            for statement in statements { try await statement.save(on: db) }
        }
        for comment in comments {
            guard let reflectionID = reflectionIDs[comment.on],
                let author = try await User.query(on: db).filter(\.$email == comment.by).first()
            else { continue }
            try await ReflectionComment(reflectionID: reflectionID, authorID: try author.requireID(), body: comment.text).save(on: db)
        }
        try await SurveyCounts.rebuild(survey, on: db)
        try await seedReviews(reviewer: coordinator, on: db)
        try await seedStudyGroup(course, on: db)
        app.logger.debug("Demo course: \(finished) certificates issued")
    }

    /// A learner's own reflection, kept private: short, in their language.
    static func privateReflection(_ key: String, _ language: String) -> String {
        language == "lv"
            ? "Pierakstu sev: mūsu skolā to varētu sākt ar vienu kolēģu grupu un pārrunāt ar vadību līdz semestra beigām. (\(key))"
            : "A note to myself: in our school this could start with one small group of colleagues, agreed with the leadership before the end of term. (\(key))"
    }

    /// One learner's anonymous evaluation.
    static func evaluation(_ survey: Survey, definition: SurveyDefinition, index: Int, language: String, now: Date, on db: any Database) async throws {
        let rows: [[String]] = [
            ["5", "4", "4", "5", "3", "4"], ["4", "4", "5", "4", "2", "5"], ["5", "5", "4", "5", "3", ""],
            ["4", "3", "4", "4", "3", "4"], ["5", "4", "3", "5", "4", "5"],
        ]
        let helped = [
            "Kursa grupas komentāri pie refleksijām — redzēju, ka citās skolās ir tās pašas grūtības.",
            "The reflection tasks: for the first time I wrote down what support already exists in my school.",
            "The lesson on separating support from appraisal; I used it at our staff meeting.",
            "Quizzes with scenarios rather than definitions.",
            "Hearing from colleagues in other countries in the cohort.",
        ]
        let row = rows[index % rows.count]
        var a: SurveyAnswers = [:]
        for (variable, value) in zip(["course_useful", "course_clear", "course_quizzes", "course_reflection", "course_time", "course_cohort"], row)
        where !value.isEmpty {
            a[variable] = value
        }
        a["recommend"] = row[0]
        for option in 1...7 { a["next_form_\(option)"] = [1, 3, 6].contains((option + index) % 7 + 1) ? "1" : "0" }
        a["helped"] = helped[index % helped.count]
        if index % 2 == 0 { a["change"] = "More time for module 4: the pilot and resistance need a second lesson." }
        try await SurveyResponse(
            surveyID: try survey.requireID(), submittedOn: CalendarDay(now.addingTimeInterval(-Double(index) * 86_400)).description,
            language: language, country: "", role: "", schoolID: nil, userID: nil,
            answers: definition.pruned(a), idempotencyKey: "demo-evaluation-\(index)"
        ).save(on: db)
    }

    /// Three courses offered elsewhere, reviewed by the coordinator (invented for the demo).
    static func seedReviews(reviewer: User, on db: any Database) async throws {
        let reviews: [(String, String, String, String, Int, String, [CourseReview.Form], String, String, String)] = [
            (
                "Mentoring new teachers (demo)", "A national teacher education centre (demo)", "lv, en",
                "Experienced teachers who will mentor a colleague in their first two years.", 36,
                "Six full days over a school year, with a mentoring log between them.",
                [.mentoring, .peerObservation], "Lectures and role play; each participant mentors a real colleague and brings the log to the next day.",
                "Practice with a real mentee; a clear model of a mentoring conversation; good material on observing a beginner's lesson.",
                "Nothing on how a school organises mentoring (time, matching, confidentiality); nothing for leaders."
            ),
            (
                "Coaching skills for school leaders (demo)", "An open online course of a university (demo)", "en",
                "School leaders and deputies.", 20, "Ten weeks, about two hours a week, online at one's own pace.",
                [.coaching], "Videos, readings and peer coaching in trios by video call.",
                "Well-made videos of coaching conversations; the trios make it practical.",
                "English only; coaching by a leader of their own staff is presented without discussing the conflict with appraisal."
            ),
            (
                "Supervision for school psychologists (demo)", "A professional association (demo)", "lv",
                "School psychologists and counsellors.", 48, "Eight sessions of six hours over two terms.",
                [.supervision, .intervision, .consultation], "Case work in small groups under a trained supervisor; a written case at the end.",
                "Real cases and a safe group; teaches a case protocol that can be used later in intervision.",
                "Open only to psychologists; nothing on bringing teachers into peer consultation."
            ),
        ]
        for r in reviews {
            let review = CourseReview()
            review.title = r.0; review.provider = r.1; review.url = ""; review.languages = r.2; review.audience = r.3
            review.hours = r.4; review.length = r.5; review.formsText = r.6.map(\.rawValue).joined(separator: ",")
            review.methods = r.7; review.strengths = r.8; review.gaps = r.9
            review.$reviewer.id = reviewer.id
            try await review.save(on: db)
        }
    }

    /// Rīga's support team takes the course together as a study group: Līga facilitates,
    /// Dace and Ilze are members; the group page shows how far each has got.
    static func seedStudyGroup(_ course: Course, on db: any Database) async throws {
        guard let school = try await School.query(on: db).filter(\.$code == "LV-RIGA-2").first(),
            let liga = try await User.query(on: db).filter(\.$email == "liga.kalnina@riga.collegium.example").first()
        else { return }
        let members = try await User.query(on: db).filter(\.$email ~~ ["dace.krumina@riga.collegium.example", "ilze.berzina@riga.collegium.example"]).all()
        let engagement = try await Groups.start(
            kind: .studyGroup, school: school, name: "Atbalsta komanda: kolēģu atbalsta vadīšanas kurss",
            purpose: "Kursu “Kolēģu atbalsta vadīšana jūsu skolā” ejam kopā: katru mēnesi viens modulis, sanāksmē pārrunājam pārdomas un nākamo soli skolā.",
            by: liga, members: Set(members.compactMap(\.id)), supervisor: nil, on: db)
        if let group = try await PracticeGroup.query(on: db).filter(\.$engagement.$id == engagement.requireID()).first() {
            group.courseID = course.id
            try await group.save(on: db)
        }
        // Līga and Dace show the group their progress; Ilze has not chosen to.
        try await CourseEnrolment.query(on: db).filter(\.$course.$id == course.requireID())
            .filter(\.$user.$id ~~ ([liga.id] + members.filter { $0.email.hasPrefix("dace") }.map(\.id)).compactMap { $0 })
            .set(\.$progressShared, to: true).update()
    }
}
