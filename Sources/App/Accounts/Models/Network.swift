import Fluent
import Foundation

/// A group of schools that work together: a consortium, a region, a ministry's programme.
final class Network: Model, @unchecked Sendable {
    static let schema = "networks"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "name") var name: String
    @Field(key: "description") var summary: String

    // MARK: relationships
    @Children(for: \.$network) var schools: [School]

    init() {}

    init(id: UUID? = nil, name: String, summary: String = "") {
        self.id = id
        self.name = name
        self.summary = summary
    }
}
