import Domain
import Fluent
import Foundation

/// Every change to who belongs to a school, and in which role, goes through here: the
/// membership changes and a line is added to the school's staff record, in one transaction.
/// The record is what lets staff notice a leader's second account or a new "counsellor"
/// (issue 14, class 5); the role's start date is what the Policy's cooling-off counts from.
enum StaffRecord {
    /// Makes `userID` a member of `schoolID` (nothing when they already are).
    @discardableResult
    static func join(
        userID: UUID, schoolID: UUID, role: SchoolRole, by actorID: UUID?, at now: Date,
        on db: any Database
    ) async throws -> Membership {
        if let existing = try await Membership.query(on: db).filter(\.$user.$id == userID).filter(\.$school.$id == schoolID).first() {
            return existing
        }
        let membership = Membership(userID: userID, schoolID: schoolID, role: role, since: now)
        try await db.writeTransaction { db in
            try await membership.save(on: db)
            try await StaffChange(kind: .joined, role: role, occurredAt: now, schoolID: schoolID, userID: userID, actorID: actorID).save(on: db)
        }
        return membership
    }

    /// Gives a member another role; its cooling-off starts again (a teacher made counsellor
    /// sees no more than a newcomer would).
    static func changeRole(_ membership: Membership, to role: SchoolRole, by actorID: UUID?, at now: Date, on db: any Database) async throws {
        let previous = membership.role
        guard previous != role else { return }
        membership.role = role
        membership.roleSince = now
        membership.clearedAt = nil
        try await db.writeTransaction { db in
            try await membership.save(on: db)
            try await StaffChange(
                kind: .roleChanged, role: role, previousRole: previous, occurredAt: now,
                schoolID: membership.$school.id, userID: membership.$user.id, actorID: actorID
            ).save(on: db)
        }
    }

    /// Removes a member from the school.
    static func remove(_ membership: Membership, by actorID: UUID?, at now: Date, on db: any Database) async throws {
        try await db.writeTransaction { db in
            try await StaffChange(
                kind: .left, role: membership.role, occurredAt: now,
                schoolID: membership.$school.id, userID: membership.$user.id, actorID: actorID
            ).save(on: db)
            try await membership.delete(on: db)
        }
    }

    /// How long a removed member can be restored in one step (issue 18: nothing lost to one
    /// click). After that, or once they have joined again, an invitation brings them back.
    static let restoreWindow: TimeInterval = 30 * 24 * 3600

    /// The removals of the last `restoreWindow` that can still be undone, newest first: the
    /// person's latest change in this school is that removal, and their account still exists
    /// (an erased account takes its staff record with it).
    static func restorable(schoolID: UUID, now: Date, on db: any Database) async throws -> [StaffChange] {
        let since = now.addingTimeInterval(-restoreWindow)
        let recent = try await StaffChange.query(on: db).filter(\.$school.$id == schoolID).filter(\.$occurredAt >= since)
            .with(\.$user).sort(\.$occurredAt, .descending).all()
        let members = Set(
            try await Membership.query(on: db).filter(\.$school.$id == schoolID).filter(\.$user.$id ~~ recent.map(\.$user.id)).all()
                .map(\.$user.id))
        var seen = Set<UUID>()
        return recent.filter { change in
            // Only each person's latest change counts: a removal followed by a rejoin is not
            // restorable, a rejoin followed by another removal is.
            guard seen.insert(change.$user.id).inserted else { return false }
            return change.kind == .left && !members.contains(change.$user.id)
        }
    }

    enum RestoreFailure: Error { case notRestorable }

    /// Gives a removed member their place back, in the role they left with. Their role starts
    /// again now, so a support role waits out its cooling-off as a newcomer's would: a restore
    /// is never a way round it. Throws `notRestorable` when the removal is not among
    /// `restorable` (too old, already undone, the person back by invitation).
    @discardableResult
    static func restore(changeID: UUID, schoolID: UUID, by actorID: UUID?, at now: Date, on db: any Database) async throws -> Membership {
        guard let change = try await restorable(schoolID: schoolID, now: now, on: db).first(where: { $0.id == changeID }) else {
            throw RestoreFailure.notRestorable
        }
        let membership = Membership(userID: change.$user.id, schoolID: schoolID, role: change.role, since: now)
        do {
            try await db.writeTransaction { db in
                try await membership.save(on: db)
                try await StaffChange(
                    kind: .restored, role: change.role, occurredAt: now, schoolID: schoolID, userID: change.$user.id, actorID: actorID
                ).save(on: db)
            }
        } catch  where (error as? any DatabaseError)?.isConstraintFailure == true {
            // Restored (or joined) at the same moment by another request: one membership per
            // person and school, so this one has nothing left to do.
            throw RestoreFailure.notRestorable
        }
        return membership
    }

    /// A coordinator of the school's network ends a new member's cooling-off early.
    static func clear(_ membership: Membership, by actorID: UUID, at now: Date, on db: any Database) async throws {
        membership.clearedAt = now
        try await db.writeTransaction { db in
            try await membership.save(on: db)
            try await StaffChange(
                kind: .cleared, role: membership.role, occurredAt: now,
                schoolID: membership.$school.id, userID: membership.$user.id, actorID: actorID
            ).save(on: db)
        }
    }

    /// The school's record, newest first, with who changed and who made the change.
    static func changes(schoolID: UUID, limit: Int = 50, on db: any Database) async throws -> [StaffChange] {
        try await StaffChange.query(on: db).filter(\.$school.$id == schoolID).with(\.$user).with(\.$actor)
            .sort(\.$occurredAt, .descending).limit(limit).all()
    }
}
