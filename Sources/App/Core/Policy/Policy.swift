import Domain
import Foundation
import Vapor

/// The one place that decides who may do what. Handlers ask it before they act
/// (`try await req.authorize(.manageStaff, .school(school))`) and scope their queries
/// with `Policy.visibleSchools`; they never filter rows by hand. Tested as a matrix of
/// role × action × owner in `PolicyTests`.
enum Policy {
    enum Action: String, CaseIterable, Sendable {
        /// See that the thing exists and its basic details.
        case view
        /// See who belongs to a school and their roles.
        case viewMembers
        /// Invite and import staff, see pending invitations.
        case manageStaff
        /// End a new member's cooling-off before colleagues' waiting questions reach them: the
        /// coordinators of the school's network, never its leader (issue 14, class 5).
        case clearNewStaff
        /// Create networks and schools, change any school: the instance's administration.
        case administer
        /// See the guarded well-being figures of a school or network (never a person's).
        case viewWellbeingFigures
        /// Set a school's check-in cadence, minimum group and help lines.
        case manageWellbeing
        /// Read handbook chapters.
        case readHandbook
        /// Edit chapters, restore revisions, make chapters public, see translation status.
        case editHandbook
        /// See how much collegial support goes on in a school: counts only, never who or what.
        case viewPracticeCounts
        /// Start a mentoring programme for a school (its leader) or a network (its coordinator).
        case createProgramme
        /// Run a programme: invite, match, publish, see how pairs are doing (never their notes).
        case manageProgramme
        /// Take part in a programme: fill one's profile, accept or decline one's pair.
        case takePartInProgramme
        /// Ask colleagues of a school for help (any member of the school).
        case askForHelp
        /// Offer to answer requests on some topics in a school (members other than leaders).
        case volunteer
        /// See an open ask-a-colleague request.
        case seeHelpRequest
        /// Take a request: it becomes an engagement between the asker and the one who took it.
        case takeHelpRequest
        /// Withdraw one's own request.
        case withdrawHelpRequest
        /// Start a peer observation cycle in a school, or be invited to observe (members other
        /// than leaders: an observation between colleagues is never an appraisal).
        case startObservation
        /// Offer to coach colleagues of a school (members other than leaders).
        case offerCoaching
        /// Ask for coaching in a school (any member).
        case requestCoaching
        /// See a coaching request.
        case seeCoachingRequest
        /// Accept a coaching request, or pass it to another coach.
        case respondToCoachingRequest
        /// Withdraw one's own coaching request.
        case withdrawCoachingRequest
        /// See an engagement: who takes part, what it is about, its shared notes.
        case viewEngagement
        /// Add a note to an engagement, or close it.
        case writeNote
        /// Read one note.
        case readNote
        /// Read a meeting's agenda: the engagement's participants; in a supervision or
        /// intervision group, only those who agreed to its confidentiality, since an agenda
        /// names the cases to be brought (issue 14, class 5). The time and place stay visible.
        case readAgenda
        /// Start a study group in a school (any member: learning together is open to all).
        case startStudyGroup
        /// Start a supervision or intervision group in a school, or be invited to one
        /// (members other than leaders: cases are confidential among peers).
        case startCaseGroup
        /// Agree to a supervision or intervision group's confidentiality (its members, once).
        case agreeToConfidentiality
        /// Run a group: record attendance, start a case session. The facilitator of a study
        /// group, the supervisor of a supervision group, any member of an intervision group
        /// (the role rotates), always after agreeing to confidentiality where it applies.
        case leadGroup
        /// Move a case session through its steps: the facilitator of that session only.
        case runCaseSession
        /// Make a survey for a school (its leader) or a network (its coordinator).
        case createSurvey
        /// Design, publish, close a survey and read its report.
        case manageSurvey
        /// Answer a survey (anyone with its link, while it is open).
        case answerSurvey
        /// Write an observation protocol for one's school (any member: it is a tool for
        /// colleagues, and it never holds a score).
        case addObservationProtocol
        /// Stop offering a school's protocol: its author, while a member of the school.
        case retireObservationProtocol
        /// Enrol in a published course and take it (anyone signed in; authors also preview drafts).
        case takeCourse
        /// Write and revise courses, reorder their parts, publish them (coordinators: they
        /// publish the course for their networks, as they do the handbook).
        case authorCourse
        /// Form cohorts of a course, enrol people into them, revoke certificates.
        case manageCohort
        /// Follow a cohort: its learners' progress, item difficulty, the evaluation report
        /// (its facilitator, and the coordinators of its network).
        case followCohort
        /// Read a reflection: its author, or the members of its cohort when it is shared.
        case readReflection
        /// Comment on a shared reflection: the members of its cohort.
        case commentOnReflection
        /// See one's quiz attempts and answers: the learner alone.
        case viewQuizAttempts
        /// Accept or decline an invitation to a cohort: the person it was sent to alone,
        /// whatever their rank (nobody joins a cohort on someone else's word).
        case answerCohortInvitation

