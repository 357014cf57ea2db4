import Domain
import Testing

@Suite("Accept-Language")
struct AcceptLanguageTests {
    @Test(
        "Picks the highest-quality supported language",
        arguments: [
            ("lv-LV,lv;q=0.9,en-US;q=0.8", Language.lv),
            ("fr-FR,fr;q=0.9,it;q=0.5,en;q=0.4", .it),
            ("en;q=0.5, cs;q=0.8", .cs),
            ("ka", .ka),
            ("EL-gr", .el),
            ("de, en;q=0", nil),
            ("", nil),
            ("*", nil),
            ("lv;q=abc, it", .it),
        ] as [(String, Language?)])
    func pick(header: String, expected: Language?) {
        #expect(AcceptLanguage.bestMatch(header) == expected)
    }
}
