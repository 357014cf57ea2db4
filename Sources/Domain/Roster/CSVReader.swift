/// Reads comma-separated values as RFC 4180 defines them (quoted fields, doubled quotes,
/// line breaks inside quotes, CRLF or LF), plus what spreadsheets add: a UTF-8 byte
/// order mark, and semicolons where the locale uses a decimal comma (Latvian, Czech,
/// Italian and Greek Excel all write them).
public enum CSVReader {
    public struct Row: Equatable, Sendable {
        /// The 1-based line on which the row starts, as a spreadsheet shows it.
        public var line: Int
        public var fields: [String]
    }

    public enum Problem: Error, Equatable, Sendable {
        case unterminatedQuote(line: Int)
    }

    public static func read(_ text: String) throws(Problem) -> [Row] {
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        let firstLine = text.prefix(while: { $0 != "\n" && $0 != "\r\n" })
        let separator: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","

        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var fieldWasQuoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil

        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                rows.append(Row(line: rowStart, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character == "\r\n" ? "\n" : character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty:
                inQuotes = true
                fieldWasQuoted = true
            case separator:
                fields.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowStart = line
            default:
                field.append(character)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: rowStart) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRow() }
        return rows
    }
}
