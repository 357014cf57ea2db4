import Fluent
import Foundation

/// Last year's mentoring programme in Riga, closed, with the feedback it released: two
/// releases of five answers each and the comments of all ten (see `FeedbackReleases`),
/// and one late answer still waiting for others, as a leader would find it.
enum DemoMentoringFeedback {
    static let answers: [(Int, Bool, String)] = [
        (5, true, "Tikties jau pirmajā nedēļā, nevis trešajā."), (4, true, ""), (4, true, "Vairāk laika vērot citam cita stundas."),
        (3, false, "Pāri, kuros kolēģi māca dažādus priekšmetus, mums darbojās vājāk."), (5, true, ""),
        (4, true, "Noderētu kopīgs pirmo sarunu tēmu saraksts."),
        (2, false, ""), (4, true, "Saglabāt visu pāru kopīgās tikšanās reizi mēnesī."), (5, true, ""), (4, true, "Sākt agrāk mācību gadā."),
        (3, true, ""),
    ]

    static func seed(on db: any Database, schoolID: UUID, year: Int, now: Date) async throws {
        let programme = MentoringProgramme(
            name: "Pirmais gads mūsu skolā \(year - 1)/\(String(year).suffix(2))",
            goal: "Katram jaunajam kolēģim pirmajā darba gadā ir mentors.",
            startsOn: "\(year - 1)-09-01", endsOn: "\(year)-06-15", schoolID: schoolID, networkID: nil)
        programme.status = .closed
        programme.openedAt = now.addingTimeInterval(-400 * 86_400)
        try await programme.save(on: db)
        let id = try programme.requireID()
        for (index, answer) in answers.enumerated() {
            try await PairFeedback(programmeID: id, usefulness: answer.0, recommend: answer.1, improve: answer.2).save(on: db)
            try await FeedbackReleases.releaseIfDue(programmeID: id, now: now.addingTimeInterval(Double(index - 200) * 86_400), on: db)
        }
    }
}
