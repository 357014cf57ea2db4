import Domain
import Testing

@Suite("CLDR plural rules")
struct PluralRulesTests {
    @Test("English, Greek and Georgian: one and other")
    func oneOther() {
        for language in [Language.en, .el, .ka] {
            #expect(PluralRules.category(for: 1, in: language) == .one)
            for n in [0, 2, 5, 11, 21, 101] { #expect(PluralRules.category(for: n, in: language) == .other) }
        }
    }

    @Test("Latvian: zero for 0, 10–20, 30…; one for 1, 21, 31 but not 11; other otherwise")
    func latvian() {
        for n in [0, 10, 11, 12, 19, 20, 30, 100, 111, 1000] { #expect(PluralRules.category(for: n, in: .lv) == .zero, "\(n)") }
        for n in [1, 21, 31, 101, 121, 1001] { #expect(PluralRules.category(for: n, in: .lv) == .one, "\(n)") }
        for n in [2, 3, 9, 22, 29, 102] { #expect(PluralRules.category(for: n, in: .lv) == .other, "\(n)") }
    }

    @Test("Czech: one, few for 2–4, other")
    func czech() {
        #expect(PluralRules.category(for: 1, in: .cs) == .one)
        for n in 2...4 { #expect(PluralRules.category(for: n, in: .cs) == .few) }
        for n in [0, 5, 11, 21, 22, 100] { #expect(PluralRules.category(for: n, in: .cs) == .other, "\(n)") }
    }

    @Test("Italian: one, many for whole millions, other")
    func italian() {
        #expect(PluralRules.category(for: 1, in: .it) == .one)
        #expect(PluralRules.category(for: 1_000_000, in: .it) == .many)
        #expect(PluralRules.category(for: 3_000_000, in: .it) == .many)
        for n in [0, 2, 11, 1_000_001] { #expect(PluralRules.category(for: n, in: .it) == .other) }
    }

    @Test("The gettext index agrees with the Plural-Forms expression shipped in each PO header")
    func gettextIndexMatchesHeaderFormula() {
        // The C expressions in Resources/Locales/*.po, written out in Swift.
        let formulas: [Language: (Int) -> Int] = [
            .lv: { n in (n % 10 == 0 || (n % 100 >= 11 && n % 100 <= 19)) ? 0 : ((n % 10 == 1 && n % 100 != 11) ? 1 : 2) },
            .cs: { n in n == 1 ? 0 : ((n >= 2 && n <= 4) ? 1 : 2) },
            .it: { n in n == 1 ? 0 : ((n != 0 && n % 1_000_000 == 0) ? 1 : 2) },
            .el: { n in n != 1 ? 1 : 0 },
            .ka: { n in n != 1 ? 1 : 0 },
            .en: { n in n != 1 ? 1 : 0 },
        ]
        for (language, formula) in formulas {
            for n in Array(0...250) + [1000, 1_000_000, 2_000_001] {
                #expect(PluralRules.gettextIndex(for: n, in: language) == formula(n), "\(language) \(n)")
            }
        }
    }
}
