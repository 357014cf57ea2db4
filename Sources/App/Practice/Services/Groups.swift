import Domain
import Fluent
import Foundation
import Vapor

extension Policy.GroupAccess {
    /// What the policy needs about a group engagement; nil for the other forms.
    static func of(_ engagement: Engagement, _ participants: [EngagementParticipant]) -> Policy.GroupAccess? {
        guard engagement.form.isGroup else { return nil }
        let leads: [EngagementParticipant] =
            switch engagement.form {
            case .studyGroup: participants.filter { $0.role == .facilitator }
            case .supervision: participants.filter { $0.role == .supervisor }
            // Intervision has no fixed leader: any member may facilitate a session.
            default: participants
            }
        return .init(
            confidential: engagement.form.isConfidentialGroup,
            agreed: Set(participants.filter { $0.agreedAt != nil }.map { $0.$user.id }),
            leads: Set(leads.map { $0.$user.id }))
    }
}

/// Study groups, supervision and intervision groups: who may be invited, and the
/// confidentiality check on what members write.
enum Groups {
    /// The kind of group a form or an API body names (`study_group`, `supervision`,
    /// `intervision`); nil for anything else, the other forms of support included.
    static func kind(_ raw: String?) -> Engagement.Form? {
        raw.flatMap(Engagement.Form.init(rawValue:)).flatMap { $0.isGroup ? $0 : nil }
    }

    /// The smallest and largest number of colleagues invited besides the one who starts.
    static let invited = 2...12

    /// Colleagues who may be invited to a group of `form` in `school`: its members (and for
    /// a study group those of the network's other schools, so neighbouring schools can
    /// learn together), in no particular order (the page sorts them in its reader's alphabet).
    /// Never leaders in a supervision or intervision group, where
    /// colleagues bring cases they would not bring to the person who appraises them.
    static func candidates(form: Engagement.Form, school: School, excluding userID: UUID, on db: any Database) async throws -> [(
        id: UUID, name: String, school: String
    )] {
        var schools = [school]
        if form == .studyGroup, let network = school.$network.id {
            schools = try await School.query(on: db).filter(\.$network.$id == network).all()
        }
        var query = Membership.query(on: db).filter(\.$school.$id ~~ schools.compactMap(\.id)).with(\.$user)
        if form.isConfidentialGroup { query = query.filter(\.$role != .leader) }
        let names = Dictionary(schools.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a })
        var seen = Set<UUID>()
        return try await query.all()
            .filter { $0.$user.id != userID && seen.insert($0.$user.id).inserted }
            .map { (id: $0.$user.id, name: $0.user.fullName, school: names[$0.$school.id] ?? "") }
    }

    /// Makes the group: the one who starts it (facilitator of a study group), the members,
    /// the supervisor of a supervision group; tells the members in the app.
    static func start(
        kind: Engagement.Form, school: School, name: String, purpose: String, by user: User,
        members: Set<UUID>, supervisor: UUID?, on db: any Database
    ) async throws -> Engagement {
        let userID = try user.requireID()
        return try await db.writeTransaction { db -> Engagement in
            let engagement = Engagement(form: kind, status: .active, topic: name, schoolID: try school.requireID())
            try await engagement.save(on: db)
            let id = try engagement.requireID()
            for person in [userID] + members.filter({ $0 != userID }).sorted(by: { $0.uuidString < $1.uuidString }) {
                let role: EngagementParticipant.Role =
                    switch kind {
                    case .studyGroup: person == userID ? .facilitator : .member
                    case .supervision: person == supervisor ? .supervisor : .member
                    default: .member
                    }
                try await EngagementParticipant(engagementID: id, userID: person, role: role).save(on: db)
            }
            try await PracticeGroup(engagementID: id, purpose: purpose).save(on: db)
            try await Notifications.notify(Array(members), kind: .groupInvited, actor: user.fullName, link: .engagement(.value(id)), on: db)
            return engagement
        }
    }

    /// A study group follows the course with this slug, if there is one.
    static func follow(course slug: String, group engagement: Engagement, language: String, on db: any Database) async throws {
        let id = try engagement.requireID()
        if let group = try await PracticeGroup.query(on: db).filter(\.$engagement.$id == id).first(),
            let followed = try await CoursesForGroups.find(slug: slug, language: language, on: db)
        {
            group.courseID = followed.id
            try await group.save(on: db)
        }
    }

    /// Names of colleagues that a confidential text seems to contain: the people of the
    /// group's school and the group's members (see `NameMentions`).
    static func namesMentioned(in text: String, engagement: Engagement, on db: any Database) async throws -> [String] {
        let school = try await Membership.query(on: db).filter(\.$school.$id == engagement.$school.id).with(\.$user).all().map { $0.user.fullName }
        let members = try await EngagementParticipant.query(on: db).filter(\.$engagement.$id == engagement.requireID()).with(\.$user).all()
            .map { $0.user.fullName }
        return NameMentions.find(in: text, names: Array(Set(school + members)).sorted())
    }

    /// For an intervision group: the member who facilitated least recently (never first),
    /// so the role goes round.
    static func nextFacilitator(engagementID: UUID, members: [EngagementParticipant], on db: any Database) async throws -> UUID? {
        let sessions = try await CaseSession.query(on: db).filter(\.$engagement.$id == engagementID).sort(\.$createdAt).all()
        var last: [UUID: Int] = [:]
        for (i, session) in sessions.enumerated() { if let id = session.$facilitator.id { last[id] = i } }
        return members.filter { $0.agreedAt != nil }
            .min { (last[$0.$user.id] ?? -1, $0.user.fullName) < (last[$1.$user.id] ?? -1, $1.user.fullName) }?.$user.id
    }
}
