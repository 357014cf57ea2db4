import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Ask a colleague: asking, volunteering, taking a request (first come, once), and the
/// engagement that a taken request becomes.
struct AskAColleague {
    let db: any Database

    enum Failure: Error { case alreadyTaken }

    /// The topics a person volunteers for, per school.
    func volunteerTopics(of userID: UUID) async throws -> [UUID: Set<HelpTopic>] {
        var result: [UUID: Set<HelpTopic>] = [:]
        for row in try await HelpVolunteer.query(on: db).filter(\.$user.$id == userID).all() {
            result[row.$school.id, default: []].insert(row.topic)
        }
        return result
    }

    func setVolunteerTopics(_ topics: Set<HelpTopic>, userID: UUID, schoolID: UUID) async throws {
        try await db.writeTransaction { db in
            try await HelpVolunteer.query(on: db).filter(\.$user.$id == userID).filter(\.$school.$id == schoolID).delete()
            for topic in HelpTopic.allCases where topics.contains(topic) {
                try await HelpVolunteer(userID: userID, schoolID: schoolID, topic: topic).save(on: db)
            }
        }
    }

    /// The policy's view of a request, for this person.
    static func resource(_ request: HelpRequest, viewer: Principal?, volunteerTopics: [UUID: Set<HelpTopic>]) -> Policy.Resource {
        .helpRequest(
            schoolID: request.$school.id, askerID: request.$asker.id, takenByID: request.$takenBy.id,
            viewerVolunteers: volunteerTopics[request.$school.id]?.contains(request.topic) ?? false)
    }

    /// The open questions in the person's schools that the `Policy` lets them see (their
    /// own included), newest first, with the asker loaded.
    func visibleOpenRequests(for principal: Principal) async throws -> [HelpRequest] {
        let topics = try await volunteerTopics(of: principal.userID)
        return try await HelpRequest.query(on: db).filter(\.$school.$id ~~ Array(principal.schoolRoles.keys))
            .filter(\.$status == .open).with(\.$asker).sort(\.$createdAt, .descending).all()
            .filter { Policy.allows(principal, .seeHelpRequest, Self.resource($0, viewer: principal, volunteerTopics: topics)) }
    }

    /// The notes of an engagement that the `Policy` lets this person read, oldest first.
    func readableNotes(engagementID: UUID, participants: Set<UUID>, group: Policy.GroupAccess?, for principal: Principal?) async throws -> [EngagementNote] {
        try await EngagementNote.query(on: db).filter(\.$engagement.$id == engagementID).with(\.$author).sort(\.$createdAt).all()
            .filter {
                Policy.allows(
                    principal, .readNote,
                    .engagementNote(
                        participants: participants, authorID: $0.$author.id,
                        shared: $0.visibility == .shared, group: group))
            }
    }

    /// Takes an open request for `helperID`: exactly one person can, however many try at
    /// once (the status changes only where it is still open). The question becomes the
    /// engagement's first shared note, written by the one who asked.
    /// With `actor` (the helper's name), the asker is told in the same transaction.
    func take(_ request: HelpRequest, helperID: UUID, actor: String? = nil) async throws -> Engagement {
        try await db.writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let requestID = try request.requireID()
            let changed = try await sql.update(HelpRequest.schema)
                .set("status", to: HelpRequest.Status.taken.rawValue)
                .set("taken_by_id", to: helperID)
                .where("id", .equal, requestID)
                .where("status", .equal, HelpRequest.Status.open.rawValue)
                .returning("id")
                .all()
            guard !changed.isEmpty else { throw Failure.alreadyTaken }
            let engagement = Engagement(form: .consultation, status: .active, topic: request.topic.rawValue, schoolID: request.$school.id)
            try await engagement.save(on: db)
            let engagementID = try engagement.requireID()
            try await EngagementParticipant(engagementID: engagementID, userID: request.$asker.id, role: .asker).save(on: db)
            try await EngagementParticipant(engagementID: engagementID, userID: helperID, role: .helper).save(on: db)
            try await EngagementNote(engagementID: engagementID, authorID: request.$asker.id, text: request.question, visibility: .shared).save(on: db)
            try await HelpRequest.query(on: db).filter(\.$id == requestID).set(\.$engagement.$id, to: engagementID).update()
            if let actor {
                try await Notifications.notify([request.$asker.id], kind: .questionTaken, actor: actor, link: .engagement(.value(engagementID)), on: db)
            }
            return engagement
        }
    }
}
