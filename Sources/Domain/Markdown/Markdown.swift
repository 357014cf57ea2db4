import CMark
import Foundation

/// The one way Markdown becomes HTML in Collegium (handbook chapters, and any other text
/// people write in Markdown). It is also the one sanitiser:
///
/// - Parsing is CommonMark, by the reference implementation (cmark, vendored in
///   `Sources/CMark`), so what authors write renders as the specification says.
/// - cmark runs in its safe mode: raw HTML (blocks and inline tags) never reaches the
///   page; it is replaced by an HTML comment. So no `<script>`, no `<iframe>`, no element
///   with an event attribute (`onerror=`, `onclick=`) can come out: the only attributes
///   cmark writes are `href`, `src`, `alt`, `title` and a code block's `class`, all escaped.
/// - Link and image destinations pass an allowlist of schemes (`http`, `https`, `mailto`,
///   `tel`) or must be relative; anything else (`javascript:`, `vbscript:`, `data:`,
///   `file:`, made-up schemes, and obfuscations with entities, tabs or upper case) is
///   emptied, so the link text stays and the link goes nowhere.
/// - Inside an image's description, whose text becomes its `alt`, tags are left out too.
/// See `docs/handbook.md`, `MarkdownTests` (the CommonMark spec's own examples and a
/// corpus of XSS payloads) and `MarkdownRawHTMLTests` (every raw HTML example of the spec,
/// and payloads of our own, each with its exact output).
public enum Markdown {
    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var text: String
        /// The `id` given to the heading in the HTML, for links to a section.
        public var anchor: String
    }

    public struct Rendered: Sendable, Equatable {
        public var html: String
        public var headings: [Heading]
        /// The text alone, for search and snippets: blocks separated by newlines.
        public var plainText: String
    }

    /// Renders Markdown to safe HTML. With `anchors`, headings get an `id` made from their
    /// text (unique within the document) so that a table of contents can link to them.
    public static func render(_ source: String, anchors: Bool = true) -> Rendered {
        let options = CMARK_OPT_DEFAULT
        // CommonMark §2.3: U+0000 is replaced by U+FFFD. cmark is handed a C string, whose
        // length `strlen` would end at the first NUL, dropping the rest of the text (issue #14).
        let source = source.utf8.contains(0) ? TextInput.replacingNUL(source) : source
        guard let document = source.withCString({ cmark_parse_document($0, strlen($0), options) }) else {
            return Rendered(html: "", headings: [], plainText: "")
        }
        defer { cmark_node_free(document) }

        var headings: [Heading] = []
        var used: [String: Int] = [:]
        var plain = ""
        // How many images the iterator is inside: their description becomes the `alt` text.
        var imageDepth = 0
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                switch type {
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                    if !isAllowedDestination(url) { cmark_node_set_url(node, "") }
                    if type == CMARK_NODE_IMAGE { imageDepth += 1 }
                case CMARK_NODE_HTML_INLINE where imageDepth > 0:
                    // Inside an image's description cmark writes a tag's source into `alt`
                    // as escaped text (safe, but a screen reader would read out
                    // "<b>"); it is left out there as it is everywhere else (issue 15).
                    cmark_node_set_literal(node, "")
                case CMARK_NODE_HEADING:
                    let text = textContent(node)
                    let base = slug(text)
                    let count = used[base, default: 0]
                    used[base] = count + 1
                    headings.append(
                        Heading(
                            level: Int(cmark_node_get_heading_level(node)), text: text,
                            anchor: count == 0 ? base : "\(base)-\(count + 1)"))
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    plain += String(cString: cmark_node_get_literal(node))
                case CMARK_NODE_CODE_BLOCK:
                    plain += String(cString: cmark_node_get_literal(node)) + "\n"
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    plain += " "
                default:
                    break
                }
            } else if event == CMARK_EVENT_EXIT {
                switch type {
                case CMARK_NODE_IMAGE:
                    imageDepth -= 1
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM:
                    if !plain.hasSuffix("\n") { plain += "\n" }
                default:
                    break
                }
            }
        }

        guard let rendered = cmark_render_html(document, options) else {
            return Rendered(html: "", headings: headings, plainText: plain)
        }
        var html = String(cString: rendered)
        free(rendered)
        if anchors && !headings.isEmpty { html = addAnchors(html, headings) }
        return Rendered(html: html, headings: headings, plainText: plain.trimmingTrailingNewlines())
    }

    /// Whether a link or image may point there: relative (path, query or fragment) or one
    /// of the allowed schemes. Browsers ignore tabs and newlines inside a URL and schemes
    /// are case-insensitive, so both are folded before the scheme is read.
    public static func isAllowedDestination(_ url: String) -> Bool {
        let folded = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }.map(Character.init)).lowercased()
        guard let colon = folded.firstIndex(of: ":") else { return true }
        let beforeColon = folded[..<colon]
        // A colon after a slash, `?` or `#` is part of a path or query, not a scheme.
        if beforeColon.contains(where: { "/?#".contains($0) }) { return true }
        return ["http", "https", "mailto", "tel"].contains(String(beforeColon))
    }

    /// A heading's anchor: lower case letters and digits in any script, words joined by
    /// hyphens ("Roles and responsibilities" → "roles-and-responsibilities",
    /// "Kā zināt, vai tas darbojas" → "kā-zināt-vai-tas-darbojas").
    public static func slug(_ text: String) -> String {
        let words = SearchText.words(text)
        return words.isEmpty ? "section" : words.joined(separator: "-")
    }

    private static func textContent(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += String(cString: cmark_node_get_literal(current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                text += textContent(current)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    /// cmark writes headings as bare `<h1>`…`<h6>` tags, and with raw HTML omitted nothing
    /// else can produce one, so the n-th opening tag belongs to the n-th heading.
    private static func addAnchors(_ html: String, _ headings: [Heading]) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count + headings.count * 24)
        var rest = Substring(html)
        for heading in headings {
            let tag = "<h\(heading.level)>"
            guard let range = rest.range(of: tag) else { break }
            result += rest[..<range.lowerBound]
            result += "<h\(heading.level) id=\"\(escapeAttribute(heading.anchor))\">"
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }

    static func escapeAttribute(_ text: String) -> String { HTMLEscape.text(text) }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var copy = self
        while copy.hasSuffix("\n") || copy.hasSuffix(" ") { copy.removeLast() }
        return copy
    }
}
