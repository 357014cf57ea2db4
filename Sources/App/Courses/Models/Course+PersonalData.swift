import Fluent
import Foundation

// What a person has in courses (see `PersonalData`): their enrolments and everything under
// them (steps finished, quiz attempts, reflections), comments they wrote, certificates,
// learning statements, and the courses and cohorts they made or facilitate.

private func enrolmentIDs(_ user: User, on db: any Database) async throws -> [UUID] {
    try await CourseEnrolment.query(on: db).filter(\.$user.$id == user.requireID()).all().compactMap(\.id)
}

extension Course: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await Course.query(on: db).filter(\.$createdBy.$id == user.requireID()).all()
            .map { ["course": $0.slug, "created": PersonalData.date($0.createdAt)] }
    }
    /// The course stays in the catalogue, without its author's name.
    static func erase(_ user: User, on db: any Database) async throws {
        try await Course.query(on: db).filter(\.$createdBy.$id == user.requireID()).set(\.$createdBy.$id, to: nil).update()
    }
}

extension CourseCohort: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        let id = try user.requireID()
        return try await CourseCohort.query(on: db).group(.or) { $0.filter(\.$facilitator.$id == id).filter(\.$createdBy.$id == id) }.all()
            .map { ["cohort": $0.name, "facilitator": $0.$facilitator.id == id ? "yes" : "no", "from": $0.startsOn, "to": $0.endsOn] }
    }
    /// The cohort goes on without them as facilitator or maker.
    static func erase(_ user: User, on db: any Database) async throws {
        let id = try user.requireID()
        try await CourseCohort.query(on: db).filter(\.$facilitator.$id == id).set(\.$facilitator.$id, to: nil).update()
        try await CourseCohort.query(on: db).filter(\.$createdBy.$id == id).set(\.$createdBy.$id, to: nil).update()
    }
}

extension CourseEnrolment: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await CourseEnrolment.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$course).all()
            .map { ["course": $0.course.slug, "enrolled": PersonalData.date($0.createdAt), "completed": PersonalData.date($0.completedAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await CourseEnrolment.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension ActivityCompletion: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await ActivityCompletion.query(on: db).filter(\.$enrolment.$id ~~ enrolmentIDs(user, on: db)).with(\.$activity).all()
            .map { ["step": $0.activity.key, "finished": PersonalData.date($0.completedAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await ActivityCompletion.query(on: db).filter(\.$enrolment.$id ~~ enrolmentIDs(user, on: db)).delete()
    }
}

extension QuizAttempt: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await QuizAttempt.query(on: db).filter(\.$enrolment.$id ~~ enrolmentIDs(user, on: db)).with(\.$activity).all()
            .map {
                [
                    "quiz": $0.activity.key, "attempt": String($0.number), "score": String($0.score), "answers": $0.resultJSON,
                    "when": PersonalData.date($0.createdAt),
                ]
            }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await QuizAttempt.query(on: db).filter(\.$enrolment.$id ~~ enrolmentIDs(user, on: db)).delete()
    }
}

/// A learner's requests for another attempt (theirs), and the grants a facilitator gave (the
/// giver's name is not theirs to keep: it is set to nobody when the giver is erased).
extension QuizAttemptRequest: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await QuizAttemptRequest.query(on: db).filter(\.$enrolment.$id ~~ enrolmentIDs(user, on: db)).with(\.$activity).all()
            .map { ["quiz": $0.activity.key, "asked": PersonalData.date($0.requestedAt), "given": PersonalData.date($0.grantedAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await QuizAttemptRequest.query(on: db).filter(\.$enrolment.$id ~~ enrolmentIDs(user, on: db)).delete()
        try await QuizAttemptRequest.query(on: db).filter(\.$grantedBy.$id == user.requireID()).set(\.$grantedBy.$id, to: nil).update()
    }
}

extension CourseReflection: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await CourseReflection.query(on: db).filter(\.$enrolment.$id ~~ enrolmentIDs(user, on: db)).with(\.$activity).all()
            .map { ["task": $0.activity.key, "reflection": $0.body, "shared": $0.shared ? "yes" : "no", "updated": PersonalData.date($0.updatedAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await CourseReflection.query(on: db).filter(\.$enrolment.$id ~~ enrolmentIDs(user, on: db)).delete()
    }
}

extension ReflectionComment: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await ReflectionComment.query(on: db).filter(\.$author.$id == user.requireID()).all()
            .map { ["comment": $0.body, "written": PersonalData.date($0.createdAt)] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await ReflectionComment.query(on: db).filter(\.$author.$id == user.requireID()).delete()
    }
}

extension CourseCredential: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await CourseCredential.query(on: db).filter(\.$user.$id == user.requireID()).all()
            .map {
                [
                    "certificate": "urn:uuid:" + ($0.id ?? UUID()).uuidString.lowercased(), "course": $0.courseTitle,
                    "issued": PersonalData.date($0.issuedAt), "revoked": PersonalData.date($0.revokedAt), "credential": $0.token,
                ]
            }
    }
    /// The certificate names the person, so it goes; its public page then says it is unknown.
    static func erase(_ user: User, on db: any Database) async throws {
        try await CourseCredential.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension LearningStatement: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await LearningStatement.query(on: db).filter(\.$user.$id == user.requireID()).sort(\.$createdAt).all()
            .map { ["statement": $0.statementJSON] }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await LearningStatement.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }
}

extension CourseReview: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await CourseReview.query(on: db).filter(\.$reviewer.$id == user.requireID()).all()
            .map { ["reviewed": $0.title, "provider": $0.provider, "written": PersonalData.date($0.createdAt)] }
    }
    /// The review stays for the network, without its writer's name.
    static func erase(_ user: User, on db: any Database) async throws {
        try await CourseReview.query(on: db).filter(\.$reviewer.$id == user.requireID()).set(\.$reviewer.$id, to: nil).update()
    }
}

extension CohortInvitation: PersonalDataHolder {
    static var personalDataTable: String { schema }
    /// Invitations to the person's address, and those they sent (without the invitee's address).
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        let received = try await CohortInvitation.query(on: db).filter(\.$email == user.email).with(\.$cohort).all()
            .map {
                [
                    "direction": "received", "cohort": $0.cohort.name, "status": $0.status.rawValue, "sent_at": PersonalData.date($0.createdAt),
                    "decided_at": PersonalData.date($0.decidedAt),
                ]
            }
        let sent = try await CohortInvitation.query(on: db).filter(\.$invitedBy.$id == user.requireID()).with(\.$cohort).all()
            .map { ["direction": "sent", "cohort": $0.cohort.name, "sent_at": PersonalData.date($0.createdAt)] }
        return received + sent
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await CohortInvitation.query(on: db).filter(\.$email == user.email).delete()
        try await CohortInvitation.query(on: db).filter(\.$invitedBy.$id == user.requireID()).set(\.$invitedBy.$id, to: nil).update()
    }
}
