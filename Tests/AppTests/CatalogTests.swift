import Domain
import Foundation
import Testing

@testable import App

/// The shipped translations: Latvian is complete for every message in the code, every
/// catalog parses, and each declares the plural forms our CLDR rules use.
@Suite("Translation catalogs")
struct CatalogTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func catalog(_ language: Language) throws -> POCatalog {
        let text = try String(contentsOf: root.appendingPathComponent("Resources/Locales/\(language.rawValue).po"), encoding: .utf8)
        return try POCatalog(parsing: text)
    }

    /// Every message passed to t("…") or tn("…", "…") in Sources/.
    static func sourceMessages() throws -> (singular: Set<String>, plural: Set<String>) {
        var singular = Set<String>(), plural = Set<String>()
        let files = FileManager.default.enumerator(atPath: root.appendingPathComponent("Sources").path)!
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: root.appendingPathComponent("Sources/\(file)"), encoding: .utf8)
            for match in text.matches(of: /[^A-Za-z0-9_]tn\(\s*"((?:[^"\\]|\\.)*)"/) { plural.insert(unescape(String(match.output.1))) }
            for match in text.matches(of: /[^A-Za-z0-9_]t\(\s*"((?:[^"\\]|\\.)*)"/) { singular.insert(unescape(String(match.output.1))) }
        }
        // The instruments' wording, which the check-in page translates.
        for instrument in [Instrument.who5, .cbiWork] {
            singular.insert(instrument.name)
            singular.insert(instrument.instruction)
            for item in instrument.items { singular.insert(item.text); item.scale.labels.forEach { singular.insert($0) } }
        }
        return (singular, plural)
    }

    static func unescape(_ s: String) -> String { s.replacingOccurrences(of: "\\\"", with: "\"") }

    /// Issue 19: all six languages complete, not Latvian only; a message added in English
    /// without its translations fails here, naming the language and the messages.
    @Test("Every language translates every message of the interface", arguments: [Language.lv, .cs, .it, .el, .ka])
    func complete(language: Language) throws {
        let catalog = try Self.catalog(language)
        let (singular, plural) = try Self.sourceMessages()
        #expect(singular.count > 100)
        let forms = PluralRules.gettextOrder(for: language).count
        let missing =
            singular.filter { catalog.translation(of: $0) == nil }
            + plural.filter { id in (0..<forms).contains { catalog.pluralTranslation(of: id, index: $0) == nil } }
        #expect(missing.isEmpty, "untranslated in \(language.rawValue).po: \(missing.sorted())")
    }

    @Test("Translations keep every placeholder of the English text", arguments: [Language.lv, .cs, .it, .el, .ka])
    func placeholders(language: Language) throws {
        let catalog = try Self.catalog(language)
        for entry in catalog.entries.values where !entry.isFuzzy {
            let expected = Set(entry.id.matches(of: /\{[a-z]+\}/).map { String($0.output) })
            for form in entry.forms where !form.isEmpty {
                let found = Set(form.matches(of: /\{[a-z]+\}/).map { String($0.output) })
                #expect(found == expected, "\(language): \(entry.id) → \(form)")
            }
        }
    }

    @Test("Each catalog declares as many plural forms as its CLDR rules have", arguments: [Language.lv, .cs, .it, .el, .ka])
    func pluralForms(language: Language) throws {
        #expect(try Self.catalog(language).declaredPluralCount == PluralRules.gettextOrder(for: language).count)
    }
}
