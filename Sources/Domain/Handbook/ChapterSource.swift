import Foundation

/// A handbook chapter as shipped in `Resources/Handbook/<language>/NN-slug.md`: a front
/// matter block of `key: value` lines between `---` lines, then the Markdown body.
///
///     ---
///     title: Mentoring
///     summary: What the chapter helps a reader do.
///     order: 2
///     version: 1
///     practice: mentoring
///     source-version: 1      (translations: the English version they translate)
///     ---
public struct ChapterSource: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var summary: String
    public var order: Int
    public var version: Int
    public var sourceVersion: Int?
    public var practice: String?
    public var body: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case missingFrontMatter
        case missingField(String)
        case notANumber(String)
        case badSlug(String)

        public var description: String {
            switch self {
            case .missingFrontMatter: "the file does not start with a front matter block between --- lines"
            case .missingField(let name): "the front matter has no \(name)"
            case .notANumber(let name): "\(name) is not a whole number"
            case .badSlug(let name): "the file name \(name) is not NN-slug.md with a slug of lower-case letters, digits and hyphens"
            }
        }
    }

    /// Reads a shipped file; `fileName` gives the slug (`02-mentoring.md` → `mentoring`).
    public init(fileName: String, contents: String) throws {
        guard fileName.hasSuffix(".md"), let dash = fileName.firstIndex(of: "-"),
            fileName[..<dash].allSatisfy(\.isNumber)
        else { throw Problem.badSlug(fileName) }
        let slug = String(fileName[fileName.index(after: dash)...].dropLast(3))
        guard Self.isValidSlug(slug) else { throw Problem.badSlug(fileName) }
        var lines = contents.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { throw Problem.missingFrontMatter }
        var fields: [String: String] = [:]
        for line in lines[1..<end] {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        lines.removeSubrange(0...end)
        func required(_ name: String) throws -> String {
            guard let value = fields[name], !value.isEmpty else { throw Problem.missingField(name) }
            return value
        }
        func number(_ name: String) throws -> Int {
            guard let value = Int(try required(name)) else { throw Problem.notANumber(name) }
            return value
        }
        self.slug = slug
        title = try required("title")
        summary = try required("summary")
        order = try number("order")
        version = try number("version")
        sourceVersion = fields["source-version"] == nil ? nil : try number("source-version")
        practice = fields["practice"].flatMap { $0.isEmpty ? nil : $0 }
        body = lines.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
    }

    public static func isValidSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug.count <= 80 && slug.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            && !slug.hasPrefix("-") && !slug.hasSuffix("-")
    }
}
