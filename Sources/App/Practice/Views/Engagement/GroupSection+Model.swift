import Domain
import Fluent
import Foundation
import Vapor

/// The parts of an engagement's page that only groups have: the members and their
/// agreement to confidentiality, a study group's action plan and attendance, and the
/// case sessions of a supervision or intervision group.
enum GroupSection {
    struct Member {
        var id: UUID
        var name: String
        var role: EngagementParticipant.Role
        var agreed: Bool
    }

    struct Session {
        var id: UUID
        var title: String
        var step: CaseStep
        var finished: Bool
        var createdAt: Date?
    }

    struct Model {
        var form: Engagement.Form
        var purpose: String
        var members: [Member]
        /// The viewer must still agree to the group's confidentiality.
        var mustAgree: Bool
        var mayLead: Bool
        /// The action plan's four parts, once written.
        var plan: [String]?
        var planErrors: [String: String] = [:]
        var planDraft: [String]?
        /// Who was present, per meeting with recorded attendance.
        var attendance: [UUID: Set<UUID>] = [:]
        var sessions: [Session] = []
        var suggestedFacilitator: String?
        var sessionErrors: [String: String] = [:]
        var sessionDraft: (title: String, owner: String)?
        /// The course a study group follows, and each member's progress in it (a share of
        /// steps done; never answers or reflections).
        var course: (slug: String, title: String)?
        var courseProgress: [(name: String, percent: Int?, completed: Bool)] = []
        /// The viewer's own enrolment in it: whether they show their progress (nil: not enrolled).
        var viewerShares: Bool?

        /// A confidential group the viewer has not agreed to: they see its members and
        /// meetings, and the agreement, nothing that members wrote.
        var readsNothing: Bool { mustAgree }

        static func load(
            _ engagement: Engagement, participants: [EngagementParticipant], meetings: [Meeting],
            principal: Principal?, language: String, on db: any Database
        ) async throws -> Model {
            let id = try engagement.requireID()
            let access = Policy.GroupAccess.of(engagement, participants)
            let resource = Policy.Resource.engagement(participants: Set(participants.map { $0.$user.id }), group: access)
            let group = try await PracticeGroup.query(on: db).filter(\.$engagement.$id == id).first()
            let admitted = Policy.allows(principal, .writeNote, resource)
            let collation = Collation(languageCode: language)
            var model = Model(
                form: engagement.form, purpose: group?.purpose ?? "",
                // Who leads first, then the members, each in the reader's alphabet.
                members: participants.map { Member(id: $0.$user.id, name: $0.user.fullName, role: $0.role, agreed: $0.agreedAt != nil) }
                    .sorted { a, b in
                        (a.role == .member) == (b.role == .member)
                            ? collation.ascending(a.name, b.name) : b.role == .member
                    },
                mustAgree: Policy.allows(principal, .agreeToConfidentiality, resource),
                mayLead: Policy.allows(principal, .leadGroup, resource),
                plan: group.flatMap { $0.planWrittenAt == nil ? nil : [$0.planHow, $0.planSupport, $0.planChallenge, $0.planEvidence] })
            if engagement.form == .studyGroup {
                let records = try await Attendance.query(on: db).filter(\.$meeting.$id ~~ meetings.compactMap(\.id)).all()
                for record in records {
                    model.attendance[record.$meeting.id, default: []].formUnion(record.present ? [record.$user.id] : [])
                }
            }
            if let courseID = group?.courseID,
                let course = try await CoursesForGroups.find(id: courseID, language: language, on: db)
            {
                model.course = (course.slug, course.title)
                let progress = try await CoursesForGroups.progress(in: courseID, of: participants.map { $0.$user.id }, on: db)
                model.viewerShares = principal.flatMap { progress[$0.userID]?.shares }
                // Only what each member chose to show: a course taken alone stays one's own.
                model.courseProgress = model.members.map { member in
                    guard let p = progress[member.id], p.shares else { return (member.name, nil, false) }
                    return (member.name, p.percent, p.completed)
                }
            }
            if engagement.form.isConfidentialGroup && admitted {
                model.sessions = try await CaseSession.query(on: db).filter(\.$engagement.$id == id).sort(\.$createdAt, .descending).all()
                    .map { Session(id: try $0.requireID(), title: $0.title, step: $0.step, finished: $0.finishedAt != nil, createdAt: $0.createdAt) }
                if engagement.form == .intervision, let next = try await Groups.nextFacilitator(engagementID: id, members: participants, on: db) {
                    model.suggestedFacilitator = participants.first { $0.$user.id == next }?.user.fullName
                }
            }
            return model
        }
    }
}
