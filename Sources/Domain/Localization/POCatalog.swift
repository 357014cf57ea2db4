import Foundation

/// A gettext PO catalog (https://www.gnu.org/software/gettext/manual/html_node/PO-Files.html):
/// what translators and Weblate edit. Fuzzy and empty translations are ignored, so the
/// English source text shows instead of a doubtful one.
public struct POCatalog: Sendable {
    public struct Key: Hashable, Sendable {
        public var context: String?
        public var id: String
        public init(context: String? = nil, id: String) {
            self.context = context
            self.id = id
        }
    }

    public struct Entry: Sendable, Equatable {
        public var context: String?
        public var id: String
        public var pluralID: String?
        public var forms: [String]
        public var isFuzzy: Bool
    }

    public private(set) var headers: [String: String] = [:]
    public private(set) var entries: [Key: Entry] = [:]

    public init(parsing text: String) throws(POParseError) {
        for entry in try POParser.parse(text) {
            if entry.id.isEmpty && entry.context == nil {
                headers = Self.parseHeader(entry.forms.first ?? "")
                continue
            }
            entries[Key(context: entry.context, id: entry.id)] = entry
        }
    }

    /// The translation of a singular message, or nil when there is none usable.
    public func translation(of id: String, context: String? = nil) -> String? {
        guard let entry = entries[Key(context: context, id: id)], !entry.isFuzzy,
            let form = entry.forms.first, !form.isEmpty
        else { return nil }
        return form
    }

    /// The translation of a plural message for the gettext form `index`.
    public func pluralTranslation(of id: String, index: Int, context: String? = nil) -> String? {
        guard let entry = entries[Key(context: context, id: id)], !entry.isFuzzy,
            entry.forms.indices.contains(index), !entry.forms[index].isEmpty
        else { return nil }
        return entry.forms[index]
    }

    /// `nplurals` from the `Plural-Forms` header, if present.
    public var declaredPluralCount: Int? {
        guard let value = headers["Plural-Forms"],
            let range = value.range(of: "nplurals=")
        else { return nil }
        return Int(value[range.upperBound...].prefix(while: \.isNumber))
    }

    static func parseHeader(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            result[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}

public struct POParseError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "line \(line): \(reason)" }

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}
