import Fluent
import Vapor

extension MentoringController {
    struct FeedbackForm: Content {
        var usefulness: String?
        var recommend: String?
        var improve: String?
    }

    /// Each person's short feedback when a mentoring pair has ended: stored without them.
    func feedback(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (engagement, participants) = try await req.engagementInPath(.writeNote)
        let id = try engagement.requireID(), userID = try user.requireID()
        guard engagement.form == .mentoring, engagement.status == .closed,
            let pair = try await ProgrammePair.query(on: req.db).filter(\.$engagement.$id == id).first()
        else {
            throw Abort(.conflict, reason: req.t("Feedback is given once a mentoring pair has ended."))
        }
        if try await MentoringForPractice.hasGivenFeedback(engagementID: id, userID: userID, on: req.db) {
            throw Abort(.conflict, reason: req.t("You have already given your feedback."))
        }
        let form = try req.content.decode(FeedbackForm.self)
        let improve = (form.improve ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let usefulness = Int(form.usefulness ?? ""), (1...5).contains(usefulness), ["yes", "no"].contains(form.recommend ?? ""),
            improve.count <= 1000
        else {
            let page = try await PracticeForMentoring.feedbackPage(
                engagement, participants: participants, error: req.t("Answer both questions; keep the last one under 1,000 characters."),
                principal: try await req.principal(), context: req.pageContext(), on: req.db)
            return req.render(page, status: .unprocessableEntity)
        }
        let programme = try await pair.$programme.get(on: req.db)
        let isManager = Policy.allows(try await req.principal(), .manageProgramme, try await MentoringService(db: req.db).resource(programme))
        let counts = try await FeedbackReleases.counts(userID: userID, isManager: isManager, programme: programme, on: req.db)
        let now = req.now
        try await req.db.transaction { db in
            try await FeedbackGiven(engagementID: id, userID: userID).save(on: db)
            // An answer the programme's managers could have supplied or know is kept out
            // of the figures altogether (issue 14, class 2): see `FeedbackReleases`.
            guard counts else { return }
            try await PairFeedback(programmeID: pair.$programme.id, usefulness: usefulness, recommend: form.recommend == "yes", improve: improve).save(on: db)
            try await FeedbackReleases.releaseIfDue(programmeID: pair.$programme.id, now: now, on: db)
        }
        return req.redirect(
            to: .engagement(.value(id)),
            notice: counts
                ? req.t("Thank you. Your feedback is kept without your name.")
                : req.t(
                    "Thank you. Your answer is not counted in the programme's figures: those count only colleagues who neither run the programme nor joined the school after it began, once each."
                ))
    }
}
