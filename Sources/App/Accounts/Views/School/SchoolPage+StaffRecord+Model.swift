import Domain
import Fluent
import Foundation

/// What the staff record shows (see SchoolPage+StaffRecord.swift for the section itself).
extension SchoolPage {
    struct StaffRecordModel {
        struct Line {
            var who: String
            var kind: StaffChange.Kind
            var role: SchoolRole
            var previousRole: SchoolRole?
            var when: Date
            /// Who made the change; nil: the person themselves or the instance.
            var by: String?
        }

        struct Newcomer {
            var membershipID: UUID
            var name: String
            var until: Date
        }

        /// Removed in the last 30 days and not back since: those who manage the staff may
        /// restore them (`StaffRecord.restorable`).
        struct Removed {
            var changeID: UUID
            var name: String
            var role: SchoolRole
            var when: Date
        }

        var lines: [Line] = []
        /// Empty for a viewer who may not manage the staff.
        var removed: [Removed] = []
        var newcomers: [Newcomer] = []
        /// The viewer may end a newcomer's wait (a coordinator of the school's network).
        var mayClear = false

        /// `memberships` are the school's, with their people, as the page has already read them.
        static func load(
            schoolID: UUID, memberships: [Membership], mayClear: Bool, mayRestore: Bool, now: Date, on db: any Database
        ) async throws -> StaffRecordModel {
            let lines = try await StaffRecord.changes(schoolID: schoolID, on: db).map {
                Line(who: $0.user.fullName, kind: $0.kind, role: $0.role, previousRole: $0.previousRole, when: $0.occurredAt, by: $0.actor?.fullName)
            }
            let newcomers =
                try memberships
                .compactMap { m -> Newcomer? in
                    guard let since = m.roleSince, !(m.clearedAt.map { $0 >= since } ?? false) else { return nil }
                    let until = since.addingTimeInterval(Principal.coolingOff)
                    return until > now ? Newcomer(membershipID: try m.requireID(), name: m.user.fullName, until: until) : nil
                }
                .sorted { $0.until < $1.until }
            let removed =
                mayRestore
                ? try await StaffRecord.restorable(schoolID: schoolID, now: now, on: db).map {
                    Removed(changeID: try $0.requireID(), name: $0.user.fullName, role: $0.role, when: $0.occurredAt)
                } : []
            return StaffRecordModel(lines: lines, removed: removed, newcomers: newcomers, mayClear: mayClear)
        }
    }
}
