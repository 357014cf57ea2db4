import Domain
import Fluent
import Foundation
import Vapor

/// Finding the surveys a person runs, and what the policy needs to know about one.
struct Surveys {
    let db: any Database

    /// The languages a survey may be offered in: those of the interface.
    static var supportedLanguages: Set<String> { Set(Language.allCases.map(\.rawValue)) }

    /// Today's date as surveys store it (UTC, no time).
    static func today(_ now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", c.year ?? 2000, c.month ?? 1, c.day ?? 1)
    }

    func resource(_ survey: Survey, today: String) async throws -> Policy.Resource {
        var schoolNetwork: UUID?
        if let schoolID = survey.$school.id { schoolNetwork = try await School.find(schoolID, on: db)?.$network.id }
        return .survey(schoolID: survey.$school.id, networkID: survey.$network.id, schoolNetworkID: schoolNetwork,
                       open: survey.acceptsAnswers(today: today))
    }

    /// Where a person may make a survey: schools they lead, networks they coordinate.
    func scopes(for principal: Principal) async throws -> [(value: String, label: String)] {
        let schools = try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).sort(\.$name).all()
            .filter { Policy.allows(principal, .createSurvey, $0.policyResource) }
        let networks = try await Network.query(on: db).filter(\.$id ~~ Array(principal.coordinatedNetworks)).sort(\.$name).all()
            .filter { Policy.allows(principal, .createSurvey, .network(id: $0.id ?? UUID())) }
        return networks.map { ("network:" + ($0.id?.uuidString ?? ""), $0.name) } + schools.map { ("school:" + ($0.id?.uuidString ?? ""), $0.name) }
    }

    /// The surveys a person runs, newest first.
    func manageable(for principal: Principal, today: String) async throws -> [Survey] {
        var query = Survey.query(on: db)
        if !principal.isAdmin {
            let led = principal.schoolRoles.filter { $0.value == .leader }.map(\.key)
            let networks = Array(principal.coordinatedNetworks)
            let networkSchools = try await School.query(on: db).filter(\.$network.$id ~~ networks).all().compactMap(\.id)
            let schools = led + networkSchools
            query = query.group(.or) { $0.filter(\.$school.$id ~~ schools).filter(\.$network.$id ~~ networks) }
        }
        var result: [Survey] = []
        for survey in try await query.sort(\.$createdAt, .descending).all()
        where Policy.allows(principal, .manageSurvey, try await resource(survey, today: today)) {
            result.append(survey)
        }
        return result
    }

    /// A new secret for a survey's public link.
    static func newSlug() -> String {
        String(SecretToken.generate().filter { $0.isLetter || $0.isNumber }.prefix(22))
    }
}
