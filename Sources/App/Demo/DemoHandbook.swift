import Fluent
import Foundation

/// The handbook in the demo: the shipped chapters (loaded before the demo data), plus one
/// local edit by the network's coordinator, so the revision history, the comparison and
/// restoring have something to show.
enum DemoHandbook {
    static func seed(on db: any Database, coordinator: User) async throws {
        guard let chapter = try await HandbookChapter.query(on: db).filter(\.$slug == "mentoring").first(),
            let text = try await HandbookText.query(on: db).filter(\.$chapter.$id == chapter.requireID())
                .filter(\.$language == "lv").first()
        else { return }
        let addition = """

            ## Mūsu tīklā

            Rīgas un Valmieras skolās mentoru pāri pirmo reizi tiekas septembra otrajā nedēļā. Koordinatore \
            pirms tam nosūta abiem vienošanās veidlapu, un pirmā tikšanās notiek skolā, kur strādā mentorējamais.

            """
        try await HandbookLibrary.save(
            chapter: chapter, language: "lv", title: text.title, summary: text.summary,
            body: text.body + addition, note: "Pievienota mūsu tīkla kārtība",
            translationCurrent: true, origin: .edited, authorID: try coordinator.requireID(), on: db)
    }
}
