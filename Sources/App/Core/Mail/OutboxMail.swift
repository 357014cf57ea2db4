import Fluent
import Foundation

/// One e-mail on its way out: written in the transaction of the change that caused it
/// (`Outbox.enqueue`), claimed and sent by `OutboxSender`. The row keeps the rendered
/// message, so every attempt sends the same bytes and Message-ID.
final class OutboxMail: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    enum Status: String, Codable, Sendable {
        /// Waiting for its next attempt (`nextAttemptAt`), or leased by a sender now.
        case queued
        /// The server took it.
        case sent
        /// Not delivered, for good: refused (5xx), 48 hours of temporary failures, an address
        /// marked undeliverable, or no mail server configured.
        case failed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: MailMessage.Kind
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "to_address") var toAddress: String
    @Field(key: "subject") var subject: String
    /// The plain-text part, for `/dev/mail` and the tests (emptied once sent, see `OutboxSender`).
    @Field(key: "text_body") var textBody: String
    /// The rendered RFC 5322 message, unsigned (DKIM signs at sending; emptied once sent).
    @Field(key: "message") var message: String
    @Field(key: "message_id") var messageID: String
    /// The secret link the mail carries (an invitation, a reset), if any: the demo prints it.
    @OptionalField(key: "link") var link: String?
    @Field(key: "status") var status: Status
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}

/// An address a mail server refused for good (a 5xx to RCPT or to the message): nothing
/// more is queued for it until the person's address changes (a new address is not here).
final class UndeliverableAddress: Model, @unchecked Sendable {
    static let schema = "mail_undeliverable"

    @ID(custom: "address", generatedBy: .user) var id: String?
    /// The server's reply, as it gave it (for the person and their leader).
    @Field(key: "reason") var reason: String
    @Field(key: "marked_at") var markedAt: Date

    init() {}

    init(address: String, reason: String, markedAt: Date) {
        self.id = address
        self.reason = reason
        self.markedAt = markedAt
    }
}

extension OutboxMail: PersonalDataHolder {
    static var personalDataTable: String { schema }
    /// What was sent to the person and when; never a link (a sent mail keeps none).
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await rows(of: user, on: db).map {
            [
                "kind": $0.kind.rawValue, "subject": $0.subject, "status": $0.status.rawValue, "queued": PersonalData.date($0.createdAt),
                "sent": PersonalData.date($0.sentAt),
            ]
        }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        for row in try await rows(of: user, on: db) { try await row.delete(on: db) }
    }
    private static func rows(of user: User, on db: any Database) async throws -> [OutboxMail] {
        let userID = try user.requireID()
        return try await OutboxMail.query(on: db)
            .group(.or) { $0.filter(\.$userID == userID).filter(\.$toAddress == user.email.lowercased()) }
            .sort(\.$createdAt).all()
    }
}

extension UndeliverableAddress: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await UndeliverableAddress.query(on: db).filter(\.$id == user.email.lowercased()).all()
            .map { ["address": $0.id ?? "", "reason": $0.reason, "marked": PersonalData.date($0.markedAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await UndeliverableAddress.query(on: db).filter(\.$id == user.email.lowercased()).delete()
    }
}
