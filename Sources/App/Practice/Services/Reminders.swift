import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Reminds the participants of a meeting in the app, once, a day before it starts.
enum Reminders {
    static let ahead: TimeInterval = 24 * 3600

    /// Sends the reminders that are due at `now`; returns how many meetings it covered.
    @discardableResult
    static func sendDue(now: Date, on db: any Database) async throws -> Int {
        let due = try await Meeting.query(on: db).filter(\.$cancelled == false).filter(\.$remindedAt == nil)
            .filter(\.$startsAt > now).filter(\.$startsAt <= now.addingTimeInterval(ahead)).with(\.$engagement).all()
        // Everyone to remind, in one query for all due meetings.
        let participants = try await EngagementParticipant.query(on: db).filter(\.$engagement.$id ~~ Array(Set(due.map { $0.$engagement.id }))).all()
        for meeting in due where meeting.engagement.status != .closed {
            let people = participants.filter { $0.$engagement.id == meeting.$engagement.id }.map { $0.$user.id }
            // Marked only where still unmarked, in the same transaction as the reminders:
            // two servers running this at once never remind twice.
            try await db.writeTransaction { db in
                guard let sql = db as? any SQLDatabase else { return }
                let claimed = try await sql.update(Meeting.schema).set("reminded_at", to: now)
                    .where("id", .equal, try meeting.requireID()).where("reminded_at", .is, SQLLiteral.null)
                    .returning("id").all()
                guard !claimed.isEmpty else { return }
                try await Notifications.notify(people, kind: .meetingSoon, actor: "", link: .engagement(.value(meeting.$engagement.id)), on: db)
            }
        }
        return due.count
    }
}
