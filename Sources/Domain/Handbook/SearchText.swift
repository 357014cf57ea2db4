/// How handbook text is prepared for full-text search, the same way for SQLite (FTS5) and
/// PostgreSQL (`tsvector`), so both databases find the same chapters: the text is folded
/// to lower case and cut into words of letters and digits (any script) before it reaches
/// either database, and each query word matches words that start with it.
public enum SearchText {
    /// Lower-case words of letters and digits, separated by single spaces.
    public static func normalize(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The words of a query, at most `limit` of them, each at most 40 characters (longer
    /// words cannot be in the handbook and would only slow the query).
    public static func queryTerms(_ query: String, limit: Int = 8) -> [String] {
        var seen = Set<String>()
        return words(query).filter { $0.count <= 40 && seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// A short passage of `text` around the first place where the query words occur, with
    /// each matching word marked: `[(text, isMatch)]` pieces for the page to render.
    /// The text is read only as far as the passage needs (chapters are long, and a page of
    /// results cuts twenty snippets).
    public static func snippet(_ text: String, terms: [String], radius: Int = 14) -> [(String, Bool)] {
        let before = radius / 3, after = radius * 2 - before
        var window: [Token] = []  // tokens kept: the last words before a match, then the passage
        var wordsInWindow = 0
        var droppedBefore = false
        var matched = false
        var wordsAfterMatch = 0
        var moreAfter = false
        var current = ""
        var currentIsWord = false

        func take(_ token: Token) -> Bool {
            if matched {
                if token.isWord {
                    if wordsAfterMatch >= after { moreAfter = true; return false }
                    wordsAfterMatch += 1
                }
                window.append(token)
                return true
            }
            window.append(token)
            if token.isWord {
                wordsInWindow += 1
                if terms.contains(where: token.lowered.hasPrefix) {
                    matched = true
                    return true
                }
                // Keep only the last `before` words (and what lies between them).
                while wordsInWindow > before {
                    let first = window.removeFirst()
                    if first.isWord { wordsInWindow -= 1 }
                    droppedBefore = true
                }
            }
            return true
        }

        var stopped = false
        for character in text {
            let word = character.isLetter || character.isNumber
            if !current.isEmpty && word != currentIsWord {
                if !take(Token(text: current, isWord: currentIsWord, lowered: currentIsWord ? current.lowercased() : "")) { stopped = true; break }
                current = ""
            }
            current.append(character)
            currentIsWord = word
        }
        if !stopped && !current.isEmpty {
            _ = take(Token(text: current, isWord: currentIsWord, lowered: currentIsWord ? current.lowercased() : ""))
        }
        if !matched {
            // No match (the words matched the title only): the text's beginning.
            return snippet(text, terms: [""], radius: radius).map { ($0.0, false) }
        }
        while window.first?.isWord == false { window.removeFirst() }
        if window.last?.isWord == false { window.removeLast() }
        var pieces: [(String, Bool)] = []
        if droppedBefore { pieces.append(("… ", false)) }
        for token in window {
            let isMatch = token.isWord && terms.contains(where: token.lowered.hasPrefix)
            let piece = token.text.replacingNewlines()
            if let last = pieces.last, !last.1, !isMatch {
                pieces[pieces.count - 1].0 += piece
            } else {
                pieces.append((piece, isMatch))
            }
        }
        if moreAfter { pieces.append((" …", false)) }
        return pieces
    }

    private struct Token {
        var text: String
        var isWord: Bool
        var lowered: String
    }

}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
