import Foundation

/// The line-oriented reader behind `POCatalog`.
enum POParser {
    private enum Field { case context, id, pluralID, form(Int) }

    static func parse(_ text: String) throws(POParseError) -> [POCatalog.Entry] {
        var entries: [POCatalog.Entry] = []
        var current = Draft()
        var field: Field?
        var lineNumber = 0

        func finish() {
            if let id = current.id {
                entries.append(
                    .init(
                        context: current.context, id: id, pluralID: current.pluralID,
                        forms: current.forms.sorted { $0.key < $1.key }.map(\.value),
                        isFuzzy: current.isFuzzy))
            }
            current = Draft()
            field = nil
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if current.id != nil, case .form? = field { finish() }
                if line.hasPrefix("#,") && line.contains("fuzzy") { current.isFuzzy = true }
                continue
            }
            if line.hasPrefix("\"") {
                guard let field else { throw POParseError(line: lineNumber, reason: "text outside an entry") }
                let value = try unquote(line, line: lineNumber)
                current.append(value, to: field)
                continue
            }
            let keyword = String(line.prefix(while: { $0 != " " && $0 != "\t" }))
            let rest = line.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
            let value = try unquote(rest, line: lineNumber)
            switch keyword {
            case "msgctxt":
                if current.id != nil { finish() }
                current.context = value
                field = .context
            case "msgid":
                if current.id != nil { finish() }
                current.id = value
                field = .id
            case "msgid_plural":
                current.pluralID = value
                field = .pluralID
            case "msgstr":
                current.forms[0] = value
                field = .form(0)
            default:
                if keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"),
                    let index = Int(keyword.dropFirst(7).dropLast())
                {
                    current.forms[index] = value
                    field = .form(index)
                } else {
                    throw POParseError(line: lineNumber, reason: "unknown keyword \(keyword)")
                }
            }
        }
        finish()
        return entries
    }

    private struct Draft {
        var context: String?
        var id: String?
        var pluralID: String?
        var forms: [Int: String] = [:]
        var isFuzzy = false

        mutating func append(_ text: String, to field: Field) {
            switch field {
            case .context: context = (context ?? "") + text
            case .id: id = (id ?? "") + text
            case .pluralID: pluralID = (pluralID ?? "") + text
            case .form(let index): forms[index] = (forms[index] ?? "") + text
            }
        }
    }

    static func unquote(_ quoted: String, line: Int) throws(POParseError) -> String {
        guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else {
            throw POParseError(line: line, reason: "expected a quoted string")
        }
        var result = ""
        var escaping = false
        for character in quoted.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        if escaping { throw POParseError(line: line, reason: "unfinished escape") }
        return result
    }
}
