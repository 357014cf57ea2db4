import Fluent
import Foundation

/// A password check that was reserved by `LoginGuard`: while the check runs it stands for
/// an attempt in flight, afterwards for a failure (a success deletes it). Keyed by the
/// normalised email tried and by a pseudonym of the client (a hash of its network address,
/// see `LoginClient`). Rows older than the throttle's window are deleted on the next
/// attempt, so neither outlives an hour.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "email") var email: String
    @Field(key: "failed_at") var failedAt: Date
    /// nil only on rows written before the client was recorded (M022).
    @OptionalField(key: "client") var client: String?

    init() {}

    init(id: UUID? = nil, email: String, client: String? = nil, failedAt: Date) {
        self.id = id
        self.email = email
        self.client = client
        self.failedAt = failedAt
    }
}
