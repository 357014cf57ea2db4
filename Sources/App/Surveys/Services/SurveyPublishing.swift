import Domain
import Fluent
import Foundation

/// Publishing a survey (or changing an open one's dates and audience), the one rule behind
/// both faces: the design page's form and `POST /api/v1/surveys/{id}/publish`. Each face
/// reads its own input into a `Publication` and words the `Problem`s its own way.
struct SurveyPublishing {
    var db: any Database
    var now: Date

    /// What the person asks for. The dates are always set (empty: none); for the others,
    /// `nil` keeps what the survey has.
    struct Publication {
        var opensOn: String
        var closesOn: String
        var anonymous: Bool?
        var requiresToken: Bool?
        /// The roles and schools whose staff see the survey on their home page; nil keeps them.
        var audience: (roles: Set<SchoolRole>, schools: Set<UUID>)?
        /// Schools named without an audience (an API call with `schoolIds` but no `roles`):
        /// checked like an audience's, and not saved.
        var namedSchools: Set<UUID> = []
    }

    enum DateField: String, Sendable { case opensOn, closesOn }

    /// Why the survey was not published; each face words it.
    enum Problem: Equatable {
        case notADay(DateField)
        case closesBeforeOpens
        /// Anonymity was fixed at the first publication, as `anonymous` (respondents were told).
        case anonymityFixed(anonymous: Bool)
        /// The definition cannot be used yet (checked while the survey is a draft).
        case design(DefinitionProblem)
        /// Schools that are not among those the survey may reach.
        case schoolsOutsideAudience
        /// Roles were chosen but no school.
        case rolesWithoutSchools
    }

    /// Publishing a survey whose figures are released: it never opens again (409).
    struct Released: Error {}

    /// Publishes `survey` as asked, or returns what stands in the way (nothing is saved then).
    func publish(_ survey: Survey, _ request: Publication) async throws -> [Problem] {
        if survey.isReleased { throw Released() }
        var problems: [Problem] = []
        let opens = request.opensOn.trimmingCharacters(in: .whitespaces), closes = request.closesOn.trimmingCharacters(in: .whitespaces)
        for (field, value) in [(DateField.opensOn, opens), (.closesOn, closes)] where !value.isEmpty && CalendarDay(value) == nil {
            problems.append(.notADay(field))
        }
        if let o = CalendarDay(opens), let c = CalendarDay(closes), c < o { problems.append(.closesBeforeOpens) }
        // Anonymity is fixed when the survey is first published: its first page promised it
        // (or said that answers carry names) to everyone who began answering.
        let anonymous = request.anonymous ?? survey.anonymous
        if survey.anonymityFixed && anonymous != survey.anonymous { problems.append(.anonymityFixed(anonymous: survey.anonymous)) }
        if survey.status == .draft {
            problems += try survey.definition.problems(supportedLanguages: Surveys.supportedLanguages).map(Problem.design)
        }
        var schools = Set<UUID>()
        if request.audience != nil || !request.namedSchools.isEmpty {
            let offered = Set(try await Surveys(db: db).audienceSchools(of: survey).compactMap(\.id))
            schools = survey.$school.id.map { Set([$0]) } ?? (request.audience?.schools ?? request.namedSchools)
            if !schools.isSubset(of: offered) { problems.append(.schoolsOutsideAudience) }
            if let audience = request.audience, !audience.roles.isEmpty && schools.isEmpty { problems.append(.rolesWithoutSchools) }
        }
        guard problems.isEmpty else { return problems }
        if let audience = request.audience {
            survey.audienceRoles = SchoolRole.allCases.filter(audience.roles.contains).map(\.rawValue).joined(separator: ",")
            survey.audienceSchools = audience.roles.isEmpty ? "" : schools.map(\.uuidString).sorted().joined(separator: ",")
        }
        survey.opensOn = opens
        survey.closesOn = closes
        if let requiresToken = request.requiresToken { survey.requiresToken = requiresToken }
        survey.anonymous = anonymous
        survey.anonymityFixed = true
        survey.status = .open
        try await survey.save(on: db)
        try await SurveyPublication.record(survey, at: now, on: db)
        return []
    }
}
