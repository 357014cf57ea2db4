import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Sends the outbox. Each pass claims a batch of due mails with a lease (an UPDATE that
/// only takes rows nobody holds), sends them, and records each outcome. Any number of
/// processes on one database send each mail once; a process killed mid-send leaves its
/// rows to be claimed again when the lease ends, so a mail can reach the server twice
/// (at-least-once) with the same Message-ID, but is never lost.
struct OutboxSender: Sendable {
    /// Mails per claim.
    static let batchSize = 50
    /// Mails per connection. Before each slice but the first, the lease of the rest is
    /// renewed: a slow server never lets another process take (and send again) what this one
    /// is still sending. Each mail's outcome is written down as soon as it is known.
    static let sliceSize = 10
    /// Temporary failures are retried for this long after the mail was queued, then it fails.
    static let retryWindow: TimeInterval = 48 * 3600

    let db: any Database
    let transport: any MailTransport
    let lease: TimeInterval
    let logger: Logger
    /// Who holds a lease: one value per process, so a row's `lease_owner` says which.
    let owner: String

    init(db: any Database, transport: any MailTransport, lease: TimeInterval, logger: Logger, owner: String = Self.processOwner) {
        self.db = db
        self.transport = transport
        self.lease = lease
        self.logger = logger
        self.owner = owner
    }

    static let processOwner = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"

    /// Claims, sends and records one batch; returns how many mails it tried.
    @discardableResult
    func sendBatch(now: Date) async throws -> Int {
        // Each claim its own holder: a later claim of this process is not mistaken for it.
        let holder = "\(owner)/\(UUID().uuidString.prefix(8))"
        let mails = try await claim(now: now, as: holder)
        guard !mails.isEmpty else { return 0 }
        let started = ContinuousClock.now
        for start in stride(from: 0, to: mails.count, by: Self.sliceSize) {
            let slice = Array(mails[start..<min(start + Self.sliceSize, mails.count)])
            if start > 0 {
                let elapsed = started.duration(to: .now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                try await renew(mails[start...].map(\.id), until: now.addingTimeInterval(seconds + lease), holder: holder)
            }
            // Each outcome is written down as soon as the server answered, before the next
            // mail goes: a kill leaves at most one mail sent but not marked so.
            try await transport.deliver(slice, logger: logger) { index, outcome in
                try await record(outcome, for: slice[index], now: now, holder: holder)
            }
        }
        return mails.count
    }

    private func renew(_ ids: [UUID], until: Date, holder: String) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update(OutboxMail.schema).set("lease_until", to: until)
            .where("id", .in, ids).where("lease_owner", .equal, holder).run()
    }

    /// Sends batches until nothing is due; returns how many mails it tried.
    @discardableResult
    func sendDue(now: Date) async throws -> Int {
        var total = 0
        while true {
            let count = try await sendBatch(now: now)
            total += count
            if count < Self.batchSize { return total }
        }
    }

    /// Leases up to `batchSize` due rows to this process and returns them. The outer
    /// conditions repeat the inner ones: on PostgreSQL a row locked by another claim is
    /// re-checked after that claim commits, and is then no longer free.
    func claim(now: Date, as holder: String? = nil) async throws -> [QueuedMail] {
        let owner = holder ?? owner
        guard let sql = db as? any SQLDatabase else { return [] }
        let skipLocked = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await sql.raw(
            """
            UPDATE mail_outbox SET lease_owner = \(bind: owner), lease_until = \(bind: now.addingTimeInterval(lease))
            WHERE status = 'queued' AND next_attempt_at <= \(bind: now) AND (lease_until IS NULL OR lease_until < \(bind: now))
              AND id IN (SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= \(bind: now)
                AND (lease_until IS NULL OR lease_until < \(bind: now)) ORDER BY next_attempt_at LIMIT \(unsafeRaw: String(Self.batchSize))\(unsafeRaw: skipLocked))
            RETURNING id, kind, to_address, subject, text_body, message, message_id, link
            """
        ).all()
        return try rows.map { row in
            QueuedMail(
                id: try row.decode(column: "id", as: UUID.self),
                kind: MailMessage.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .notice,
                to: try row.decode(column: "to_address", as: String.self),
                subject: try row.decode(column: "subject", as: String.self),
                text: try row.decode(column: "text_body", as: String.self),
                message: try row.decode(column: "message", as: String.self),
                messageID: try row.decode(column: "message_id", as: String.self),
                link: try row.decode(column: "link", as: String?.self))
        }
    }

    private func record(_ outcome: MailOutcome, for mail: QueuedMail, now: Date, holder: String) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let update = sql.update(OutboxMail.schema).where("id", .equal, mail.id).where("lease_owner", .equal, holder)
            .set("lease_until", to: SQLLiteral.null).set("lease_owner", to: SQLLiteral.null)
        switch outcome {
        case .sent:
            update.set("status", to: OutboxMail.Status.sent.rawValue).set("sent_at", to: now).set("last_error", to: SQLLiteral.null)
            try await wipe(update).run()
            // Only an invitation goes to a marked address (`evenIfMarked`): taken now, the
            // address works again, and its mark goes.
            if mail.kind == .invitation { try await Outbox.clearUndeliverable(mail.to, on: db) }
        case .refused(let reason):
            logger.warning("Mail to \(mail.to) refused for good: \(reason)")
            try await wipe(update.set("status", to: OutboxMail.Status.failed.rawValue).set("last_error", to: Self.short(reason))).run()
            try await markUndeliverable(mail.to, reason: reason, now: now)
        case .rejected(let reason):
            logger.warning("A mail to \(mail.to) was rejected for good: \(reason)")
            try await wipe(update.set("status", to: OutboxMail.Status.failed.rawValue).set("last_error", to: Self.short(reason))).run()
        case .dropped(let reason):
            try await wipe(update.set("status", to: OutboxMail.Status.failed.rawValue).set("last_error", to: Self.short(reason))).run()
        case .retry(let reason), .misconfigured(let reason):
            try await retryLater(mail, reason: reason, update: update, now: now)
        }
    }

    /// Once a mail is done with (sent or failed for good), its body and link go: they may hold
    /// a one-time link, and no copy of it stays here (the demo keeps them for `/dev/mail`).
    @discardableResult
    private func wipe(_ update: SQLUpdateBuilder) -> SQLUpdateBuilder {
        guard !transport.keepsSentBodies else { return update }
        return update.set("message", to: "").set("text_body", to: "").set("link", to: SQLLiteral.null)
    }

    private func retryLater(_ mail: QueuedMail, reason: String, update: SQLUpdateBuilder, now: Date) async throws {
        guard let row = try await OutboxMail.find(mail.id, on: db) else { return }
        let attempts = row.attempts + 1
        let next = now.addingTimeInterval(Self.backoff(attempts: attempts))
        if next.timeIntervalSince(row.createdAt) > Self.retryWindow {
            logger.warning("Mail to \(mail.to) not delivered within 48 hours: \(reason)")
            try await wipe(update.set("status", to: OutboxMail.Status.failed.rawValue).set("attempts", to: attempts))
                .set("last_error", to: Self.short(reason)).run()
        } else {
            try await update.set("attempts", to: attempts).set("next_attempt_at", to: next).set("last_error", to: Self.short(reason)).run()
        }
    }

    /// 1, 2, 4 … minutes, at most an hour: a server back after a short outage gets its mail
    /// soon, and a long outage costs a try an hour.
    static func backoff(attempts: Int) -> TimeInterval {
        min(3600, 60 * pow(2, Double(max(0, min(attempts - 1, 12)))))
    }

    private func markUndeliverable(_ address: String, reason: String, now: Date) async throws {
        if let mark = try await UndeliverableAddress.find(address, on: db) {
            // Refused again (an invitation tries a marked address once): the mark says when.
            mark.reason = Self.short(reason)
            mark.markedAt = now
            try await mark.save(on: db)
            return
        }
        do {
            try await UndeliverableAddress(address: address, reason: Self.short(reason), markedAt: now).create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another process marked it between the look and the insert: it is marked.
        }
    }

    static func short(_ text: String) -> String { String(text.prefix(500)) }
}

/// Runs `OutboxSender` in `serve` and the demo: a pass every second while mail is due, so a
/// reset link leaves within a second or two of the click. Stopped before the databases close.
final class OutboxSenderLoop: LifecycleHandler, @unchecked Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBoot(_ application: Application) throws {
        let sender = OutboxSender(
            db: application.db, transport: application.mailTransport, lease: application.config.mail.lease, logger: application.logger)
        let clock = application.clock
        let logger = application.logger
        task.withLockedValue {
            $0 = application.backgroundLoops.start("mail") {
                while !Task.isCancelled {
                    var sent = 0
                    do { sent = try await sender.sendBatch(now: clock.now()) } catch { logger.warning("Outbox: \(error)") }
                    if sent < OutboxSender.batchSize { try? await Task.sleep(for: .seconds(1)) }
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
