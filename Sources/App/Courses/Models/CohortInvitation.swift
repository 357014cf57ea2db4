import Fluent
import Foundation

/// An invitation to join a cohort, for a learner outside the coordinator's network (or an
/// address with no account yet). The learner joins only by accepting it: nobody moves
/// someone into a cohort where others would read what they share and a network they do
/// not belong to would follow them (issue 14, class 6). Kept by address, so the form that
/// makes it says the same whether or not the address has an account.
final class CohortInvitation: Model, @unchecked Sendable {
    static let schema = "course_cohort_invitations"

    enum Status: String, Codable, Sendable { case pending, accepted, declined }

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    /// Normalised as `EmailAddress` does.
    @Field(key: "email") var email: String
    @Field(key: "status") var status: Status
    /// When the learner accepted or declined, by the application's clock.
    @OptionalField(key: "decided_at") var decidedAt: Date?

    // MARK: relationships
    @Parent(key: "cohort_id") var cohort: CourseCohort
    @OptionalParent(key: "invited_by_id") var invitedBy: User?

    init() {}

    init(id: UUID? = nil, cohortID: UUID, email: String, invitedByID: UUID?) {
        self.id = id
        self.$cohort.id = cohortID
        self.email = email
        self.status = .pending
        self.$invitedBy.id = invitedByID
    }
}
