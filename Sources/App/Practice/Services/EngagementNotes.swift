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
        by authorID: UUID, on db: any Database
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
        try await EngagementNote(
            engagementID: id, authorID: authorID, text: text, visibility: visibility,
            isReflection: isReflection
        ).save(on: db)
    }
}
