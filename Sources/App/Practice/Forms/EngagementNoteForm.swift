import Foundation
import Vapor

/// A note in an engagement (and the closing reflection sent when closing it).
struct EngagementNoteForm: Content {
    var text: String?
    var visibility: String?
    var grow_goal: String?
    var grow_reality: String?
    var grow_options: String?
    var grow_way: String?
    /// "1" when this is the author's closing reflection.
    var reflection: String?
    /// For observation notes: the time in the lesson, "HH:MM".
    var at: String?

    /// The note as written, who may read it, and what stands in the way of saving it, in the
    /// person's language (the last problem found: the page shows one).
    func validated(_ l: Localizer) -> (text: String, visibility: EngagementNote.Visibility?, problem: String?) {
        // A coaching session written in the GROW steps becomes one note, step by step.
        let steps = [
            (l.t("Goal"), grow_goal), (l.t("Reality"), grow_reality),
            (l.t("Options"), grow_options), (l.t("Way forward"), grow_way),
        ]
        .compactMap { label, value -> String? in
            let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : label + ": " + trimmed
        }
        var free = (self.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // An observation note is marked with the time in the lesson it records.
        if let at = self.at, at.count == 5, Meetings.instant(date: "2000-01-01", time: at, zone: "UTC") != nil, !free.isEmpty {
            free = "[" + at + "] " + free
        }
        let text = (steps + (free.isEmpty ? [] : [free])).joined(separator: "\n")
        let visibility = self.visibility.flatMap(EngagementNote.Visibility.init(rawValue:))
        var problem: String?
        if text.isEmpty { problem = l.t("Write the note.") }
        if text.count > 5000 { problem = l.t("Keep the note under 5,000 characters.") }
        if visibility == nil { problem = l.t("Choose who may read the note.") }
        return (text, visibility, problem)
    }
}
