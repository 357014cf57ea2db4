import Fluent
import Foundation

/// A network's logo, shown on the certificates it issues and in its Open Badges issuer
/// profile (issue 18, point 7). One a network; the bytes are kept in the database, as small
/// as `LogoImage` allows, so that every node of a deployment serves the same file without a
/// shared disk.
final class NetworkLogo: Model, @unchecked Sendable {
    static let schema = "network_logos"

    // MARK: managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // MARK: data
    @Field(key: "content_type") var contentType: String
    @Field(key: "image") var image: Data
    /// SHA-256 of the bytes, hex: the logo's address changes with it, so a browser's cached
    /// copy is never stale.
    @Field(key: "sha256") var sha256: String
    /// The `?v=` of the logo's address: the hash's first 16 hex digits.
    var version: String { String(sha256.prefix(16)) }
    @Field(key: "width") var width: Int
    @Field(key: "height") var height: Int

    // MARK: relationships
    @Parent(key: "network_id") var network: Network

    init() {}

    init(networkID: UUID, contentType: String, image: Data, sha256: String, width: Int, height: Int) {
        self.$network.id = networkID
        self.contentType = contentType
        self.image = image
        self.sha256 = sha256
        self.width = width
        self.height = height
    }
}
