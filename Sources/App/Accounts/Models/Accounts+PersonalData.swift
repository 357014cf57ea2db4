import Fluent
import Foundation

// How each accounts table hands over and erases a person's data (see `PersonalData`).
// Secrets (password and token hashes) are never exported: they say nothing to the
// person and would only help an attacker who got hold of the file.

extension User: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        [
            [
                "email": user.email, "given_name": user.givenName, "family_name": user.familyName,
                "is_admin": String(user.isAdmin), "language": user.language ?? "",
                "created_at": PersonalData.date(user.createdAt), "updated_at": PersonalData.date(user.updatedAt),
            ]
        ]
    }
    static func erase(_ user: User, on db: any Database) async throws { try await user.delete(on: db) }
}

extension Membership: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await Membership.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$school).all()
            .map { ["school": $0.school.name, "role": $0.role.rawValue, "since": PersonalData.date($0.createdAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await Membership.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension NetworkCoordinator: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await NetworkCoordinator.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$network).all()
            .map { ["network": $0.network.name, "since": PersonalData.date($0.createdAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await NetworkCoordinator.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension Invitation: PersonalDataHolder {
    static var personalDataTable: String { schema }
    /// Invitations sent to the person, and those they sent (without the invitee's details).
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        let received = try await Invitation.query(on: db).filter(\.$email == user.email).with(\.$school).all()
            .map {
                [
                    "direction": "received", "school": $0.school.name, "role": $0.role.rawValue,
                    "sent_at": PersonalData.date($0.createdAt), "accepted_at": PersonalData.date($0.acceptedAt),
                ]
            }
        let sent = try await Invitation.query(on: db).filter(\.$invitedBy.$id == user.requireID()).with(\.$school).all()
            .map { ["direction": "sent", "school": $0.school.name, "sent_at": PersonalData.date($0.createdAt)] }
        return received + sent
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await Invitation.query(on: db).filter(\.$email == user.email).delete()
        // Invitations the person sent stay for their invitees; only the link to them goes.
        try await Invitation.query(on: db).filter(\.$invitedBy.$id == user.requireID()).set(\.$invitedBy.$id, to: nil).update()
    }
}

extension PasswordReset: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await PasswordReset.query(on: db).filter(\.$user.$id == user.requireID()).all()
            .map { ["requested_at": PersonalData.date($0.createdAt), "used_at": PersonalData.date($0.usedAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await PasswordReset.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension LoginSession: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await LoginSession.query(on: db).filter(\.$user.$id == user.requireID()).all()
            .map { ["started_at": PersonalData.date($0.createdAt), "last_seen_at": PersonalData.date($0.lastSeenAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await LoginSession.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension LoginFailure: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await LoginFailure.query(on: db).filter(\.$email == user.email).all()
            .map { ["failed_at": PersonalData.date($0.failedAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await LoginFailure.query(on: db).filter(\.$email == user.email).delete()
    }
}

extension APIToken: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await APIToken.query(on: db).filter(\.$user.$id == user.requireID()).all()
            .map {
                [
                    "name": $0.name, "created_at": PersonalData.date($0.createdAt),
                    "last_used_at": PersonalData.date($0.lastUsedAt), "revoked_at": PersonalData.date($0.revokedAt),
                    "scopes": $0.storedScopes ?? "", "expires_at": PersonalData.date($0.expiresAt),
                ]
            }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await APIToken.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension StaffChange: PersonalDataHolder {
    static var personalDataTable: String { schema }
    /// The person's own lines of staff records, and the changes they made to others' (those
    /// without the other person's name: it is theirs).
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        let own = try await StaffChange.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$school).all()
            .map {
                [
                    "direction": "about me", "school": $0.school.name, "change": $0.kind.rawValue, "role": $0.role.rawValue,
                    "at": PersonalData.date($0.occurredAt),
                ]
            }
        let made = try await StaffChange.query(on: db).filter(\.$actor.$id == user.requireID()).with(\.$school).all()
            .map { ["direction": "made by me", "school": $0.school.name, "change": $0.kind.rawValue, "at": PersonalData.date($0.occurredAt)] }
        return own + made
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await StaffChange.query(on: db).filter(\.$user.$id == user.requireID()).delete()
        // Changes the person made to others stay in those records; only the link to them goes.
        try await StaffChange.query(on: db).filter(\.$actor.$id == user.requireID()).set(\.$actor.$id, to: nil).update()
    }
}
