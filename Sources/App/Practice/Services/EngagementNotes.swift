import Fluent
import Foundation

/// Notes in an engagement: private to their author or shared with the other participants,
/// and each participant's one closing reflection.
enum EngagementNotes {
    /// Why a note was not added; the page words it.
    enum Problem: Error, Equatable {
        /// The engagement is closed and the note is not a closing reflection.
        case closed
        /// The author has written their closing reflection already.
        case reflectionWritten
    }

    /// Adds the note by `authorID` to the engagement.
    static func add(
        _ text: String, visibility: EngagementNote.Visibility, isReflection: Bool, to engagement: Engagement,
        by authorID: UUID, telling actor: String? = nil, on db: any Database
    ) async throws {
        let id = try engagement.requireID()
        // Once closed, a conversation takes only each participant's closing reflection.
        if engagement.status == .closed && !isReflection { throw Problem.closed }
        if isReflection,
            try await EngagementNote.query(on: db).filter(\.$engagement.$id == id)
                .filter(\.$author.$id == authorID).filter(\.$isReflection == true).count() > 0
        {
            throw Problem.reflectionWritten
        }
        let note = EngagementNote(engagementID: id, authorID: authorID, text: text, visibility: visibility, isReflection: isReflection)
        try await db.writeTransaction { db in
            try await note.save(on: db)
            // A shared note tells the others, with the note (`actor`: the author as they see them).
            guard visibility == .shared, let actor else { return }
            try await Notifications.notify(
                try await EngagementAccess.others(in: id, than: authorID, on: db), kind: .noteShared, actor: actor,
                link: .engagement(.value(id)), on: db)
        }
    }
}
