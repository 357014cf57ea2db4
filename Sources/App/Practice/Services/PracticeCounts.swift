import Fluent
import Foundation

/// How much collegial support goes on in a school, as leaders and coordinators see it:
/// numbers only. Nothing here names a person, a topic or a note.
struct PracticeCounts: Sendable {
    var active: [Engagement.Form: Int]
    var closed: Int
    var openQuestions: Int
    var volunteers: Int

    static func load(schoolID: UUID, on db: any Database) async throws -> PracticeCounts {
        let engagements = try await Engagement.query(on: db).filter(\.$school.$id == schoolID).all()
        var active: [Engagement.Form: Int] = [:]
        for engagement in engagements where engagement.status == .active { active[engagement.form, default: 0] += 1 }
        let volunteers = Set(try await HelpVolunteer.query(on: db).filter(\.$school.$id == schoolID).all().map { $0.$user.id })
        return PracticeCounts(
            active: active, closed: engagements.filter { $0.status == .closed }.count,
            openQuestions: try await HelpRequest.query(on: db).filter(\.$school.$id == schoolID).filter(\.$status == .open).count(),
            volunteers: volunteers.count)
    }
}
