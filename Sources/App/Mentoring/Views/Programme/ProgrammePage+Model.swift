import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// A programme: for those who run it, members, weights, proposals and quiet pairs; for a
/// member, their profile and their pair.
enum ProgrammePage {
    struct MemberRow {
        var userID: UUID
        var name: String
        var role: ProgrammeMember.Role
        var profileDone: Bool
        var capacity: Int
    }

    struct PairRow {
        var id: UUID
        var mentor: String
        var mentee: String
        var menteeID: UUID
        var status: ProgrammePair.Status
        var total: Double
        var criteria: [(MentoringMatch.Criterion, Double)]
        var mentorAccepted: Bool
        var menteeAccepted: Bool
        var mentorID: UUID
        var engagementID: UUID?
    }

    struct Model {
        var programme: MentoringProgramme
        var isManager: Bool
        var members: [MemberRow]
        var candidates: [(id: UUID, name: String)]
        var pairs: [PairRow]
        var quiet: [PairRow]
        var me: UUID
        var inviteError: String?
        var weightsError: String?
        var pairError: String?
        var feedback = FeedbackSummary()

        static func load(
            _ programme: MentoringProgramme, principal: Principal, now: Date, collation: Collation, on db: any Database
        ) async throws -> Model {
            let service = MentoringService(db: db)
            let isManager = Policy.allows(principal, .manageProgramme, try await service.resource(programme))
            let id = try programme.requireID()
            let members = try await ProgrammeMember.query(on: db).filter(\.$programme.$id == id).with(\.$user).all()
            let pairs = try await ProgrammePair.query(on: db).filter(\.$programme.$id == id).with(\.$mentor).with(\.$mentee).all()
            func row(_ p: ProgrammePair) throws -> PairRow {
                PairRow(
                    id: try p.requireID(), mentor: p.mentor.fullName, mentee: p.mentee.fullName, menteeID: p.$mentee.id, status: p.status,
                    total: p.total, criteria: p.criterionScores, mentorAccepted: p.mentorAccepted, menteeAccepted: p.menteeAccepted,
                    mentorID: p.$mentor.id, engagementID: p.$engagement.id)
            }
            var candidates: [(UUID, String)] = []
            if isManager {
                let schools = try await service.schools(of: programme).compactMap(\.id)
                let memberIDs = Set(members.map { $0.$user.id })
                candidates = try await Membership.query(on: db).filter(\.$school.$id ~~ schools).with(\.$user).all()
                    .filter { !memberIDs.contains($0.$user.id) }.map { ($0.$user.id, $0.user.fullName) }
                candidates = collation.sorted(Dictionary(candidates, uniquingKeysWith: { a, _ in a }).map { ($0.key, $0.value) }, by: \.1)
            }
            let visiblePairs = try pairs.filter { isManager || $0.$mentor.id == principal.userID || $0.$mentee.id == principal.userID }
                .filter { isManager || $0.status != .proposed && $0.status != .excluded }.map(row)
            let sortedPairs = collation.sorted(visiblePairs, by: \.mentee)
            var model = Model(
                programme: programme, isManager: isManager,
                members: members.map {
                    MemberRow(userID: $0.$user.id, name: $0.user.fullName, role: $0.role, profileDone: $0.profileDone, capacity: $0.capacity)
                }
                .sorted { a, b in a.role == b.role ? collation.ascending(a.name, b.name) : a.role.rawValue < b.role.rawValue },
                candidates: candidates, pairs: sortedPairs,
                quiet: isManager ? try await service.quietPairs(programme, now: now).map(row) : [], me: principal.userID)
            if isManager { model.feedback = try await FeedbackSummary.load(programmeID: id, on: db) }
            return model
        }
    }
}
