import Domain
import Foundation
import Vapor

/// The one place that decides who may do what. Handlers ask it before they act
/// (`try await req.authorize(.manageStaff, .school(school))`) and scope their queries
/// with `Policy.visibleSchools`; they never filter rows by hand. Tested as a matrix of
/// role × action × owner in `PolicyTests`.
///
/// One file per concern: the actions (`Policy+Action`), the resources (`Policy+Resource`),
/// the support between colleagues (`Policy+Practice`) and which rows a list may hold
/// (`Policy+Scope`). This file decides everything else and says how a denial answers.
enum Policy {
    static func allows(_ principal: Principal?, _ action: Action, _ resource: Resource) -> Bool {
        // The handbook is the one resource visitors may read: its public chapters.
        if case .handbook(let isPublic) = resource, action == .readHandbook {
            return isPublic || principal != nil
        }
        // A survey is answered through its link, by anyone who has it, while it is open.
        if case .survey(_, _, _, let open) = resource, action == .answerSurvey { return open }
        // The catalogue is public: anyone may read what a published course offers.
        if case .course(let published) = resource, action == .view, published { return true }
        guard let principal else { return false }
        if action.isPractice { return allowsPractice(principal, action, resource) }
        // What colleagues share in confidence is decided by who takes part alone: no other
        // action reaches it, an admin's neither. Handlers ask practice actions there, but a
        // `view` asked by mistake must not open a question or a note to the admin shortcut.
        if resource.isConfidential { return false }
        if principal.isAdmin { return true }
        switch resource {
        case .instance, .observationProtocol:
            return false
        case .helpRequest, .coachingRequest, .engagement, .engagementNote, .caseSession, .reflection, .quizAttempts:
            return false  // confidential: answered above
        case .course(let published):
            let authors = !principal.coordinatedNetworks.isEmpty
            switch action {
            case .view, .takeCourse: return published || authors
            case .authorCourse, .manageCohort: return authors
            default: return false
            }
        case .courseEvaluation(let cohorts):
            return action == .followCohort
                && cohorts.contains { Self.allows(principal, .followCohort, .cohort(facilitatorID: $0.facilitatorID, networkID: $0.networkID)) }
        case .credential(let network):
            return action == .manageCohort && network.map(principal.coordinatedNetworks.contains) ?? false
        case .cohortInvitation:
            return false  // the invitee's alone: decided in `allowsPractice`, confidential above
        case .courseReviews:
            return action == .view || (action == .authorCourse && !principal.coordinatedNetworks.isEmpty)
        case .cohort(let facilitatorID, let networkID):
            // Another attempt is the facilitator's to give (who failed is not for every
            // coordinator to learn); the network's coordinators give it when there is none.
            if action == .grantQuizAttempt {
                if let facilitatorID { return facilitatorID == principal.userID }
                return networkID.map(principal.coordinatedNetworks.contains) ?? false
            }
            guard action == .followCohort || action == .view else { return false }
            return facilitatorID == principal.userID || networkID.map(principal.coordinatedNetworks.contains) ?? false
        case .survey(let schoolID, let networkID, let schoolNetworkID, _):
            guard action == .manageSurvey || action == .view else { return false }
            let leads = schoolID.map { principal.schoolRoles[$0] == .leader } ?? false
            return leads || [networkID, schoolNetworkID].compactMap { $0 }.contains { principal.coordinatedNetworks.contains($0) }
        case .programme(let schoolID, let networkID, let schoolNetworkID, let members):
            switch action {
            case .manageProgramme, .view:
                let leads = schoolID.map { principal.schoolRoles[$0] == .leader } ?? false
                let coordinates = [networkID, schoolNetworkID].compactMap { $0 }.contains { principal.coordinatedNetworks.contains($0) }
                return leads || coordinates || (action == .view && members.contains(principal.userID))
            case .takePartInProgramme:
                return members.contains(principal.userID)
            default:
                return false
            }
        case .handbook:
            // Coordinators publish the handbook for their networks (PRODUCT.md); one
            // handbook serves the whole instance.
            return action == .editHandbook && !principal.coordinatedNetworks.isEmpty
        case .network(let id):
            return [.view, .viewWellbeingFigures, .viewPracticeCounts, .createProgramme, .createSurvey, .manageNetwork].contains(action)
                && principal.coordinatedNetworks.contains(id)
        case .school(let id, let networkID):
            let coordinates = networkID.map(principal.coordinatedNetworks.contains) ?? false
            let role = principal.schoolRoles[id]
            switch action {
            case .view, .viewMembers:
                return role != nil || coordinates
            case .manageStaff, .viewWellbeingFigures, .viewPracticeCounts:
                return role == .leader || coordinates
            case .clearNewStaff:
                return coordinates
            case .createProgramme, .createSurvey:
                return role == .leader
            case .manageProgramme, .takePartInProgramme, .manageSurvey, .answerSurvey:
                return false
            case .manageWellbeing:
                return role == .leader
            case .administer, .manageNetwork, .readHandbook, .editHandbook:
                return false
            case .askForHelp, .volunteer, .seeHelpRequest, .takeHelpRequest, .withdrawHelpRequest,
                .startObservation, .offerCoaching, .requestCoaching, .seeCoachingRequest, .respondToCoachingRequest, .withdrawCoachingRequest,
                .viewEngagement, .writeNote, .readNote, .readAgenda, .startStudyGroup, .startCaseGroup, .agreeToConfidentiality,
                .leadGroup, .runCaseSession, .addObservationProtocol, .retireObservationProtocol,
                .readReflection, .commentOnReflection, .viewQuizAttempts, .answerCohortInvitation:
                return false  // decided in `allowsPractice`
            case .takeCourse, .authorCourse, .manageCohort, .followCohort, .grantQuizAttempt:
                return false
            }
        }
    }

