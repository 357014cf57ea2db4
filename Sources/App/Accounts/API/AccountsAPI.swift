import Domain
import Foundation
import Vapor

/// JSON shapes of the accounts API; `Resources/OpenAPI/openapi.json` documents them.
enum AccountsAPI {
    struct Me: Content {
        struct SchoolMembership: Content {
            var schoolId: UUID
            var schoolName: String
            var role: String
        }

        var id: UUID
        var email: String
        var givenName: String
        var familyName: String
        var language: String?
        var isAdmin: Bool
        var memberships: [SchoolMembership]
    }

    struct SchoolDTO: Content {
        var id: UUID
        var name: String
        var code: String
        var country: String
        var city: String
        var language: String
        var networkId: UUID?

        init(_ school: School) throws {
            id = try school.requireID()
            name = school.name
            code = school.code
            country = school.country
            city = school.city
            language = school.language
            networkId = school.$network.id
        }
    }

    struct Member: Content {
        var userId: UUID
        var givenName: String
        var familyName: String
        var role: String
    }

    struct NewInvitation: Content {
        var email: String?
        var givenName: String?
        var familyName: String?
        var role: String?
    }

    struct InvitationDTO: Content {
        var id: UUID
        var email: String
        var givenName: String
        var familyName: String
        var role: String
        var expiresAt: Date
    }
}
