import Fluent
import Foundation

/// A school. Every row that belongs to a school carries its id, and every query on
/// such rows filters on it (see docs/ARCHITECTURE.md, "Tenancy").
final class School: Model, @unchecked Sendable {
    static let schema = "schools"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // MARK: data
    @Field(key: "name") var name: String
    /// A short code, unique in the instance, used in roster files (e.g. `LV-RIGA-45`).
    @Field(key: "code") var code: String
    /// ISO 3166-1 alpha-2.
    @Field(key: "country") var country: String
    @Field(key: "city") var city: String
    /// The language new staff see before they choose one.
    @Field(key: "language") var language: String

    // MARK: relationships
    @OptionalParent(key: "network_id") var network: Network?

    init() {}

    init(
        id: UUID? = nil, name: String, code: String, country: String, city: String,
        language: String, networkID: UUID?
    ) {
        self.id = id
        self.name = name
        self.code = code
        self.country = country
        self.city = city
        self.language = language
        self.$network.id = networkID
    }
}
