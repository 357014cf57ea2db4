import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Finding the surveys a person runs, and what the policy needs to know about one.
struct Surveys {
    let db: any Database

    /// The languages a survey may be offered in: those of the interface.
    static var supportedLanguages: Set<String> { Set(Language.allCases.map(\.rawValue)) }

    /// `hasToken`: the respondent holds an unused single-use link (needed where the survey
    /// takes answers only through those).
    func resource(_ survey: Survey, today: String, hasToken: Bool = false) async throws -> Policy.Resource {
        var schoolNetwork: UUID?
        if let schoolID = survey.$school.id { schoolNetwork = try await School.find(schoolID, on: db)?.$network.id }
        return Self.resource(survey, schoolNetwork: schoolNetwork, today: today, hasToken: hasToken)
    }

    /// The same, when the network of the survey's school is known already.
    static func resource(_ survey: Survey, schoolNetwork: UUID?, today: String, hasToken: Bool = false) -> Policy.Resource {
        .survey(
            schoolID: survey.$school.id, networkID: survey.$network.id, schoolNetworkID: schoolNetwork,
            open: survey.acceptsAnswers(today: today) && (!survey.requiresToken || hasToken))
    }

    /// How many responses each survey has, in one query.
    func responseCounts(_ surveyIDs: [UUID]) async throws -> [UUID: Int] {
        guard !surveyIDs.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.select().column("survey_id").column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .from(SurveyResponse.schema).where("survey_id", .in, surveyIDs).groupBy("survey_id").all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: "survey_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }

    /// The unused token of `secret` for `survey`, if any.
    func unusedToken(_ secret: String?, survey: Survey) async throws -> SurveyToken? {
        guard let secret, SecretToken.looksValid(secret) else { return nil }
        return try await SurveyToken.query(on: db).filter(\.$tokenHash == SecretToken.hash(secret)).filter(\.$survey.$id == survey.requireID())
            .filter(\.$usedOn == nil).first()
    }

    /// Where a person may make a survey: networks they coordinate, then schools they lead,
    /// each in the reader's alphabet.
    func scopes(for principal: Principal, collation: Collation) async throws -> [(value: String, label: String)] {
        let schools = collation.sorted(try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).all(), by: \.name)
            .filter { Policy.allows(principal, .createSurvey, $0.policyResource) }
        let networks = collation.sorted(try await Network.query(on: db).filter(\.$id ~~ Array(principal.coordinatedNetworks)).all(), by: \.name)
            .filter { Policy.allows(principal, .createSurvey, .network(id: $0.id ?? UUID())) }
        return networks.map { ("network:" + ($0.id?.uuidString ?? ""), $0.name) } + schools.map { ("school:" + ($0.id?.uuidString ?? ""), $0.name) }
    }

    /// The surveys a person runs, newest first.
    func manageable(for principal: Principal, today: String) async throws -> [Survey] {
        var query = Survey.query(on: db)
        if case .some(let led, let networks) = Policy.oversight(principal) {
            let networkSchools = try await School.query(on: db).filter(\.$network.$id ~~ Array(networks)).all().compactMap(\.id)
            let schools = Array(led) + networkSchools
            query = query.group(.or) { $0.filter(\.$school.$id ~~ schools).filter(\.$network.$id ~~ Array(networks)) }
        }
        let surveys = try await query.sort(\.$createdAt, .descending).all()
        let networkOf = Dictionary(
            try await School.query(on: db).filter(\.$id ~~ surveys.compactMap { $0.$school.id }).all()
                .compactMap { school in school.id.map { ($0, school.$network.id) } }, uniquingKeysWith: { a, _ in a })
        let result = surveys.filter { survey in
            Policy.allows(principal, .manageSurvey, Self.resource(survey, schoolNetwork: survey.$school.id.flatMap { networkOf[$0] ?? nil }, today: today))
        }
        return result
    }

    /// A new secret for a survey's public link.
    static func newSlug() -> String {
        String(SecretToken.generate().filter { $0.isLetter || $0.isNumber }.prefix(22))
    }

    /// The schools a survey can be shown in: its school, or its network's schools.
    func audienceSchools(of survey: Survey) async throws -> [School] {
        if let schoolID = survey.$school.id { return try await School.query(on: db).filter(\.$id == schoolID).all() }
        guard let networkID = survey.$network.id else { return [] }
        return try await School.query(on: db).filter(\.$network.$id == networkID).sort(\.$name).all()
    }

    /// Open surveys shown to `userID` on their home page (by their `roles` in the chosen
    /// schools: the principal's, so that the memberships are not read again) that they have
    /// not answered yet.
    func forMember(_ userID: UUID, roles: [UUID: SchoolRole], today: String) async throws -> [Survey] {
        guard !roles.isEmpty else { return [] }
        let answered = Set(try await SurveyParticipation.query(on: db).filter(\.$user.$id == userID).all().map { $0.$survey.id })
        return try await Survey.query(on: db).filter(\.$status == .open).filter(\.$audienceRoles != "").sort(\.$createdAt, .descending).all()
            .filter { survey in
                survey.acceptsAnswers(today: today) && !answered.contains(survey.id ?? UUID())
                    && roles.contains { survey.schools.contains($0.key) && survey.roles.contains($0.value) }
            }
    }

    /// How many of the people a survey is shown to have answered, per school: the people
    /// with the chosen roles, and those of them who answered (kept apart from the answers).
    func responseRates(of survey: Survey) async throws -> [(school: School, asked: Int, answered: Int)] {
        guard !survey.roles.isEmpty else { return [] }
        let schools = try await audienceSchools(of: survey).filter { survey.schools.contains($0.id ?? UUID()) }
        let members = try await Membership.query(on: db).filter(\.$school.$id ~~ schools.compactMap(\.id))
            .filter(\.$role ~~ Array(survey.roles)).all()
        let answered = Set(try await SurveyParticipation.query(on: db).filter(\.$survey.$id == survey.requireID()).all().map { $0.$user.id })
        return schools.map { school in
            let asked = Set(members.filter { $0.$school.id == school.id }.map { $0.$user.id })
            return (school, asked.count, asked.intersection(answered).count)
        }
    }
}
