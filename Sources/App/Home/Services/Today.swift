import Domain
import Fluent
import Foundation

/// What is next for a person, gathered for the home page from each module (Home is the one
/// room that reads every module's summary). Each part asks the module's own rule or the
/// `Policy`, so the home page never shows more than the page it links to.
enum Today {
    /// How far ahead the home page looks for meetings.
    static let horizonDays = 7

    struct MeetingItem {
        var startsAt: Date
        var durationMinutes: Int
        var timeZone: String
        var form: Engagement.Form
        var topic: String
        var engagementID: UUID
        var place: String
        var online: Bool
        /// Begun and not yet over.
        var now: Bool
    }

    /// The person's meetings from those under way to the end of the horizon, soonest first.
    static func meetings(of userID: UUID, now: Date, on db: any Database) async throws -> [MeetingItem] {
        // A meeting lasts at most a working day: one begun 12 hours ago is over.
        let meetings = try await Meetings.meetings(
            of: userID, from: now.addingTimeInterval(-12 * 3600), until: now.addingTimeInterval(Double(horizonDays) * 86_400), on: db)
        return meetings.compactMap { meeting, engagement in
            let ends = meeting.startsAt.addingTimeInterval(Double(meeting.durationMinutes) * 60)
            guard !meeting.cancelled, ends > now, engagement.status != .closed, let engagementID = engagement.id else { return nil }
            return MeetingItem(
                startsAt: meeting.startsAt, durationMinutes: meeting.durationMinutes, timeZone: meeting.timeZone,
                form: engagement.form, topic: engagement.topic, engagementID: engagementID,
                place: meeting.place, online: !meeting.onlineLink.isEmpty, now: meeting.startsAt <= now)
        }
    }

    /// The check-in period open now, if the person has not answered it: the one the
    /// check-in page takes (`CheckInPage.Model.load`, the first school's schedule), so the
    /// home page never announces a check-in that page would refuse.
    static func openCheckIns(of user: User, now: Date, on db: any Database) async throws -> [String] {
        let service = CheckInService(db: db)
        guard let first = try await service.memberships(of: user).first else { return [] }
        let period = first.period(at: now)
        return try await service.hasCheckedIn(user, period: period) ? [] : [period]
    }

    /// What waits on a leader in one school.
    struct SchoolTasks {
        var schoolID: UUID
        var schoolName: String
        var pendingInvitations: Int
    }

    /// Invitations not yet accepted and not expired, in the schools whose staff the person manages.
    static func schoolTasks(principal: Principal, now: Date, collation: Collation, on db: any Database) async throws -> [SchoolTasks] {
        let schools = collation.sorted(try await School.query(on: db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).all(), by: \.name)
            .filter { Policy.allows(principal, .manageStaff, $0.policyResource) }
        var tasks: [SchoolTasks] = []
        for school in schools {
            let id = try school.requireID()
            let pending = try await Invitation.query(on: db).filter(\.$school.$id == id).filter(\.$acceptedAt == nil)
                .filter(\.$expiresAt > now).count()
            if pending > 0 { tasks.append(SchoolTasks(schoolID: id, schoolName: school.name, pendingInvitations: pending)) }
        }
        return tasks
    }

    /// What waits on whoever runs a mentoring programme: pairs proposed and not yet
    /// published, and pairs gone quiet.
    struct ProgrammeTasks {
        var programmeID: UUID
        var name: String
        var toPublish: Int
        var quiet: Int
    }

    /// The open programmes the person runs as a school's leader or a network's coordinator
    /// (an administrator's home does not list every programme of every school).
    static func programmeTasks(principal: Principal, now: Date, on db: any Database) async throws -> [ProgrammeTasks] {
        guard case .some(let ledSchools, let networks) = Policy.oversight(principal), !ledSchools.isEmpty || !networks.isEmpty else { return [] }
        let service = MentoringService(db: db)
        var tasks: [ProgrammeTasks] = []
        for programme in try await service.candidates(for: principal) where programme.status == .open {
            guard Policy.allows(principal, .manageProgramme, try await service.resource(programme)) else { continue }
            let id = try programme.requireID()
            let toPublish = try await ProgrammePair.query(on: db).filter(\.$programme.$id == id).filter(\.$status == .proposed).count()
            let quiet = try await service.quietPairs(programme, now: now).count
            if toPublish > 0 || quiet > 0 { tasks.append(ProgrammeTasks(programmeID: id, name: programme.name, toPublish: toPublish, quiet: quiet)) }
        }
        return tasks
    }

    /// Colleagues' questions the person may take (those the `Policy` shows them), and how
    /// many of those waited past their time and reached the person as support staff.
    static func questions(principal: Principal, now: Date, on db: any Database) async throws -> (open: Int, raised: Int) {
        let visible = try await AskAColleague(db: db).visibleOpenRequests(for: principal).filter { $0.$asker.id != principal.userID }
        return (visible.count, visible.filter { AskAColleague.isRaised($0, for: principal, now: now) }.count)
    }

    /// The person's newest unread notifications. How many are unread the header already
    /// counted (`NotificationCountMiddleware`): the home page takes that count, not a second one.
    static func latestUnread(of userID: UUID, unread: Int, on db: any Database) async throws -> [AppNotification] {
        guard unread > 0 else { return [] }
        return try await AppNotification.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil)
            .sort(\.$createdAt, .descending).limit(3).all()
    }
}

extension Today {
    /// A school at a glance for a coordinator: staff accounts and collegial support under
    /// way (counts only, as the school page shows them).
    struct SchoolGlance {
        var staff: Int
        var activeSupport: Int
    }

    /// The glance of each school whose practice counts the `Policy` lets the person see.
    static func glance(of schools: [School], principal: Principal, on db: any Database) async throws -> [UUID: SchoolGlance] {
        let ids = schools.filter { Policy.allows(principal, .viewPracticeCounts, $0.policyResource) }.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        // Counted in the database, school by school: a network's schools hold thousands of
        // memberships and engagements that the page only counts.
        var result: [UUID: SchoolGlance] = [:]
        for id in ids {
            result[id] = SchoolGlance(
                staff: try await Membership.query(on: db).filter(\.$school.$id == id).count(),
                activeSupport: try await Engagement.query(on: db).filter(\.$school.$id == id).filter(\.$status == .active).count())
        }
        return result
    }
}
