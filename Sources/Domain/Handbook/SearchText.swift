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
    public static func snippet(_ text: String, terms: [String], radius: Int = 14) -> [(String, Bool)] {
        let tokens = tokenize(text)
        let isWord = tokens.map { $0.isWord && terms.contains(where: $0.lowered.hasPrefix) }
        let wordPositions = tokens.indices.filter { tokens[$0].isWord }
        guard !wordPositions.isEmpty else { return [] }
        let firstMatch = tokens.indices.first { isWord[$0] }
        // Centre the window on the first match, measured in words.
        let centre = firstMatch.flatMap { wordPositions.firstIndex(of: $0) } ?? 0
        let startWord = max(0, centre - radius / 3)
        let endWord = min(wordPositions.count - 1, startWord + radius * 2)
        let from = wordPositions[startWord], to = wordPositions[endWord]
        var pieces: [(String, Bool)] = []
        if startWord > 0 { pieces.append(("… ", false)) }
        for index in from...to {
            let piece = tokens[index].text.replacingNewlines()
            if let last = pieces.last, !last.1, !isWord[index] {
                pieces[pieces.count - 1].0 += piece
            } else {
                pieces.append((piece, isWord[index]))
            }
        }
        if endWord < wordPositions.count - 1 { pieces.append((" …", false)) }
        return pieces
    }

    private struct Token {
        var text: String
        var isWord: Bool
        var lowered: String
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var currentIsWord = false
        for character in text {
            let word = character.isLetter || character.isNumber
            if !current.isEmpty && word != currentIsWord {
                tokens.append(Token(text: current, isWord: currentIsWord, lowered: currentIsWord ? current.lowercased() : ""))
                current = ""
            }
            current.append(character)
            currentIsWord = word
        }
        if !current.isEmpty { tokens.append(Token(text: current, isWord: currentIsWord, lowered: currentIsWord ? current.lowercased() : "")) }
        return tokens
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
