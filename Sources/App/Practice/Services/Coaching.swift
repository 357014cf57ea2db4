import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Coaching: who offers it, requests addressed to a coach or to any coach with a free
/// place, accepting (never beyond the coach's capacity) and passing a request on.
struct Coaching {
    let db: any Database

    enum Failure: Error { case alreadyAnswered, noFreePlace }

    /// Active offers in these schools, with the coach loaded.
    func offers(in schoolIDs: [UUID]) async throws -> [CoachOffer] {
        try await CoachOffer.query(on: db).filter(\.$school.$id ~~ schoolIDs).filter(\.$active == true).with(\.$user).all()
    }

    /// The schools where this person coaches (an active offer).
    func coachingSchools(of userID: UUID) async throws -> Set<UUID> {
        Set(try await CoachOffer.query(on: db).filter(\.$user.$id == userID).filter(\.$active == true).all().map { $0.$school.id })
    }

    /// Places left: the offer's capacity less the coaching engagements under way as coach.
    func freePlaces(coachID: UUID, schoolID: UUID, on db: (any Database)? = nil) async throws -> Int {
        let db = db ?? self.db
        guard
            let offer = try await CoachOffer.query(on: db).filter(\.$user.$id == coachID).filter(\.$school.$id == schoolID)
                .filter(\.$active == true).first()
        else { return 0 }
        let engagementIDs = try await EngagementParticipant.query(on: db).filter(\.$user.$id == coachID).filter(\.$role == .coach).all()
            .map { $0.$engagement.id }
        let busy = try await Engagement.query(on: db).filter(\.$id ~~ engagementIDs).filter(\.$school.$id == schoolID)
            .filter(\.$status == .active).count()
        return max(0, offer.capacity - busy)
    }

    static func resource(_ request: CoachingRequest, viewerCoachesIn schools: Set<UUID>) -> Policy.Resource {
        .coachingRequest(
            schoolID: request.$school.id, requesterID: request.$requester.id, coachID: request.$coach.id,
            viewerCoaches: schools.contains(request.$school.id))
    }

    /// Accepts a waiting request as `coachID`: once, and only with a free place.
    /// The requester is told in the same transaction (`actor`: the coach's name).
    /// The coach's offer is locked first: two requests accepted at the same moment count
    /// the free places in turn (issue 20), so a coach of two never takes three.
    func accept(_ request: CoachingRequest, coachID: UUID, actor: String) async throws -> Engagement {
        try await db.writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let schoolID = request.$school.id
            if let offer = try await CoachOffer.query(on: db).filter(\.$user.$id == coachID).filter(\.$school.$id == schoolID).first() {
                try await db.lockRow(of: CoachOffer.self, id: try offer.requireID())
            }
            guard try await freePlaces(coachID: coachID, schoolID: schoolID, on: db) > 0 else { throw Failure.noFreePlace }
            let changed = try await sql.update(CoachingRequest.schema)
                .set("status", to: CoachingRequest.Status.accepted.rawValue)
                .set("coach_id", to: coachID)
                .where("id", .equal, try request.requireID())
                .where("status", .equal, CoachingRequest.Status.waiting.rawValue)
                .where { $0.where("coach_id", .equal, coachID).orWhere("coach_id", .is, SQLLiteral.null) }
                .returning("id")
                .all()
            guard !changed.isEmpty else { throw Failure.alreadyAnswered }
            let engagement = Engagement(form: .coaching, status: .active, topic: request.topic, schoolID: schoolID)
            try await engagement.save(on: db)
            let id = try engagement.requireID()
            try await EngagementParticipant(engagementID: id, userID: coachID, role: .coach).save(on: db)
            try await EngagementParticipant(engagementID: id, userID: request.$requester.id, role: .coachee).save(on: db)
            try await CoachingRequest.query(on: db).filter(\.$id == request.requireID()).set(\.$engagement.$id, to: id).update()
            try await Notifications.notify([request.$requester.id], kind: .coachingAccepted, actor: actor, link: .engagement(.value(id)), on: db)
            return engagement
        }
    }

    /// Saves a new or passed-on request and tells the coach it is addressed to, or every coach
    /// of the school (but `except`), in one transaction. Only the coaches the `Policy` lets see
    /// the request: one new in their role waits before a request open to any coach reaches
    /// them, its notification too (issue 14, class 5).
    func save(_ request: CoachingRequest, telling kind: AppNotification.Kind, actor: String, except: UUID, now: Date) async throws {
        try await db.writeTransaction { db in
            try await request.save(on: db)
            let coachID = request.$coach.id
            let coaches: [UUID]
            if let coachID { coaches = [coachID] } else { coaches = try await Coaching(db: db).offers(in: [request.$school.id]).map { $0.$user.id } }
            let resource = Policy.Resource.coachingRequest(
                schoolID: request.$school.id, requesterID: request.$requester.id, coachID: coachID, viewerCoaches: true)
            var told: [UUID] = []
            for user in try await User.query(on: db).filter(\.$id ~~ coaches.filter { $0 != except }).all() {
                if Policy.allows(try await Principal.load(for: user, now: now, on: db), .seeCoachingRequest, resource) { told.append(try user.requireID()) }
            }
            try await Notifications.notify(told, kind: kind, actor: actor, link: .support, on: db)
        }
    }
}
