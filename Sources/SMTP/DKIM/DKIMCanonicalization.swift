import Foundation

/// The "relaxed" canonicalisations of RFC 6376 §3.4.2 and §3.4.4, which survive the changes
/// relays commonly make (refolding headers, trailing spaces, case of header names).
enum DKIMCanonicalization {
    /// `name:value\r\n` with the name lower-cased, the value unfolded, runs of spaces and tabs
    /// made one space, and spaces at its ends removed (§3.4.2).
    static func relaxedHeader(name: String, value: String) -> String {
        relaxedField(name: name, value: value) + "\r\n"
    }

    /// The same without the CRLF: the DKIM-Signature field itself enters the hash so (§3.7).
    static func relaxedField(name: String, value: String) -> String {
        let unfolded = value.replacingOccurrences(of: "\r\n", with: "")
        return name.lowercased().trimmingWSP() + ":" + compressWSP(unfolded).trimmingWSP()
    }

    /// The body with spaces at line ends removed, runs of spaces and tabs made one space, empty
    /// lines at the end removed, and a final CRLF; the empty body stays empty (§3.4.4).
    static func relaxedBody(_ body: String) -> String {
        var lines = body.components(separatedBy: "\r\n")
        // The text after the last CRLF is a line only if it is not empty.
        if lines.last == "" { lines.removeLast() }
        var canonical = lines.map { compressWSP($0).trimmingTrailingWSP() }
        while canonical.last == "" { canonical.removeLast() }
        return canonical.map { $0 + "\r\n" }.joined()
    }

    /// Splits a message into its header fields (name and unfolded-as-written value) and its
    /// body, at the first empty line.
    static func split(_ message: String) -> (headers: [(name: String, value: String)], body: String) {
        let headerEnd = message.range(of: "\r\n\r\n")
        let headerText = headerEnd.map { String(message[..<$0.lowerBound]) } ?? message
        let body = headerEnd.map { String(message[$0.upperBound...]) } ?? ""
        var headers: [(name: String, value: String)] = []
        for line in headerText.components(separatedBy: "\r\n") {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\r\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        return (headers, body)
    }

    private static func compressWSP(_ text: String) -> String {
        var output = ""
        var inSpace = false
        for character in text {
            if character == " " || character == "\t" {
                if !inSpace { output.append(" ") }
                inSpace = true
            } else {
                output.append(character)
                inSpace = false
            }
        }
        return output
    }
}

extension String {
    fileprivate func trimmingWSP() -> String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        return String(text).trimmingTrailingWSP()
    }

    fileprivate func trimmingTrailingWSP() -> String {
        var text = Substring(self)
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
