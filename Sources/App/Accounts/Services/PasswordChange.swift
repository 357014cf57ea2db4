import Fluent
import Foundation

/// What a new password ends, in one place so that every way of setting one does the same
/// (ASVS 3.3.3; issue #14, class 8): every login session, every outstanding reset link
/// (an older link must not work after a newer one was used) and every API token (a token
/// minted by whoever knew the old password must not outlive it).
enum PasswordChange {
    static func endCredentials(of userID: UUID, at now: Date, on db: any Database) async throws {
        try await LoginSession.query(on: db).filter(\.$user.$id == userID).delete()
        try await PasswordReset.query(on: db)
            .filter(\.$user.$id == userID).filter(\.$usedAt == nil)
            .set(\.$usedAt, to: now).update()
        try await APIToken.query(on: db)
            .filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
    }
}
