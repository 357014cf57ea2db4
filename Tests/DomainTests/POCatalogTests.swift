import Domain
import Testing

@Suite("PO catalogs")
struct POCatalogTests {
    let sample = #"""
        # Latvian
        msgid ""
        msgstr ""
        "Language: lv\n"
        "Plural-Forms: nplurals=3; plural=(n % 10 == 0 || n % 100 >= 11 && n % 100 <= 19) ? 0 : ((n % 10 == 1 && n % 100 != 11) ? 1 : 2);\n"

        #: Sources/App/Layout.swift
        msgid "Log in"
        msgstr "Pieteikties"

        msgid "Say \"hi\"\n"
        "to {name}"
        msgstr "Sakiet \"sveiki\"\n"
        "{name}"

        #, fuzzy
        msgid "Log out"
        msgstr "Izrakstīties?"

        msgid "Empty"
        msgstr ""

        msgctxt "menu"
        msgid "Open"
        msgstr "Atvērt"

        msgid "{count} school"
        msgid_plural "{count} schools"
        msgstr[0] "{count} skolu"
        msgstr[1] "{count} skola"
        msgstr[2] "{count} skolas"
        """#

    @Test("Reads headers, multi-line strings, escapes, contexts and plural forms")
    func parses() throws {
        let catalog = try POCatalog(parsing: sample)
        #expect(catalog.headers["Language"] == "lv")
        #expect(catalog.declaredPluralCount == 3)
        #expect(catalog.translation(of: "Log in") == "Pieteikties")
        #expect(catalog.translation(of: "Say \"hi\"\nto {name}") == "Sakiet \"sveiki\"\n{name}")
        #expect(catalog.translation(of: "Open", context: "menu") == "Atvērt")
        #expect(catalog.translation(of: "Open") == nil)
        #expect(catalog.pluralTranslation(of: "{count} school", index: 1) == "{count} skola")
        #expect(catalog.pluralTranslation(of: "{count} school", index: 2) == "{count} skolas")
    }

    @Test("Fuzzy and empty translations are not used, so the English text shows")
    func fuzzyAndEmpty() throws {
        let catalog = try POCatalog(parsing: sample)
        #expect(catalog.translation(of: "Log out") == nil)
        #expect(catalog.translation(of: "Empty") == nil)
    }

    @Test("A broken file is refused with the line of the problem")
    func broken() {
        #expect(throws: POParseError(line: 2, reason: "expected a quoted string")) {
            try POCatalog(parsing: "msgid \"a\"\nmsgstr b\n")
        }
    }
}
