import Domain
import Fluent
import Foundation

/// Forming a cohort from the coordinator's form: its name and dates, the network it belongs
/// to, its facilitator, and its learners, enrolled or invited (`CohortInvitations` decides
/// who is asked first). The page words the problems next to each field.
enum CohortFormation {
    /// The cohort as the coordinator asks for it (`CourseForms.Cohort.plan`), trimmed.
    struct Plan {
        var name: String
        var startsOn: String
        var endsOn: String
        /// The network chosen; nil: the first of the networks the coordinator coordinates.
        var networkID: UUID?
        /// The facilitator's address; empty: none yet.
        var facilitator: String
        /// The learners' entries as typed (addresses, one an entry).
        var learners: [String]
    }

    /// Why the cohort was not formed.
    enum Problem: Equatable, Sendable {
        case name
        case startsOn
        case endsOn
        case endsBeforeStarts
        case network
        case facilitator
        /// Entries of the learners' list that are not e-mail addresses.
        case notAddresses([String])
        /// Learners (by address) already in a cohort of the course.
        case inAnotherCohort([String])
    }

    /// Every problem found, in the order of the form's fields; nothing is saved.
    struct Refused: Error {
        var problems: [Problem]
    }

    /// The cohort formed, with how many people were enrolled and the addresses invited.
    struct Formed {
        var cohort: CourseCohort
        var enrolled: Int
        var invited: [String]
    }

    /// Forms the cohort: the staff of its network's schools are enrolled (and told in the
    /// app), everyone else is invited and joins only by accepting.
    static func form(_ plan: Plan, of course: Course, principal: Principal?, by user: User, on db: any Database) async throws -> Formed {
        var problems: [Problem] = []
        if plan.name.isEmpty || plan.name.count > 120 { problems.append(.name) }
        let startDate = CalendarDay(plan.startsOn)?.date(), endDate = CalendarDay(plan.endsOn)?.date()
        if startDate == nil { problems.append(.startsOn) }
        if endDate == nil { problems.append(.endsOn) }
        if let s = startDate, let e = endDate, e < s { problems.append(.endsBeforeStarts) }
        if let networkID = plan.networkID, !(principal.map { Policy.oversight($0).includes(network: networkID) } ?? false) {
            problems.append(.network)
        }
        let cohortNetwork = plan.networkID ?? principal?.coordinatedNetworks.sorted { $0.uuidString < $1.uuidString }.first
        // Facilitators come from the cohort's network: one answer for an unknown address and
        // for an account elsewhere, so the form never tells whether an address has an account.
        var facilitatorID: UUID?
        if !plan.facilitator.isEmpty {
            var found: User?
            if let email = EmailAddress(plan.facilitator) { found = try await User.query(on: db).filter(\.$email == email.value).first() }
            if let found, try await CohortInvitations.mayFacilitate(try found.requireID(), networkID: cohortNetwork, on: db) {
                facilitatorID = found.id
            } else {
                problems.append(.facilitator)
            }
        }
        let notAddresses = plan.learners.filter { EmailAddress($0) == nil }
        if !notAddresses.isEmpty { problems.append(.notAddresses(notAddresses)) }
        let (learners, invited) = try await sortLearners(plan.learners, networkID: cohortNetwork, on: db)
        // A learner belongs to one cohort: what they shared was shared with that cohort, and
        // moving them would show it to another.
        let courseID = try course.requireID()
        let existing = try await CourseEnrolment.query(on: db).filter(\.$course.$id == courseID)
            .filter(\.$user.$id ~~ learners.compactMap(\.id)).all()
        let inCohort = existing.filter { $0.$cohort.id != nil }.map(\.$user.id)
        if !inCohort.isEmpty { problems.append(.inAnotherCohort(learners.filter { inCohort.contains($0.id ?? UUID()) }.map(\.email))) }
        guard problems.isEmpty else { throw Refused(problems: problems) }

        let userID = try user.requireID()
        let cohort = CourseCohort(
            courseID: courseID, name: plan.name, startsOn: plan.startsOn, endsOn: plan.endsOn,
            facilitatorID: facilitatorID, networkID: cohortNetwork, createdByID: userID)
        let learnerIDs = try learners.map { try $0.requireID() }
        // Enrolled alone so far: they join the cohort; the others are enrolled into it. Decided
        // before the transaction (PostgreSQL aborts a transaction at a failed insert).
        let alone = Dictionary(uniqueKeysWithValues: existing.map { ($0.$user.id, $0) })
        let (actor, link) = (user.fullName, SiteURL.course(.value(course.slug)))
        try await db.writeTransaction { db in
            try await cohort.save(on: db)
            let cohortID = try cohort.requireID()
            for learner in learnerIDs {
                if let enrolment = alone[learner] {
                    enrolment.$cohort.id = cohortID
                    try await enrolment.save(on: db)
                } else {
                    try await CourseEnrolment(courseID: courseID, userID: learner, cohortID: cohortID).save(on: db)
                }
            }
            for address in invited {
                try await CohortInvitation(cohortID: cohortID, email: address, invitedByID: userID).save(on: db)
            }
            try await Notifications.notify(learnerIDs, kind: .cohortEnrolled, actor: actor, link: link, on: db)
        }
        return Formed(cohort: cohort, enrolled: learners.count, invited: invited)
    }

    /// The accounts to enrol (staff of the network's schools) and the addresses to invite
    /// (everyone else), each address once. One query for every address listed, however long
    /// the list.
    private static func sortLearners(_ entries: [String], networkID: UUID?, on db: any Database) async throws -> (enrolled: [User], invited: [String]) {
        var addresses: [String] = []
        for address in entries.compactMap({ EmailAddress($0)?.value }) where !addresses.contains(address) { addresses.append(address) }
        let accounts = addresses.isEmpty ? [] : try await User.query(on: db).filter(\.$email ~~ addresses).all()
        let staff = try await CohortInvitations.networkMembers(accounts.compactMap(\.id), networkID: networkID, on: db)
        let learners = addresses.compactMap { address in accounts.first { $0.email == address && staff.contains($0.id ?? UUID()) } }
        let invited = addresses.filter { address in !learners.contains { $0.email == address } }
        return (learners, invited)
    }
}
