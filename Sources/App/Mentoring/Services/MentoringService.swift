import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Running a mentoring programme: members and profiles, proposing the best pairs
/// (`MentoringMatch` over `Matching`), adjusting by hand, publishing, each person's answer,
/// and the pairs that have gone quiet.
struct MentoringService {
    let db: any Database

    enum Failure: Error, Equatable {
        case forbiddenPair(MentoringMatch.Forbidden)
        case mentorFull
        case notAMember
    }

    func resource(_ programme: MentoringProgramme) async throws -> Policy.Resource {
        let members = try await ProgrammeMember.query(on: db).filter(\.$programme.$id == programme.requireID()).all()
        var schoolNetwork: UUID?
        if let schoolID = programme.$school.id { schoolNetwork = try await School.find(schoolID, on: db)?.$network.id }
        return .programme(
            schoolID: programme.$school.id, networkID: programme.$network.id, schoolNetworkID: schoolNetwork,
            members: Set(members.map { $0.$user.id }))
    }

    /// The programmes this person might run or take part in, newest first: those of the
    /// schools they lead, of their networks and their networks' schools, and those they are
    /// a member of (an admin: all). Callers still ask the `Policy` about each one; this only
    /// keeps them from reading every programme of the instance.
    func candidates(for principal: Principal) async throws -> [MentoringProgramme] {
        let query = MentoringProgramme.query(on: db).sort(\.$startsOn, .descending)
        guard case .some(let ledSchools, let overseen) = Policy.oversight(principal) else { return try await query.all() }
        let led = Array(ledSchools), networks = Array(overseen)
        let networkSchools = try await School.query(on: db).filter(\.$network.$id ~~ networks).all().compactMap(\.id)
        let memberOf = try await ProgrammeMember.query(on: db).filter(\.$user.$id == principal.userID).all().map { $0.$programme.id }
        return try await query.group(.or) {
            $0.filter(\.$school.$id ~~ (led + networkSchools)).filter(\.$network.$id ~~ networks).filter(\.$id ~~ memberOf)
        }.all()
    }

    /// The schools whose staff can join: the programme's school, or its network's schools.
    func schools(of programme: MentoringProgramme) async throws -> [School] {
        if let id = programme.$school.id { return try await School.query(on: db).filter(\.$id == id).all() }
        guard let network = programme.$network.id else { return [] }
        return try await School.query(on: db).filter(\.$network.$id == network).sort(\.$name).all()
    }

    func profiles(_ members: [ProgrammeMember]) async throws -> [UUID: MentoringMatch.Profile] {
        let schoolIDs = Array(Set(members.map { $0.$school.id }))
        let leaders = try await Membership.query(on: db).filter(\.$school.$id ~~ schoolIDs).filter(\.$role == .leader).all()
        var result: [UUID: MentoringMatch.Profile] = [:]
        for m in members {
            result[m.$user.id] = MentoringMatch.Profile(
                personID: m.$user.id.uuidString, schoolID: m.$school.id.uuidString, subjects: ProgrammeMember.list(m.subjects),
                levels: ProgrammeMember.list(m.levels), yearsOfExperience: m.years, languages: ProgrammeMember.list(m.languages),
                goals: ProgrammeMember.list(m.goals), availability: ProgrammeMember.list(m.availability),
                lineManagers: Set(leaders.filter { $0.$school.id == m.$school.id }.map { $0.$user.id.uuidString }))
        }
        return result
    }

    /// What a run of the matching did: pairs proposed, mentees it could not pair (no mentor
    /// with a free place fits them), and mentees still writing their profile (not matched).
    struct ProposalOutcome: Equatable {
        var proposed: Int
        var unpaired: Int
        var profilesMissing: Int
        /// Mentees in the programme, with or without a profile.
        var mentees: Int
    }

