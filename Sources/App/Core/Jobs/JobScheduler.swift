import Fluent
import Foundation
import Metrics
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// A piece of periodic work: the day-before reminders, the morning digests, the survey
/// releases, the sweep of old rows. Each job has a row in `scheduled_jobs`; a process runs
/// it only after leasing that row, so a run happens once however many processes share the
/// database.
struct ScheduledJob: Sendable {
    var name: String
    /// Time between two runs.
    var every: TimeInterval
    var run: @Sendable (_ app: Application, _ now: Date) async throws -> Void
}

/// Runs the due jobs. `serve` and the demo call `runDue` every minute (`JobLoop`); the
/// demo's `/dev/mail` and the tests call it with the time they choose.
struct JobScheduler: Sendable {
    /// Longer than any job takes: a process killed mid-run frees its job after this.
    static let lease: TimeInterval = 15 * 60

    let jobs: [ScheduledJob]
    let owner: String

    init(jobs: [ScheduledJob], owner: String = OutboxSender.processOwner) {
        self.jobs = jobs
        self.owner = owner
    }

    /// Runs every job that is due at `now` and not leased; returns the names of those run.
    @discardableResult
    func runDue(_ app: Application, now: Date) async throws -> [String] {
        guard let sql = app.db as? any SQLDatabase else { return [] }
        var ran: [String] = []
        for job in jobs {
            // A job seen for the first time is due at once.
            try await sql.insert(into: "scheduled_jobs").columns("name", "next_run_at").values(SQLBind(job.name), SQLBind(now))
                .ignoringConflicts(with: ["name"]).run()
            let claimed = try await sql.update("scheduled_jobs")
                .set("lease_owner", to: owner).set("lease_until", to: now.addingTimeInterval(Self.lease))
                .where("name", .equal, job.name).where("next_run_at", .lessThanOrEqual, now)
                .where { $0.where("lease_until", .is, SQLLiteral.null).orWhere("lease_until", .lessThan, now) }
                .returning("name").all()
            guard !claimed.isEmpty else { continue }
            var failure: String?
            do { try await job.run(app, now) } catch {
                failure = String("\(error)".prefix(500))
                app.logger.warning("Job \(job.name): \(error)")
            }
            // Runs and failures per job for /metrics (a job's name says nothing of a person).
            Counter(label: "collegium_job_runs_total", dimensions: [("name", job.name), ("outcome", failure == nil ? "ok" : "failed")]).increment()
            try await sql.update("scheduled_jobs")
                .set("lease_owner", to: SQLLiteral.null).set("lease_until", to: SQLLiteral.null)
                .set("next_run_at", to: now.addingTimeInterval(job.every)).set("last_finished_at", to: now)
                .set("last_error", to: failure.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
                .where("name", .equal, job.name).where("lease_owner", .equal, owner).run()
            ran.append(job.name)
        }
        return ran
    }
}

/// Runs the scheduler once a minute while the server runs.
final class JobLoop: LifecycleHandler, @unchecked Sendable {
    private let scheduler: JobScheduler
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(scheduler: JobScheduler) { self.scheduler = scheduler }

    func didBoot(_ application: Application) throws {
        let scheduler = scheduler
        task.withLockedValue {
            $0 = application.backgroundLoops.start("jobs") {
                // A little after boot: the first requests are served before the first sweep.
                try? await Task.sleep(for: .seconds(5))
                while !Task.isCancelled {
                    do { try await scheduler.runDue(application, now: application.clock.now()) } catch {
                        application.logger.warning("Jobs: \(error)")
                    }
                    try? await Task.sleep(for: .seconds(60))
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
    }
}
