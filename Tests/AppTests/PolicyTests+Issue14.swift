import Domain
import Foundation
import Testing

@testable import App

/// Issue 14, classes 5 and 6: roles as a way around the Policy, cohorts across networks.
extension PolicyTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let day: TimeInterval = 86_400

    /// Someone whose role in school A began at `start`, asking at `now`.
    static func newcomer(_ role: SchoolRole, now: Date, id: UUID = UUID()) -> Principal {
        Principal(
            userID: id, isAdmin: false, schoolRoles: [schoolA: role], coordinatedNetworks: [],
            roleSince: [schoolA: start], now: now)
    }

    @Test("A new counsellor (or volunteer) sees colleagues' waiting questions only after the cooling-off; their own and those they took at once")
    func coolingOffForQuestions() {
        let asker = UUID()
        func request(volunteers: Bool = false, askerID: UUID = asker, takenBy: UUID? = nil) -> Policy.Resource {
            .helpRequest(schoolID: Self.schoolA, askerID: askerID, takenByID: takenBy, viewerVolunteers: volunteers)
        }
        let early = Self.newcomer(.counsellor, now: Self.start.addingTimeInterval(13 * Self.day))
        #expect(!Policy.allows(early, .seeHelpRequest, request()), "a new counsellor: not yet")
        #expect(!Policy.allows(early, .takeHelpRequest, request()))
        let volunteer = Self.newcomer(.teacher, now: Self.start.addingTimeInterval(Self.day))
        #expect(!Policy.allows(volunteer, .seeHelpRequest, request(volunteers: true)), "a new member volunteering: not yet")
        #expect(Policy.allows(early, .seeHelpRequest, request(askerID: early.userID)), "one's own question, always")
        #expect(Policy.allows(early, .seeHelpRequest, request(takenBy: early.userID)), "a question one took, always")
        let settled = Self.newcomer(.counsellor, now: Self.start.addingTimeInterval(14 * Self.day))
        #expect(Policy.allows(settled, .seeHelpRequest, request()))
        #expect(Policy.allows(settled, .takeHelpRequest, request()))
        // Cleared by a coordinator: the record holds no start date any more (see `Principal.load`).
        var cleared = early
        cleared.roleSince = [:]
        #expect(Policy.allows(cleared, .seeHelpRequest, request()))
        // A wait in another school does not hold back a settled role here.
        var elsewhere = early
        elsewhere.roleSince = [Self.schoolB: Self.start]
        #expect(Policy.allows(elsewhere, .seeHelpRequest, request()))
    }

    @Test("A new coach sees coaching requests open to any coach only after the cooling-off; one addressed to them at once")
    func coolingOffForCoaching() {
        let requester = UUID()
        let early = Self.newcomer(.counsellor, now: Self.start.addingTimeInterval(Self.day))
        let open = Policy.Resource.coachingRequest(schoolID: Self.schoolA, requesterID: requester, coachID: nil, viewerCoaches: true)
        let toMe = Policy.Resource.coachingRequest(schoolID: Self.schoolA, requesterID: requester, coachID: early.userID, viewerCoaches: true)
        #expect(!Policy.allows(early, .seeCoachingRequest, open))
        #expect(!Policy.allows(early, .respondToCoachingRequest, open))
        #expect(Policy.allows(early, .seeCoachingRequest, toMe))
        #expect(Policy.allows(early, .respondToCoachingRequest, toMe))
        let settled = Self.newcomer(.counsellor, now: Self.start.addingTimeInterval(15 * Self.day))
        #expect(Policy.allows(settled, .seeCoachingRequest, open))
    }

    @Test("Only the coordinators of the school's network (and admins) end a newcomer's wait; never the leader")
    func clearNewStaff() {
        for who in Who.allCases {
            #expect(Policy.allows(Self.principal(who), .clearNewStaff, Self.a) == [.coordinator, .admin].contains(who), "\(who)")
        }
        #expect(!Policy.allows(Self.principal(.coordinator), .clearNewStaff, Self.c), "another network's school")
        #expect(!Policy.allows(Self.principal(.coordinator), .clearNewStaff, .school(id: Self.schoolA, networkID: nil)))
    }

    @Test("A case group's meeting agendas are read only after agreeing to its confidentiality; a study group's by its members")
    func agendas() {
        let member = UUID(), agreed = UUID(), outsider = UUID()
        let group = Policy.GroupAccess(confidential: true, agreed: [agreed], leads: [agreed, member])
        let caseGroup = Policy.Resource.engagement(participants: [member, agreed], group: group)
        func person(_ id: UUID) -> Principal { Principal(userID: id, isAdmin: false, schoolRoles: [Self.schoolA: .teacher], coordinatedNetworks: []) }
        #expect(!Policy.allows(person(member), .readAgenda, caseGroup), "not before agreeing")
        #expect(Policy.allows(person(agreed), .readAgenda, caseGroup))
        #expect(!Policy.allows(person(outsider), .readAgenda, caseGroup))
        for who in Who.allCases { #expect(!Policy.allows(Self.principal(who), .readAgenda, caseGroup), "\(who)") }
        let study = Policy.Resource.engagement(participants: [member], group: .init(confidential: false, agreed: [], leads: []))
        #expect(Policy.allows(person(member), .readAgenda, study))
        let pair = Policy.Resource.engagement(participants: [member, agreed])
        #expect(Policy.allows(person(member), .readAgenda, pair))
        #expect(!Policy.allows(person(outsider), .readAgenda, pair))
    }

    @Test("An invitation to a cohort is answered by the person it was sent to, nobody else, whatever their rank")
    func cohortInvitations() {
        let invitee = UUID()
        let invitation = Policy.Resource.cohortInvitation(inviteeID: invitee)
        #expect(Policy.allows(Principal(userID: invitee, isAdmin: false, schoolRoles: [:], coordinatedNetworks: []), .answerCohortInvitation, invitation))
        for who in Who.allCases {
            #expect(!Policy.allows(Self.principal(who), .answerCohortInvitation, invitation), "\(who)")
            #expect(!Policy.allows(Self.principal(who), .answerCohortInvitation, .cohortInvitation(inviteeID: nil)), "\(who): no account has the address")
        }
        #expect(Policy.denialStatus(Self.principal(.coordinator), invitation) == .notFound)
    }

    @Test("A certificate is revoked by its issuing network, not by a network the holder's school belongs to")
    func credentialIssuer() {
        #expect(!Policy.allows(Self.principal(.otherCoordinator), .manageCohort, .credential(issuingNetwork: Self.network)))
        #expect(Policy.allows(Self.principal(.otherCoordinator), .manageCohort, .credential(issuingNetwork: Self.otherNetwork)))
        #expect(!Policy.allows(Self.principal(.coordinator), .manageCohort, .credential(issuingNetwork: Self.otherNetwork)))
    }
}
