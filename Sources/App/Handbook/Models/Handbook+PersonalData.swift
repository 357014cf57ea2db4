import Fluent
import Foundation

// Who changed a handbook chapter is personal data (see `PersonalData`): the person gets
// the list of their revisions, and erasing them removes their name from each revision,
// keeping the text (the handbook belongs to the instance, not to the editor).

extension HandbookRevision: PersonalDataHolder {
    static var personalDataTable: String { schema }
    static func export(_ user: User, on db: any Database) async throws -> [[String: String]] {
        try await HandbookRevision.query(on: db).filter(\.$author.$id == user.requireID()).with(\.$chapter).sort(\.$createdAt).all()
            .map {
                [
                    "chapter": $0.chapter.slug, "language": $0.language, "revision": String($0.number),
                    "note": $0.note, "at": PersonalData.date($0.createdAt),
                ]
            }
    }
    static func erase(_ user: User, on db: any Database) async throws {
        try await HandbookRevision.query(on: db).filter(\.$author.$id == user.requireID()).set(\.$author.$id, to: nil).update()
    }
}