        /// Actions on the support between colleagues: decided by who takes part, never by
        /// rank. An admin or leader gets no way in (notes and requests are confidential).
        var isPractice: Bool {
            [.askForHelp, .volunteer, .seeHelpRequest, .takeHelpRequest, .withdrawHelpRequest,
             .startObservation, .offerCoaching, .requestCoaching, .seeCoachingRequest, .respondToCoachingRequest, .withdrawCoachingRequest,
             .viewEngagement, .writeNote, .readNote, .readAgenda, .startStudyGroup, .startCaseGroup, .agreeToConfidentiality,
             .leadGroup, .runCaseSession, .addObservationProtocol, .retireObservationProtocol,
             .readReflection, .commentOnReflection, .viewQuizAttempts, .answerCohortInvitation].contains(self)
        }
    }

    enum Resource: Sendable {
        case instance
        case network(id: UUID)
        case school(id: UUID, networkID: UUID?)
        /// The instance's handbook, or one of its chapters (public: readable without login).
        case handbook(isPublic: Bool)
        /// An ask-a-colleague request, with what the policy needs to know about it and
        /// about the person asking (whether they volunteer for its topic in its school).
        case helpRequest(schoolID: UUID, askerID: UUID, takenByID: UUID?, viewerVolunteers: Bool)
        /// A mentoring programme: its school or network, and its members.
        case programme(schoolID: UUID?, networkID: UUID?, schoolNetworkID: UUID?, members: Set<UUID>)
        /// A coaching request: its school, who asks, the coach it is addressed to (nil: any),
        /// and whether the person asking the policy coaches in that school.
        case coachingRequest(schoolID: UUID, requesterID: UUID, coachID: UUID?, viewerCoaches: Bool)
        /// An engagement, by the people taking part in it (and, for a group, who agreed to
        /// its confidentiality and who leads it).
        case engagement(participants: Set<UUID>, group: GroupAccess? = nil)
        /// A note in an engagement (or an entry of a case session, always shared).
        case engagementNote(participants: Set<UUID>, authorID: UUID, shared: Bool, group: GroupAccess? = nil)
        /// A case session of a supervision or intervision group.
        case caseSession(facilitatorID: UUID?, group: GroupAccess)
        /// An observation protocol written by a school.
        case observationProtocol(schoolID: UUID, authorID: UUID?)
        /// A survey of a school or a network, and whether it takes answers now.
        case survey(schoolID: UUID?, networkID: UUID?, schoolNetworkID: UUID?, open: Bool)
        /// A course of the catalogue (one catalogue per instance).
        case course(published: Bool)
        /// A cohort of a course: who facilitates it and the network it belongs to.
        case cohort(facilitatorID: UUID?, networkID: UUID?)
        /// A learner's reflection: its author, whether it is shared, and the cohort's
        /// members (its learners and facilitator) when the author is in one.
        case reflection(authorID: UUID, shared: Bool, cohortMembers: Set<UUID>)
        /// A learner's quiz attempts.
        case quizAttempts(learnerID: UUID)
        /// The reviews of courses offered elsewhere: read by anyone signed in (leaders choose
        /// training with them), written by coordinators.
        case courseReviews
        /// A survey that is the evaluation of a course, by that course's cohorts: whoever may
        /// follow one of them reads its (guarded) report.
        case courseEvaluation(cohorts: [CohortAccess])
        /// A certificate, by the network that issued it (that of the cohort its holder finished
        /// in; nil: taken alone): revoked by that network's coordinators only, never by a
        /// network that moved the holder or that a school of theirs belongs to (issue 14, class 6).
        case credential(issuingNetwork: UUID?)
        /// An invitation to join a cohort, by the account its address belongs to (nil: none).
        case cohortInvitation(inviteeID: UUID?)

