import Domain
import Fluent
import Foundation
import Vapor

/// The periodic work of every module, run once across processes by `JobScheduler`
/// (`serve` and the demo run it every minute; tests call `runDue` with their own time).
/// A job named here for the first time runs at the next tick.
enum AppJobs {
    static let all: [ScheduledJob] = [
        ScheduledJob(name: "meeting-reminders", every: 10 * 60) { app, now in
            _ = try await MailContext(app, now: now).run { try await Reminders.sendDue(now: now, on: app.db) }
        },
        ScheduledJob(name: "raise-questions", every: 10 * 60) { app, now in
            _ = try await MailContext(app, now: now).run { try await AskAColleague(db: app.db).raiseWaiting(now: now) }
        },
        ScheduledJob(name: "survey-releases", every: 10 * 60) { app, now in
            _ = try await SurveyRelease.releaseEnded(today: CalendarDay(now).description, on: app.db)
        },
        // Every quarter of an hour: a digest goes within 15 minutes of a person's hour.
        ScheduledJob(name: "digests", every: 15 * 60) { app, now in
            _ = try await Digests.sendDue(now: now, context: MailContext(app, now: now), on: app.db)
        },
        ScheduledJob(name: "sweep", every: 24 * 3600) { app, now in
            try await Sweep.run(now: now, sessionLifetime: app.config.sessionAbsoluteTimeout, on: app.db)
        },
        // Request counts of ended windows: a hashed address or token is kept no longer than
        // its limit needs it, and ten minutes (RequestLimit).
        ScheduledJob(name: "request-limits", every: 10 * 60) { app, now in
            try await RequestLimit.sweep(before: now, on: app.db)
        },
    ]

    static var scheduler: JobScheduler { JobScheduler(jobs: all) }
}

/// Removes what has served its purpose: old outbox rows, ended sessions, old sign-in
/// failures and reset links, old unsubscribe links.
enum Sweep {
    static func run(now: Date, sessionLifetime: TimeInterval, on db: any Database) async throws {
        let month = now.addingTimeInterval(-30 * 86_400)
        try await OutboxMail.query(on: db).filter(\.$status != .queued).filter(\.$createdAt < month).delete()
        try await LoginSession.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-sessionLifetime)).delete()
        try await LoginFailure.query(on: db).filter(\.$failedAt < now.addingTimeInterval(-86_400)).delete()
        try await PasswordReset.query(on: db).filter(\.$expiresAt < now.addingTimeInterval(-86_400)).delete()
        try await UnsubscribeLink.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-180 * 86_400)).delete()
    }
}
