import Fluent
import Foundation
import Plot

/// What Mentoring asks of Practice. An accepted pair of a programme becomes a mentoring
/// engagement, on Practice's engine; Mentoring keeps only the engagement's id (a foreign
/// key) and asks here what has happened in it, never reading the practice tables itself.
enum PracticeForMentoring {
    /// Opens the mentoring engagement of a pair both have accepted, with its two
    /// participants, and returns its id. Call in the transaction that accepts the pair.
    static func openMentoring(topic: String, schoolID: UUID, mentorID: UUID, menteeID: UUID, on db: any Database) async throws -> UUID {
        let engagement = Engagement(form: .mentoring, status: .active, topic: topic, schoolID: schoolID)
        try await engagement.save(on: db)
        let id = try engagement.requireID()
        try await EngagementParticipant(engagementID: id, userID: mentorID, role: .mentor).save(on: db)
        try await EngagementParticipant(engagementID: id, userID: menteeID, role: .mentee).save(on: db)
        return id
    }

    /// For each of these engagements that exists: when something last happened in it (its
    /// latest note or meeting before `now`) or, if later, when it began; nil if none is
    /// known. Read in three queries, however many engagements.
    static func lastActivity(engagementIDs: [UUID], now: Date, on db: any Database) async throws -> [UUID: Date?] {
        let engagements = try await Engagement.query(on: db).filter(\.$id ~~ engagementIDs).all()
        let ids = engagements.compactMap(\.id)
        var last: [UUID: Date] = [:]
        for note in try await EngagementNote.query(on: db).filter(\.$engagement.$id ~~ ids).all() {
            if let at = note.createdAt { last[note.$engagement.id] = max(last[note.$engagement.id] ?? at, at) }
        }
        for meeting in try await Meeting.query(on: db).filter(\.$engagement.$id ~~ ids).filter(\.$startsAt <= now).all() {
            last[meeting.$engagement.id] = max(last[meeting.$engagement.id] ?? meeting.startsAt, meeting.startsAt)
        }
        var result: [UUID: Date?] = [:]
        for engagement in engagements {
            guard let id = engagement.id else { continue }
            result[id] = .some([last[id], engagement.createdAt].compactMap { $0 }.max())
        }
        return result
    }

    /// How many of these engagements have ended.
    static func closedCount(engagementIDs: [UUID], on db: any Database) async throws -> Int {
        try await Engagement.query(on: db).filter(\.$id ~~ engagementIDs).filter(\.$status == .closed).count()
    }

    /// The page of an ended mentoring pair's engagement again, with `error` by its feedback
    /// form (the feedback is Mentoring's; the page is Practice's).
    static func feedbackPage(
        _ engagement: Engagement, participants: [EngagementParticipant], error: String,
        principal: Principal?, context: PageContext, now: Date, on db: any Database
    ) async throws -> HTML {
        var model = try await EngagementPage.Model.load(
            engagement, participants: participants, principal: principal, context: context, now: now, on: db)
        model.feedbackError = error
        return EngagementPage.view(context, model)
    }
}
