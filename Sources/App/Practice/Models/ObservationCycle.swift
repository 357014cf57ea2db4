import Domain
import Fluent
import Foundation

/// A peer observation cycle: the focus the observed teacher chose and the protocol the
/// observers follow. Its talks and the lesson are the engagement's meetings, its notes
/// the engagement's notes. It is never a grade: there is no score anywhere.
final class ObservationCycle: Model, @unchecked Sendable {
    static let schema = "practice_observation_cycles"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "focus") var focus: String
    @Field(key: "protocol") var observationProtocol: ObservationProtocol

    // MARK: relationships
    @Parent(key: "engagement_id") var engagement: Engagement

    init() {}

    init(id: UUID? = nil, engagementID: UUID, focus: String, observationProtocol: ObservationProtocol) {
        self.id = id
        self.$engagement.id = engagementID
        self.focus = focus
        self.observationProtocol = observationProtocol
    }
}
