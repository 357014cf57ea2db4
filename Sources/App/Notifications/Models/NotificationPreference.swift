import Fluent
import Foundation

/// How a person wants one kind of notification to reach them. No row: the default
/// (`Delivery.default`).
final class NotificationPreference: Model, @unchecked Sendable {
    static let schema = "notification_preferences"

    enum Delivery: String, Codable, Sendable, CaseIterable {
        /// An e-mail as soon as it happens.
        case now
        /// Listed in the morning's digest.
        case digest
        /// Only in the app (the header's count and My support).
        case app

        /// What a person gets before choosing: one e-mail a morning at most.
        static let `default` = Delivery.digest
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "kind") var kind: AppNotification.Kind
    @Field(key: "delivery") var delivery: Delivery

    init() {}

    init(userID: UUID, kind: AppNotification.Kind, delivery: Delivery) {
        self.$user.id = userID
        self.kind = kind
        self.delivery = delivery
    }
}

/// When a person's digest goes: their time zone and morning hour, and when the last went.
/// No row: the zone of their school's country, at 7:00.
final class MailSchedule: Model, @unchecked Sendable {
    static let schema = "mail_settings"
    static let defaultHour = 7
    static let hours = Array(5...11)

    @ID(custom: "user_id", generatedBy: .user) var id: UUID?
    @OptionalField(key: "time_zone") var timeZone: String?
    @Field(key: "digest_hour") var digestHour: Int
    @OptionalField(key: "last_digest_at") var lastDigestAt: Date?
    /// Turned off by a digest's one-click link: no digest goes, whatever the kinds say (kinds
    /// added later included), until the person chooses a digest again.
    @Field(key: "digests_off") var digestsOff: Bool

    init() {}

    init(userID: UUID, timeZone: String?, digestHour: Int = MailSchedule.defaultHour) {
        self.id = userID
        self.timeZone = timeZone
        self.digestHour = digestHour
        self.digestsOff = false
    }

    /// The hours after the chosen one in which a digest may still go (a server that was down
    /// at seven sends it at eight); later that day it waits for the next morning.
    static let window = 3
}

/// A one-click unsubscribe link of a digest (RFC 8058): the link carries a random token, only
/// its hash is kept, and it can do one thing: turn that person's digests off.
final class UnsubscribeLink: Model, @unchecked Sendable {
    static let schema = "unsubscribe_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(tokenHash: String, userID: UUID, createdAt: Date) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.createdAt = createdAt
    }
}

extension NotificationPreference: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await NotificationPreference.query(on: db).filter(\.$user.$id == user.requireID()).all()
            .map { ["kind": $0.kind.rawValue, "delivery": $0.delivery.rawValue] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await NotificationPreference.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension MailSchedule: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await MailSchedule.query(on: db).filter(\.$id == user.requireID()).all()
            .map { ["time_zone": $0.timeZone ?? "", "digest_hour": String($0.digestHour), "last_digest": PersonalData.date($0.lastDigestAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await MailSchedule.query(on: db).filter(\.$id == user.requireID()).delete()
    }
}

extension UnsubscribeLink: PersonalDataHolder {
    static var personalDataTable: String { schema }
    /// When each digest's link was made; never the link's hash.
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await UnsubscribeLink.query(on: db).filter(\.$user.$id == user.requireID()).sort(\.$createdAt).all()
            .map { ["made": PersonalData.date($0.createdAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await UnsubscribeLink.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}
