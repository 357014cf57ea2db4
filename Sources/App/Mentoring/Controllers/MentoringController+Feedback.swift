import Fluent
import Vapor

extension MentoringController {
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
        guard let answer = try req.content.decode(PairFeedbackForm.self).answer else {
            let page = try await PracticeForMentoring.feedbackPage(
                engagement, participants: participants, error: req.t("Answer both questions; keep the last one under 1,000 characters."),
                principal: try await req.principal(), context: req.pageContext(), now: req.now, on: req.db)
            return req.render(page, status: .unprocessableEntity)
        }
        let programme = try await pair.$programme.get(on: req.db)
        let isManager = Policy.allows(try await req.principal(), .manageProgramme, try await MentoringService(db: req.db).resource(programme))
        let counts = try await FeedbackReleases.counts(userID: userID, isManager: isManager, programme: programme, on: req.db)
        try await FeedbackReleases.record(
            answer, engagementID: id, userID: userID, programmeID: pair.$programme.id, counts: counts, now: req.now,
            on: req.db)
        return req.redirect(
            to: .engagement(.value(id)),
            notice: counts
                ? req.t("Thank you. Your feedback is kept without your name.")
                : req.t(
                    "Thank you. Your answer is not counted in the programme's figures: those count only colleagues who neither run the programme nor joined the school after it began, once each."
                ))
    }
}