        /// The support between colleagues and a learner's own work: questions, coaching
        /// requests, engagements and their notes, case sessions, reflections, quiz attempts and
        /// invitations to a cohort. Only practice actions are decided on them (`allowsPractice`).
        var isConfidential: Bool {
            switch self {
            case .helpRequest, .coachingRequest, .engagement, .engagementNote, .caseSession, .reflection, .quizAttempts, .cohortInvitation:
                true
            case .instance, .network, .school, .handbook, .programme, .observationProtocol, .survey, .course, .cohort,
                 .courseReviews, .courseEvaluation, .credential:
                false
            }
        }
    }

    /// Who facilitates a cohort and the network it belongs to.
    struct CohortAccess: Sendable {
        var facilitatorID: UUID?
        var networkID: UUID?
    }

    /// What the policy needs to know about a study, supervision or intervision group.
    struct GroupAccess: Sendable {
        /// Supervision and intervision: nothing is read or written before agreeing.
        var confidential: Bool
        /// The members who agreed to confidentiality.
        var agreed: Set<UUID>
        /// Who may lead: facilitators, supervisors, or every member of an intervision group.
        var leads: Set<UUID>

        /// Whether `userID` may read and write the group's notes, among its participants.
        func admits(_ userID: UUID) -> Bool { !confidential || agreed.contains(userID) }
    }

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
            return action == .followCohort && cohorts.contains { Self.allows(principal, .followCohort, .cohort(facilitatorID: $0.facilitatorID, networkID: $0.networkID)) }
        case .credential(let network):
            return action == .manageCohort && network.map(principal.coordinatedNetworks.contains) ?? false
        case .cohortInvitation:
            return false  // the invitee's alone: decided in `allowsPractice`, confidential above
        case .courseReviews:
            return action == .view || (action == .authorCourse && !principal.coordinatedNetworks.isEmpty)
        case .cohort(let facilitatorID, let networkID):
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
            return [.view, .viewWellbeingFigures, .viewPracticeCounts, .createProgramme, .createSurvey].contains(action) && principal.coordinatedNetworks.contains(id)
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
            case .administer, .readHandbook, .editHandbook:
                return false
            case .askForHelp, .volunteer, .seeHelpRequest, .takeHelpRequest, .withdrawHelpRequest,
                 .startObservation, .offerCoaching, .requestCoaching, .seeCoachingRequest, .respondToCoachingRequest, .withdrawCoachingRequest,
                 .viewEngagement, .writeNote, .readNote, .readAgenda, .startStudyGroup, .startCaseGroup, .agreeToConfidentiality,
                 .leadGroup, .runCaseSession, .addObservationProtocol, .retireObservationProtocol,
                 .readReflection, .commentOnReflection, .viewQuizAttempts, .answerCohortInvitation:
                return false  // decided in `allowsPractice`
            case .takeCourse, .authorCourse, .manageCohort, .followCohort:
                return false
            }
        }
    }

    /// Support between colleagues: only the people concerned, whatever their rank.
    private static func allowsPractice(_ principal: Principal, _ action: Action, _ resource: Resource) -> Bool {
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

    /// Which schools a query may return for this person.
    enum SchoolScope: Equatable {
        case all
        case some(schoolIDs: Set<UUID>, networkIDs: Set<UUID>)
    }

    static func visibleSchools(_ principal: Principal) -> SchoolScope {
        principal.isAdmin ? .all : .some(schoolIDs: Set(principal.schoolRoles.keys), networkIDs: principal.coordinatedNetworks)
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
