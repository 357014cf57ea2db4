import Domain
import Fluent
import Vapor

/// The learner's side of a cohort invitation: accept (and join, moving a course taken alone
/// into the cohort) or decline. Only the person the address belongs to (`Policy`).
extension CohortController {
    func acceptInvitation(req: Request) async throws -> Response {
        let (invitation, user) = try await loadInvitation(req)
        let cohort = try await invitation.$cohort.get(on: req.db)
        let course = try await cohort.$course.get(on: req.db)
        do {
            try await CohortInvitations.accept(invitation, userID: try user.requireID(), at: req.now, on: req.db)
        } catch CohortInvitations.Problem.inAnotherCohort {
            return req.redirect(
                to: .course(.value(course.slug)),
                notice: req.t("You are already in another cohort of this course, and stay there: what you shared was shared with it."))
        }
        return req.redirect(to: .course(.value(course.slug)), notice: req.t("You have joined the cohort “{name}”.", ["name": cohort.name]))
    }

    func declineInvitation(req: Request) async throws -> Response {
        let (invitation, _) = try await loadInvitation(req)
        try await CohortInvitations.decline(invitation, at: req.now, on: req.db)
        return req.redirect(to: .home, notice: req.t("You have declined the invitation. Nobody is enrolled on your behalf."))
    }

    /// A pending invitation, for the person whose address it names; any other answers 404.
    private func loadInvitation(_ req: Request) async throws -> (CohortInvitation, User) {
        let user = try req.requireUser()
        guard let invitation = try await CohortInvitation.find(try req.uuidParameter(SiteURL.idKey), on: req.db),
            invitation.status == .pending
        else { throw Abort(.notFound) }
        let invitee = try await User.query(on: req.db).filter(\.$email == invitation.email).first()
        try await req.authorize(.answerCohortInvitation, .cohortInvitation(inviteeID: invitee?.id))
        return (invitation, user)
    }
}
