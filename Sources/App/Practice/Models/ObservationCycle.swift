import Domain
import Fluent
import Foundation

/// A peer observation cycle: the focus the observed teacher chose and the protocol the
/// observers follow, a ready one or one the school wrote. Its talks and the lesson are the
/// engagement's meetings, its notes the engagement's notes. It is never a grade: there is
/// no score anywhere.
final class ObservationCycle: Model, @unchecked Sendable {
    static let schema = "practice_observation_cycles"

    /// Stored in `protocol` for a cycle that follows one of its school's own protocols.
    static let schoolProtocolKey = "school"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "focus") var focus: String
    /// A ready protocol's raw value (`ObservationProtocol`), or `school`.
    @Field(key: "protocol") var protocolKey: String

    // MARK: relationships
    @Parent(key: "engagement_id") var engagement: Engagement
    @OptionalParent(key: "school_protocol_id") var schoolProtocol: SchoolProtocol?

    var readyProtocol: ObservationProtocol? { ObservationProtocol(rawValue: protocolKey) }

    init() {}

    init(id: UUID? = nil, engagementID: UUID, focus: String, observationProtocol: ObservationProtocol) {
        self.id = id
        self.$engagement.id = engagementID
        self.focus = focus
        self.protocolKey = observationProtocol.rawValue
    }

    init(id: UUID? = nil, engagementID: UUID, focus: String, schoolProtocolID: UUID) {
        self.id = id
        self.$engagement.id = engagementID
        self.focus = focus
        self.protocolKey = Self.schoolProtocolKey
        self.$schoolProtocol.id = schoolProtocolID
    }
}

/// An observation protocol a school wrote for itself (its development focus, a subject's
/// particular practice): a name and what the observer looks for and writes down, never a
/// score. Retired protocols are no longer offered; cycles that used one keep it.
final class SchoolProtocol: Model, @unchecked Sendable {
    static let schema = "practice_school_protocols"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "name") var name: String
    /// What to look for, one per line, in order.
    @Field(key: "look_fors") var lookForsText: String
    @OptionalField(key: "retired_at") var retiredAt: Date?

    // MARK: relationships
    @Parent(key: "school_id") var school: School
    @OptionalParent(key: "author_id") var author: User?

    var lookFors: [String] { lookForsText.split(separator: "\n").map(String.init) }

    init() {}

    init(id: UUID? = nil, schoolID: UUID, authorID: UUID, name: String, lookFors: [String]) {
        self.id = id
        self.$school.id = schoolID
        self.$author.id = authorID
        self.name = name
        self.lookForsText = lookFors.joined(separator: "\n")
    }
}