    /// Replaces the pairs still only proposed with the best set for every mentee not yet in
    /// a published or accepted pair. Declined and excluded pairs are never proposed again.
    @discardableResult
    func propose(_ programme: MentoringProgramme) async throws -> ProposalOutcome {
        let id = try programme.requireID()
        return try await db.writeTransaction { db in
            // First, as every change to the programme's pairs: one at a time, in one order.
            try await db.lockRow(of: MentoringProgramme.self, id: id)
            try await ProgrammePair.query(on: db).filter(\.$programme.$id == id).filter(\.$status == .proposed).delete()
            let everyone = try await ProgrammeMember.query(on: db).filter(\.$programme.$id == id).all()
            let members = everyone.filter(\.profileDone)
            let pairs = try await ProgrammePair.query(on: db).filter(\.$programme.$id == id).all()
            let profiles = try await MentoringService(db: db).profiles(members)
            let mentors = members.filter { $0.role == .mentor }, mentees = members.filter { $0.role == .mentee }
            func pair(_ p: ProgrammePair) -> MentoringMatch.Pair { .init(mentor: p.$mentor.id.uuidString, mentee: p.$mentee.id.uuidString) }
            let held = Set(pairs.filter { [.published, .accepted].contains($0.status) }.map(pair))
            let ruledOut = Set(pairs.filter { [.declined, .excluded].contains($0.status) }.map(pair))
            let proposals = try MentoringMatch.propose(
                mentors: mentors.compactMap { profiles[$0.$user.id] }, mentees: mentees.compactMap { profiles[$0.$user.id] },
                capacity: Dictionary(mentors.map { ($0.$user.id.uuidString, $0.capacity) }, uniquingKeysWith: { a, _ in a }),
                weights: programme.matchWeights, accepted: held, excluded: ruledOut)
            for proposal in proposals {
                guard let mentor = UUID(uuidString: proposal.mentor), let mentee = UUID(uuidString: proposal.mentee) else { continue }
                try await ProgrammePair(programmeID: id, mentorID: mentor, menteeID: mentee, status: .proposed, score: proposal.score).save(on: db)
            }
            let paired = Set(held.map(\.mentee)).union(proposals.map(\.mentee))
            return ProposalOutcome(
                proposed: proposals.count, unpaired: mentees.filter { !paired.contains($0.$user.id.uuidString) }.count,
                // A mentee paired by hand before finishing the profile is not waiting for one.
                profilesMissing: everyone.filter { $0.role == .mentee && !$0.profileDone && !paired.contains($0.$user.id.uuidString) }.count,
                mentees: everyone.filter { $0.role == .mentee }.count)
        }
    }

    /// Pairs a mentee with a mentor by hand (replacing the mentee's proposed pair), if the
    /// hard rules allow it and the mentor has a place.
    func setPair(_ programme: MentoringProgramme, menteeID: UUID, mentorID: UUID) async throws {
        let id = try programme.requireID()
        try await db.writeTransaction { db in
            // Two leaders pairing with the same mentor at once count the places in turn.
            try await db.lockRow(of: MentoringProgramme.self, id: id)
            let members = try await ProgrammeMember.query(on: db).filter(\.$programme.$id == id).all()
            guard let mentor = members.first(where: { $0.$user.id == mentorID && $0.role == .mentor }),
                let mentee = members.first(where: { $0.$user.id == menteeID && $0.role == .mentee })
            else { throw Failure.notAMember }
            let profiles = try await MentoringService(db: db).profiles([mentor, mentee])
            let pairs = try await ProgrammePair.query(on: db).filter(\.$programme.$id == id).all()
            let ruledOut = Set(
                pairs.filter { [.declined, .excluded].contains($0.status) }
                    .map { MentoringMatch.Pair(mentor: $0.$mentor.id.uuidString, mentee: $0.$mentee.id.uuidString) })
            if let reason = MentoringMatch.forbidden(mentor: profiles[mentorID]!, mentee: profiles[menteeID]!, excluded: ruledOut) {
                throw Failure.forbiddenPair(reason)
            }
            let others = pairs.filter { $0.$mentor.id == mentorID && $0.$mentee.id != menteeID && [.proposed, .published, .accepted].contains($0.status) }
            guard others.count < mentor.capacity else { throw Failure.mentorFull }
            try await ProgrammePair.query(on: db).filter(\.$programme.$id == id).filter(\.$mentee.$id == menteeID)
                .filter(\.$status == .proposed).delete()
            let score = MentoringMatch.score(mentor: profiles[mentorID]!, mentee: profiles[menteeID]!, weights: programme.matchWeights)
            try await ProgrammePair(programmeID: id, mentorID: mentorID, menteeID: menteeID, status: .proposed, score: score).save(on: db)
        }
    }

