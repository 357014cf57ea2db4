import Domain
import Foundation
import Testing

@testable import App

@Suite("Dates and numbers in the person's locale")
struct FormattingTests {
    let day = Date(timeIntervalSince1970: 1_796_601_600)  // 2026-12-07 00:00 UTC

    @Test("Dates read as people in each country write them")
    func dates() {
        #expect(Localizer(language: .en, catalog: nil).date(day) == "7 December 2026")
        #expect(Localizer(language: .lv, catalog: nil).date(day).contains("decembr"))
        #expect(Localizer(language: .it, catalog: nil).date(day).contains("dicembre"))
        #expect(Localizer(language: .cs, catalog: nil).date(day).contains("prosince"))
        #expect(Localizer(language: .el, catalog: nil).date(day).contains("Δεκεμβρίου"))
        #expect(Localizer(language: .ka, catalog: nil).date(day).unicodeScalars.contains { (0x10D0...0x10FF).contains($0.value) })
    }

    @Test("Numbers use the locale's grouping")
    func numbers() {
        #expect(Localizer(language: .en, catalog: nil).number(12_345) == "12,345")
        #expect(Localizer(language: .it, catalog: nil).number(12_345) == "12.345")
        // ICU writes Latvian groups with a no-break space or, in newer versions, a narrow one:
        // either is right, so both are read as one before the whole number is compared
        // (a bare "contains a space" passed "12 345,00" too, issue 15).
        #expect(Localizer(language: .lv, catalog: nil).number(12_345).replacingOccurrences(of: "\u{202F}", with: "\u{A0}") == "12\u{A0}345")
    }

    @Test("Plural messages pick the form by the language's rules and fall back to English")
    func plurals() throws {
        let catalog = try POCatalog(
            parsing: """
                msgid ""
                msgstr "Plural-Forms: nplurals=3; plural=(n % 10 == 0 || n % 100 >= 11 && n % 100 <= 19) ? 0 : ((n % 10 == 1 && n % 100 != 11) ? 1 : 2);\\n"

                msgid "{count} school"
                msgid_plural "{count} schools"
                msgstr[0] "{count} skolu"
                msgstr[1] "{count} skola"
                msgstr[2] "{count} skolas"
                """)
        let lv = Localizer(language: .lv, catalog: catalog)
        #expect(lv.tn("{count} school", "{count} schools", count: 1) == "1 skola")
        #expect(lv.tn("{count} school", "{count} schools", count: 21) == "21 skola")
        #expect(lv.tn("{count} school", "{count} schools", count: 11) == "11 skolu")
        #expect(lv.tn("{count} school", "{count} schools", count: 3) == "3 skolas")
        let cs = Localizer(language: .cs, catalog: nil)
        #expect(cs.tn("{count} school", "{count} schools", count: 1) == "1 school")
        #expect(cs.tn("{count} school", "{count} schools", count: 3) == "3 schools")
    }
}
