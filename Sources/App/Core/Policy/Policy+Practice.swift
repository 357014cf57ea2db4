import Domain
import Foundation

extension Policy {
    /// Support between colleagues: only the people concerned, whatever their rank.
    static func allowsPractice(_ principal: Principal, _ action: Action, _ resource: Resource) -> Bool {
        switch (action, resource) {
        case (.askForHelp, .school(let id, _)):
            return principal.schoolRoles[id] != nil
        case (.volunteer, .school(let id, _)):
            return principal.schoolRoles[id].map { $0 != .leader } ?? false
        case (.seeHelpRequest, .helpRequest(let schoolID, let askerID, let takenByID, let volunteers)):
            // A colleague's waiting question reaches only those settled in their role.
            return takenByID == principal.userID || askerID == principal.userID
                || (principal.isSettled(in: schoolID)
                    && HelpRequestRules.maySee(role: principal.schoolRoles[schoolID], volunteersForTopic: volunteers, isAsker: false))
        case (.takeHelpRequest, .helpRequest(let schoolID, let askerID, _, let volunteers)):
            return askerID != principal.userID && principal.isSettled(in: schoolID)
                && HelpRequestRules.maySee(role: principal.schoolRoles[schoolID], volunteersForTopic: volunteers, isAsker: false)
        case (.withdrawHelpRequest, .helpRequest(_, let askerID, _, _)):
            return askerID == principal.userID
        case (.startObservation, .school(let id, _)):
            return principal.schoolRoles[id].map { $0 != .leader } ?? false
        case (.offerCoaching, .school(let id, _)):
            return principal.schoolRoles[id].map { $0 != .leader } ?? false
        case (.requestCoaching, .school(let id, _)):
            return principal.schoolRoles[id] != nil
        case (.seeCoachingRequest, .coachingRequest(let schoolID, let requesterID, let coachID, let viewerCoaches)):
            // A request open to any coach waits like a question: only for coaches settled in their role.
            return requesterID == principal.userID || coachID == principal.userID
                || (coachID == nil && viewerCoaches && principal.isSettled(in: schoolID)
                    && principal.schoolRoles[schoolID].map { $0 != .leader } ?? false)
        case (.respondToCoachingRequest, .coachingRequest(let schoolID, let requesterID, let coachID, let viewerCoaches)):
            return requesterID != principal.userID && viewerCoaches && principal.schoolRoles[schoolID].map { $0 != .leader } ?? false
                && (coachID == principal.userID || (coachID == nil && principal.isSettled(in: schoolID)))
        case (.withdrawCoachingRequest, .coachingRequest(_, let requesterID, _, _)):
            return requesterID == principal.userID
        case (.startStudyGroup, .school(let id, _)):
            return principal.schoolRoles[id] != nil
        case (.startCaseGroup, .school(let id, _)):
            return principal.schoolRoles[id].map { $0 != .leader } ?? false
        case (.viewEngagement, .engagement(let participants, _)):
            return participants.contains(principal.userID)
        case (.writeNote, .engagement(let participants, let group)), (.readAgenda, .engagement(let participants, let group)):
            return participants.contains(principal.userID) && (group?.admits(principal.userID) ?? true)
        case (.agreeToConfidentiality, .engagement(let participants, let group)):
            guard let group, group.confidential else { return false }
            return participants.contains(principal.userID) && !group.agreed.contains(principal.userID)
        case (.leadGroup, .engagement(let participants, let group)):
            guard let group else { return false }
            return participants.contains(principal.userID) && group.leads.contains(principal.userID) && group.admits(principal.userID)
        case (.addObservationProtocol, .school(let id, _)):
            return principal.schoolRoles[id] != nil
        case (.retireObservationProtocol, .observationProtocol(let schoolID, let authorID)):
            return authorID == principal.userID && principal.schoolRoles[schoolID] != nil
        case (.runCaseSession, .caseSession(let facilitatorID, let group)):
            return facilitatorID == principal.userID && group.agreed.contains(principal.userID)
        case (.readReflection, .reflection(let authorID, let shared, let members)):
            return authorID == principal.userID || (shared && members.contains(principal.userID))
        case (.commentOnReflection, .reflection(_, let shared, let members)):
            return shared && members.contains(principal.userID)
        case (.viewQuizAttempts, .quizAttempts(let learnerID)):
            return learnerID == principal.userID
        case (.answerCohortInvitation, .cohortInvitation(let inviteeID)):
            return inviteeID == principal.userID
        case (.readNote, .engagementNote(let participants, let authorID, let shared, let group)):
            guard group?.admits(principal.userID) ?? true else { return false }
            return authorID == principal.userID || (shared && participants.contains(principal.userID))
        default:
            return false
        }
    }
}
