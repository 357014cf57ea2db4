import Crypto
import Domain
import Fluent
import Foundation
import SQLKit

/// A network's logo: kept, replaced, removed, and where others find it. Courses ask here for
/// the address to put on a certificate and in the issuer profile; they never read the table.
enum NetworkLogos {
    /// The logo's address with its version, or nil when the network has none. Reads the hash
    /// alone, never the bytes.
    static func path(network: UUID?, on db: any Database) async throws -> String? {
        guard let network,
            let logo = try await NetworkLogo.query(on: db).filter(\.$network.$id == network)
                .field(\.$id).field(\.$sha256).first()
        else { return nil }
        return address(network: network, version: logo.version)
    }

    /// The one place the versioned address is written.
    private static func address(network: UUID, version: String) -> String {
        SiteURL.networkLogo(.value(network)).path(["v": version])
    }

    /// The image to serve, whole.
    static func image(network: UUID, on db: any Database) async throws -> NetworkLogo? {
        try await NetworkLogo.query(on: db).filter(\.$network.$id == network).first()
    }

    /// What the page needs to show the logo now in use: its size and address.
    struct Summary: Sendable {
        var path: String
        var width: Int
        var height: Int
        var bytes: Int
        var contentType: String
    }

    static func summary(network: UUID, on db: any Database) async throws -> Summary? {
        guard let logo = try await image(network: network, on: db) else { return nil }
        return Summary(
            path: address(network: network, version: logo.version),
            width: logo.width, height: logo.height, bytes: logo.image.count, contentType: logo.contentType)
    }

    /// Checks `bytes` (`LogoImage`, whose `Problem` it throws for a file it refuses) and
    /// makes them the network's logo, replacing any before.
    static func replace(network: UUID, bytes: [UInt8], on db: any Database) async throws -> LogoImage {
        let image = try LogoImage.check(bytes)
        // Published without what the file says about who made it (a place, a name, a device).
        guard let bytes = LogoImage.withoutMetadata(bytes) else { throw LogoImage.Problem.notAnImage }
        let hash = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        try await db.writeTransaction { db in
            // Two uploads at once take turns: on PostgreSQL both would find nothing to delete
            // and the second insert would fail on the one-a-network index (SQLite's write
            // transactions already take turns).
            try await db.lockRow(of: Network.self, id: network)
            try await NetworkLogo.query(on: db).filter(\.$network.$id == network).delete()
            try await NetworkLogo(
                networkID: network, contentType: image.contentType, image: Data(bytes), sha256: hash, width: image.width, height: image.height
            ).create(on: db)
        }
        return image
    }

    static func remove(network: UUID, on db: any Database) async throws {
        try await NetworkLogo.query(on: db).filter(\.$network.$id == network).delete()
    }
}
