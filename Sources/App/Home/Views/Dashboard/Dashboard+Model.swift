import Domain
import Fluent
import Foundation

enum Dashboard {
    /// What the signed-in person sees on their home page.
    struct Model {
        struct SchoolEntry {
            var id: UUID
            var name: String
            var city: String
            var country: String
            var role: SchoolRole
        }

        var givenName: String
        var schools: [SchoolEntry]
        struct NetworkEntry {
            var id: UUID
            var name: String
            var schools: [(id: UUID, name: String, city: String, country: String)]
            /// Staff and support under way in each school (only those the coordinator may count).
            var glance: [UUID: Today.SchoolGlance] = [:]
        }

        var coordinatedNetworks: [NetworkEntry]
        var isAdmin: Bool
        /// Open surveys shown to this person (by role in their school) not yet answered.
        var surveys: [(title: String, slug: String, closesOn: String)] = []
        /// The courses the person is enrolled in, with their progress.
        var courses: [(slug: String, title: String, percent: Int, completed: Bool)] = []
        /// Cohorts the person is invited to join and has not answered yet.
        var cohortInvitations: [CohortInvitationsSection.Item] = []
        /// The person's address, when the mail server refused it for good: told on every visit
        /// home until the address changes.
        var undeliverableEmail: String?
        /// The request's clock, and the zone the day is told in (the person's first school's).
        var now = Date()
        var timeZone = TimeZone.gmt
        /// Meetings under way and in the next days.
        var meetings: [Today.MeetingItem] = []
        /// Well-being check-in periods open now and not yet answered.
        var openCheckIns: [String] = []
        var unread: [AppNotification] = []
        var unreadCount = 0
        /// Colleagues' questions the person may take; `raisedQuestions` of them waited past their time.
        var openQuestions = 0
        var raisedQuestions = 0
        var schoolTasks: [Today.SchoolTasks] = []
        var programmeTasks: [Today.ProgrammeTasks] = []

        /// Whether the "What's next" region has anything to show (its empty state included).
        var hasNext: Bool {
            nothingNext || !meetings.isEmpty || !openCheckIns.isEmpty || !surveys.isEmpty || !unread.isEmpty || openQuestions > 0
                || !courses.isEmpty
        }

        /// A member of a school with nothing planned, waiting or new: the page says what to do first.
        var nothingNext: Bool {
            !schools.isEmpty && schoolTasks.isEmpty && programmeTasks.isEmpty && meetings.isEmpty && openCheckIns.isEmpty && surveys.isEmpty && unread.isEmpty
                && openQuestions == 0
                && courses.allSatisfy(\.completed) && cohortInvitations.isEmpty
        }

        /// `principal` is the request's own (`req.principal()`): the person's schools and
        /// networks come from it rather than from the same tables read again.
        static func load(
            for user: User, principal: Principal, on db: any Database, now: Date, today: String, language: String, unread: Int
        ) async throws -> Model {
            let userID = try user.requireID()
            let collation = Collation(languageCode: language)
            let schools = try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).all()
            let networks =
                principal.coordinatedNetworks.isEmpty
                ? [] : try await Network.query(on: db).filter(\.$id ~~ Array(principal.coordinatedNetworks)).with(\.$schools).all()
            var model = Model(
                givenName: user.givenName,
                schools: collation.sorted(
                    try schools.compactMap { school in
                        try principal.schoolRoles[school.requireID()].map { role in
                            SchoolEntry(id: try school.requireID(), name: school.name, city: school.city, country: school.country, role: role)
                        }
                    }, by: \.name),
                coordinatedNetworks: collation.sorted(
                    try networks.map { network in
                        NetworkEntry(
                            id: try network.requireID(), name: network.name,
                            schools: collation.sorted(try network.schools.map { (try $0.requireID(), $0.name, $0.city, $0.country) }, by: \.1))
                    }, by: \.name),
                isAdmin: user.isAdmin)
            model.surveys = try await Surveys(db: db).forMember(userID, roles: principal.schoolRoles, today: today).map { survey in
                (
                    (try? survey.definition).map { $0.title.text(language, fallback: $0.baseLanguage) } ?? survey.title,
                    survey.slug, survey.closesOn
                )
            }
            model.courses = try await CourseCatalogue.myCourses(userID: userID, language: language, on: db)
            model.cohortInvitations = CohortInvitationsSection.items(try await CohortInvitations.pending(for: user, on: db), language: language)
            if try await Outbox.undeliverable(user.email, on: db) != nil { model.undeliverableEmail = user.email }
            model.now = now
            // The day is told in the zone of the person's first school, or of the first school
            // of a network they coordinate.
            let country = model.schools.first?.country ?? model.coordinatedNetworks.first?.schools.first?.country ?? ""
            model.timeZone = TimeZone(identifier: Meetings.zone(forCountry: country)) ?? .gmt
            model.meetings = try await Today.meetings(of: userID, now: now, on: db)
            model.openCheckIns = try await Today.openCheckIns(of: user, now: now, on: db)
            model.unread = try await Today.latestUnread(of: userID, unread: unread, on: db)
            model.unreadCount = unread
            (model.openQuestions, model.raisedQuestions) = try await Today.questions(principal: principal, now: now, on: db)
            model.schoolTasks = try await Today.schoolTasks(principal: principal, now: now, collation: collation, on: db)
            model.programmeTasks = try await Today.programmeTasks(principal: principal, now: now, on: db)
            let glance = try await Today.glance(of: networks.flatMap(\.schools), principal: principal, on: db)
            for index in model.coordinatedNetworks.indices {
                for school in model.coordinatedNetworks[index].schools { model.coordinatedNetworks[index].glance[school.id] = glance[school.id] }
            }
            return model
        }
    }
}
