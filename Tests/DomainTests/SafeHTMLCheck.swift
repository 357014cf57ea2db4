import Domain
import Foundation

/// A reader of the sanitiser's output that lists whatever would make it unsafe, written
/// independently of the sanitiser so that neither an expectation written down in
/// `SanitisedSpec` nor a rendered page can hold markup the handbook must never show:
/// - the only comment is cmark's fixed `<!-- raw HTML omitted -->`; no other `<!`, no `<?`;
/// - every other `<` opens a tag cmark writes for Markdown, with only the attributes it
///   writes, each double-quoted with no quote, `<` or `>` inside;
/// - a link's or image's destination passes the allowlist and never names a script scheme;
/// - `>` appears only to close a tag, and every `&` starts a character reference.
enum SafeHTMLCheck {
    static let marker = "<!-- raw HTML omitted -->"
    static let tags: Set<String> = [
        "p", "a", "img", "em", "strong", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "blockquote", "br", "hr",
    ]
    /// `start` is an ordered list's first number; `class` a code block's language; `id` a heading's anchor.
    static let attributes: Set<String> = ["href", "src", "alt", "title", "class", "id", "start"]

    static func problems(_ html: String) -> [String] {
        var problems: [String] = []
        var text = ""
        var rest = Substring(html.replacingOccurrences(of: marker, with: ""))
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else {
                problems.append("an unclosed `<`: \(rest[open...].prefix(40))")
                rest = ""
                break
            }
            problems += tagProblems(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        if text.contains(">") { problems.append("a `>` outside a tag") }
        if text.replacing(/&(?:[a-zA-Z]+|#[0-9]+|#[xX][0-9a-fA-F]+);/, with: "").contains("&") {
            problems.append("an `&` that starts no character reference")
        }
        return problems
    }

    private static func tagProblems(_ tag: String) -> [String] {
        guard let match = tag.wholeMatch(of: /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z]+="[^"<>]*")*)\s*\/?>/) else {
            return ["not a tag cmark writes: \(tag)"]
        }
        var problems: [String] = []
        if !tags.contains(String(match.2)) { problems.append("a <\(match.2)> tag") }
        for attribute in match.3.matches(of: /([a-z]+)="([^"]*)"/) {
            let name = String(attribute.1)
            if !attributes.contains(name) { problems.append("a \(name)= attribute in \(tag)") }
            guard name == "href" || name == "src" else { continue }
            let value = decoded(String(attribute.2))
            if !Markdown.isAllowedDestination(value) { problems.append("a destination outside the allowlist: \(value)") }
            // Not only the allowlist's word: a script scheme, however it is spelt, is refused here too.
            let folded = value.lowercased().filter { !$0.isWhitespace && !$0.isASCIIControlOrSpace }
            if ["javascript:", "vbscript:", "data:"].contains(where: folded.hasPrefix) { problems.append("a script scheme: \(value)") }
        }
        return problems
    }

    /// An attribute value as the browser reads it (the references cmark writes).
    static func decoded(_ value: String) -> String {
        value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension Character {
    fileprivate var isASCIIControlOrSpace: Bool { unicodeScalars.allSatisfy { $0.value <= 0x20 || $0.value == 0x7F } }
}