    /// Denials of things the person may not even see answer 404, so that a leader of
    /// one school cannot learn which other schools exist; other denials answer 403.
    static func denialStatus(_ principal: Principal?, _ resource: Resource) -> HTTPResponseStatus {
        if case .instance = resource { return principal == nil ? .unauthorized : .forbidden }
        if case .handbook = resource { return allows(principal, .readHandbook, resource) ? .forbidden : .notFound }
        if case .helpRequest = resource { return allows(principal, .seeHelpRequest, resource) ? .forbidden : .notFound }
        if case .engagement = resource { return allows(principal, .viewEngagement, resource) ? .forbidden : .notFound }
        if case .coachingRequest = resource { return allows(principal, .seeCoachingRequest, resource) ? .forbidden : .notFound }
        if case .programme = resource { return allows(principal, .view, resource) ? .forbidden : .notFound }
        if case .survey = resource { return allows(principal, .view, resource) ? .forbidden : .notFound }
        if case .engagementNote = resource { return .notFound }
        if case .caseSession = resource { return .forbidden }
        if case .course = resource { return allows(principal, .view, resource) ? .forbidden : .notFound }
        if case .cohort = resource { return allows(principal, .view, resource) ? .forbidden : .notFound }
        if case .courseReviews = resource { return principal == nil ? .unauthorized : .forbidden }
        if case .credential = resource { return principal == nil ? .unauthorized : .forbidden }
        if case .cohortInvitation = resource { return .notFound }
        if case .courseEvaluation = resource { return .notFound }
        if case .reflection = resource { return .notFound }
        if case .quizAttempts = resource { return .notFound }
        if case .observationProtocol(let schoolID, _) = resource {
            return principal.map { $0.schoolRoles[schoolID] != nil } ?? false ? .forbidden : .notFound
        }
        return allows(principal, .view, resource) ? .forbidden : .notFound
    }
}

extension School {
    var policyResource: Policy.Resource { .school(id: id ?? UUID(), networkID: $network.id) }
}

extension Request {
    /// Throws the fitting denial (see `Policy.denialStatus`) unless the policy allows it.
    func authorize(_ action: Policy.Action, _ resource: Policy.Resource) async throws {
        let principal = try await principal()
        guard Policy.allows(principal, action, resource) else {
            if principal == nil { _ = try requireUser() }
            throw Abort(Policy.denialStatus(principal, resource))
        }
    }
}