    /// Shows the proposed pairs to their two people, and tells them, in one transaction. The
    /// update takes only pairs still proposed: a second click (or a second leader at the same
    /// moment) publishes nothing more and tells nobody twice.
    func publish(_ programme: MentoringProgramme, by actor: String) async throws -> Int {
        let programmeID = try programme.requireID()
        return try await db.writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await db.lockRow(of: MentoringProgramme.self, id: programmeID)
            let rows = try await sql.update(ProgrammePair.schema)
                .set("status", to: ProgrammePair.Status.published.rawValue)
                .where("programme_id", .equal, programmeID)
                .where("status", .equal, ProgrammePair.Status.proposed.rawValue)
                .returning("mentor_id", "mentee_id")
                .all()
            let people = try rows.flatMap { [try $0.decode(column: "mentor_id", as: UUID.self), try $0.decode(column: "mentee_id", as: UUID.self)] }
            try await Notifications.notify(people, kind: .pairProposed, actor: actor, link: .programme(.value(programmeID)), on: db)
            return rows.count
        }
    }

    /// Rules out a proposed pair; false when it is no longer proposed. One conditional
    /// UPDATE, as `publish` is: of a publish and an exclusion at the same moment, whichever
    /// comes second finds the pair no longer proposed, so a published pair is never marked
    /// excluded (it was read and saved from a copy before, issue 20).
    func exclude(pairID: UUID, of programme: MentoringProgramme) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let rows = try await sql.update(ProgrammePair.schema)
            .set("status", to: ProgrammePair.Status.excluded.rawValue)
            .where("id", .equal, pairID)
            .where("programme_id", .equal, try programme.requireID())
            .where("status", .equal, ProgrammePair.Status.proposed.rawValue)
            .returning("id")
            .all()
        return !rows.isEmpty
    }

    /// One person's answer. When both have accepted, the pair becomes a mentoring
    /// engagement, never beyond the mentor's capacity.
    ///
    /// The programme is locked and the pair read again inside the transaction (issue 20):
    /// when mentor and mentee accepted at the same moment, each used to save its own
    /// acceptance from a copy without the other's, and the pair stayed accepted by both with
    /// no mentoring begun; and two pairs of one mentor accepted at once could both take the
    /// last place.
    /// Returns the mentoring engagement once the pair has begun.
    @discardableResult
    func answer(_ loaded: ProgrammePair, programme: MentoringProgramme, userID: UUID, accept: Bool, actor: String) async throws -> UUID? {
        try await db.writeTransaction { db in
            try await db.lockRow(of: MentoringProgramme.self, id: try programme.requireID())
            guard let pair = try await ProgrammePair.find(try loaded.requireID(), on: db) else { return nil }
            // Answered already (the other person's answer came first): the mentoring it began, if any.
            guard pair.status == .published else { return pair.$engagement.id }
            guard accept else {
                pair.status = .declined
                try await pair.save(on: db)
                return nil
            }
            if pair.$mentor.id == userID { pair.mentorAccepted = true }
            if pair.$mentee.id == userID { pair.menteeAccepted = true }
            if pair.mentorAccepted && pair.menteeAccepted {
                let capacity =
                    try await ProgrammeMember.query(on: db).filter(\.$programme.$id == programme.requireID())
                    .filter(\.$user.$id == pair.$mentor.id).first()?.capacity ?? 1
                let accepted = try await ProgrammePair.query(on: db).filter(\.$programme.$id == programme.requireID())
                    .filter(\.$mentor.$id == pair.$mentor.id).filter(\.$status == .accepted).count()
                guard accepted < capacity else { throw Failure.mentorFull }
                let schoolID = try await ProgrammeMember.query(on: db).filter(\.$programme.$id == programme.requireID())
                    .filter(\.$user.$id == pair.$mentee.id).first()?.$school.id
                guard let schoolID else { throw Failure.notAMember }
                let id = try await PracticeForMentoring.openMentoring(
                    topic: programme.name, schoolID: schoolID,
                    mentorID: pair.$mentor.id, menteeID: pair.$mentee.id, on: db)
                pair.status = .accepted
                pair.$engagement.id = id
                try await Notifications.notify(
                    [pair.$mentor.id, pair.$mentee.id].filter { $0 != userID }, kind: .pairAccepted,
                    actor: actor, link: .engagement(.value(id)), on: db)
            }
            try await pair.save(on: db)
            return pair.$engagement.id
        }
    }

    /// Accepted pairs with no note and no meeting for `quietDays` (counted from when they
    /// started, if nothing has happened yet).
    func quietPairs(_ programme: MentoringProgramme, now: Date) async throws -> [ProgrammePair] {
        let pairs = try await ProgrammePair.query(on: db).filter(\.$programme.$id == programme.requireID()).filter(\.$status == .accepted)
            .with(\.$mentor).with(\.$mentee).all()
        let limit = now.addingTimeInterval(-Double(programme.quietDays) * 86_400)
        // The latest note and past meeting of every pair's engagement, read in a few queries.
        let last = try await PracticeForMentoring.lastActivity(engagementIDs: pairs.compactMap { $0.$engagement.id }, now: now, on: db)
        return pairs.filter { pair in
            guard let id = pair.$engagement.id, let latest = last[id] else { return false }
            return (latest ?? now) < limit
        }
    }
}
