import Domain
import Fluent
import Foundation

/// An asker who did not show their name stays unnamed for the whole conversation: to the
/// colleague who took the question (support staff included) and on every channel (the
/// conversation's page, "My support", the API, calendar titles, notifications). Otherwise a
/// leader's second account made a "counsellor" would learn who asked by taking the question
/// (issue 14, class 5). Only the asker sees their own name; they can sign a note if they wish.
extension AskAColleague {
    /// Per engagement among `engagementIDs` that came from a question asked without a name:
    /// who asked it.
    static func hiddenAskers(in engagementIDs: [UUID], on db: any Database) async throws -> [UUID: UUID] {
        guard !engagementIDs.isEmpty else { return [:] }
        let requests = try await HelpRequest.query(on: db).filter(\.$engagement.$id ~~ engagementIDs.map { Optional($0) })
            .filter(\.$showName == false).all()
        var result: [UUID: UUID] = [:]
        for request in requests { if let id = request.$engagement.id { result[id] = request.$asker.id } }
        return result
    }

    /// How `userID` (named `name`) is shown in `engagementID` to `viewerID`.
    static func shownName(_ name: String, userID: UUID, in engagementID: UUID?, hidden: [UUID: UUID], viewer viewerID: UUID?, _ l: Localizer) -> String {
        guard let engagementID, hidden[engagementID] == userID, viewerID != userID else { return name }
        return l.t("A colleague who did not show their name")
    }

    /// The name to put in a notification sent by `user` about `engagementID`.
    static func actorName(_ user: User, in engagementID: UUID, on db: any Database, _ l: Localizer) async throws -> String {
        let hidden = try await hiddenAskers(in: [engagementID], on: db)
        return shownName(user.fullName, userID: try user.requireID(), in: engagementID, hidden: hidden, viewer: nil, l)
    }
}
