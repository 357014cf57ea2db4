import Domain
import Fluent
import Foundation

/// Who joins a cohort on the coordinator's word, and who is asked first (issue 14, class 6).
/// A coordinator enrols the staff of their own network's schools; anyone else (another
/// network's staff, an account in no school, an address with no account) gets an invitation
/// that they accept or decline. The form answers the same in every one of those cases, so
/// it never tells whether an address has an account.
enum CohortInvitations {
    enum Problem: Error, Equatable {
        /// Already in another cohort of the course: what they shared stays with that cohort.
        case inAnotherCohort
    }

    /// Those of `userIDs` who belong to a school of `networkID`.
    static func networkMembers(_ userIDs: [UUID], networkID: UUID?, on db: any Database) async throws -> Set<UUID> {
        guard let networkID, !userIDs.isEmpty else { return [] }
        let schools = try await School.query(on: db).filter(\.$network.$id == networkID).all().compactMap(\.id)
        guard !schools.isEmpty else { return [] }
        return Set(try await Membership.query(on: db).filter(\.$user.$id ~~ userIDs).filter(\.$school.$id ~~ schools).all().map(\.$user.id))
    }

    /// Whether `userID` may facilitate a cohort of `networkID`: staff of its schools or one of its coordinators.
    static func mayFacilitate(_ userID: UUID, networkID: UUID?, on db: any Database) async throws -> Bool {
        guard let networkID else { return false }
        if try await NetworkCoordinator.query(on: db).filter(\.$user.$id == userID).filter(\.$network.$id == networkID).count() > 0 { return true }
        return try await !networkMembers([userID], networkID: networkID, on: db).isEmpty
    }

    /// The invitations waiting for the person (by their address), with cohort and course.
    static func pending(for user: User, on db: any Database) async throws -> [CohortInvitation] {
        try await CohortInvitation.query(on: db).filter(\.$email == user.email).filter(\.$status == .pending)
            .with(\.$cohort) { $0.with(\.$course).with(\.$network) }.with(\.$invitedBy).sort(\.$createdAt).all()
    }

    /// The person joins the cohort: a course they take alone moves into it, with their consent.
    static func accept(_ invitation: CohortInvitation, userID: UUID, at now: Date, on db: any Database) async throws {
        let cohort = try await invitation.$cohort.get(on: db)
        let courseID = cohort.$course.id
        let existing = try await CourseEnrolment.query(on: db).filter(\.$course.$id == courseID).filter(\.$user.$id == userID).first()
        if let cohortID = existing?.$cohort.id, cohortID != cohort.id { throw Problem.inAnotherCohort }
        try await db.writeTransaction { db in
            if let existing {
                existing.$cohort.id = try cohort.requireID()
                try await existing.save(on: db)
            } else {
                try await CourseEnrolment(courseID: courseID, userID: userID, cohortID: try cohort.requireID()).save(on: db)
            }
            invitation.status = .accepted
            invitation.decidedAt = now
            try await invitation.save(on: db)
        }
    }

    static func decline(_ invitation: CohortInvitation, at now: Date, on db: any Database) async throws {
        invitation.status = .declined
        invitation.decidedAt = now
        try await invitation.save(on: db)
    }
}
