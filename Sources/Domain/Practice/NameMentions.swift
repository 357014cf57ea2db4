import Foundation

/// Finds colleagues' names in a text, so that a confidential case can be written without
/// them (supervision and intervision notes describe people by role: "a pupil in year 7",
/// "a colleague in my department"). It errs towards asking: the writer confirms when a
/// match is not a name.
public enum NameMentions {
    /// The people of `names` (full names) that `text` seems to mention: by their full name,
    /// or by their family name with an ending of up to three letters. Family names of seven
    /// letters or more are matched on their stem as well (without the last two letters),
    /// because Latvian, Czech, Greek and Georgian inflect names ("Bērziņš", "Bērziņam",
    /// "Bērziņa").
    public static func find(in text: String, names: [String]) -> [String] {
        let words = tokens(text)
        guard !words.isEmpty else { return [] }
        var found: [String] = []
        for name in names {
            let parts = tokens(name)
            guard let family = parts.last, parts.count >= 1 else { continue }
            let full = contains(words, sequence: parts) && parts.count > 1
            let stem = family.count >= 7 ? String(family.prefix(family.count - 2)) : family
            let byFamily =
                family.count >= 3
                && words.contains { word in
                    word.hasPrefix(stem) && word.count <= family.count + 3
                }
            if full || byFamily, !found.contains(name) { found.append(name) }
        }
        return found
    }

    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.map(String.init)
    }

    static func contains(_ words: [String], sequence: [String]) -> Bool {
        guard !sequence.isEmpty, words.count >= sequence.count else { return false }
        for start in 0...(words.count - sequence.count) where Array(words[start..<start + sequence.count]) == sequence { return true }
        return false
    }
}
