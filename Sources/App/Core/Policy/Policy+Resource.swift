import Foundation

extension Policy {
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
}
