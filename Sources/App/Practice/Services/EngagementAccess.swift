import Fluent
import Foundation
import Vapor

/// Loading an engagement, or one of its meetings, for someone who wants to act on it: the
/// one way every page and API call about a conversation, a pair or a group reads it, so the
/// `Policy` is asked the same question whichever controller serves the route.
enum EngagementAccess {
    /// The engagement `id` and its participants (with their accounts), or nil when there is none.
    static func load(_ id: UUID, on db: any Database) async throws -> (Engagement, [EngagementParticipant])? {
        guard let engagement = try await Engagement.find(id, on: db) else { return nil }
        let participants = try await EngagementParticipant.query(on: db).filter(\.$engagement.$id == engagement.requireID()).with(\.$user).all()
        return (engagement, participants)
    }

    /// What the Policy needs to know about the engagement.
    static func resource(_ engagement: Engagement, _ participants: [EngagementParticipant]) -> Policy.Resource {
        .engagement(participants: Set(participants.map { $0.$user.id }), group: .of(engagement, participants))
    }

    /// The other participants of an engagement than `userID` (whom to notify).
    static func others(in engagementID: UUID, than userID: UUID, on db: any Database) async throws -> [UUID] {
        try await EngagementParticipant.query(on: db).filter(\.$engagement.$id == engagementID).all()
            .map { $0.$user.id }.filter { $0 != userID }
    }

    /// The meeting `id` of `engagement`, or nil when it has none by that id.
    static func meeting(_ id: UUID, of engagement: Engagement, on db: any Database) async throws -> Meeting? {
        guard let meeting = try await Meeting.find(id, on: db), meeting.$engagement.id == engagement.id else { return nil }
        return meeting
    }
}

extension Request {
    /// The engagement the path names (`{id}`) and its participants, if the person may do
    /// `action` on it; otherwise the Policy's denial (404 to whoever may not even see it).
    func engagementInPath(_ action: Policy.Action) async throws -> (Engagement, [EngagementParticipant]) {
        guard let found = try await EngagementAccess.load(try uuidParameter(SiteURL.idKey), on: db) else { throw Abort(.notFound) }
        let (engagement, participants) = found
        try await authorize(action, EngagementAccess.resource(engagement, participants))
        return (engagement, participants)
    }

    /// The meeting the path names (`{meetingID}`) of `engagement`, or 404.
    func meetingInPath(of engagement: Engagement) async throws -> Meeting {
        guard let raw = parameters.get(SiteURL.meetingIDKey), let id = UUID(uuidString: raw),
            let meeting = try await EngagementAccess.meeting(id, of: engagement, on: db)
        else { throw Abort(.notFound) }
        return meeting
    }
}
