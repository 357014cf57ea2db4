import Testing

@testable import Domain

/// Names sorted as the reader's language sorts them (issue 19).
struct CollationTests {
    @Test("Latvian Ā after A, Czech Č after C, Greek accents second: not the order of code points")
    func orders() {
        let latvian = ["Zariņš", "Ābele", "Ozols", "Apsīte", "Bērziņa"]
        #expect(latvian.sorted(by: Collation(.lv).ascending) == ["Apsīte", "Ābele", "Bērziņa", "Ozols", "Zariņš"])
        #expect(latvian.sorted() != latvian.sorted(by: Collation(.lv).ascending), "code points put Ā after Z")
        #expect(["Dvořák", "Čapek", "Cibulka", "Hora", "Chalupa"].sorted(by: Collation(.cs).ascending) == ["Cibulka", "Čapek", "Dvořák", "Hora", "Chalupa"])
        #expect(["Ωραία", "Άννα", "Βασίλης", "Αλέξης"].sorted(by: Collation(.el).ascending) == ["Αλέξης", "Άννα", "Βασίλης", "Ωραία"])
        #expect(["ნინო", "გიორგი", "ანა", "თამარ"].sorted(by: Collation(.ka).ascending) == ["ანა", "გიორგი", "თამარ", "ნინო"])
    }

    @Test("A list sorted by a name it holds; a language code Collegium does not speak sorts as the source language")
    func sortedBy() {
        let schools = [(id: 1, name: "Bauskas"), (id: 2, name: "Ābeļu"), (id: 3, name: "Alūksnes")]
        #expect(Collation(.lv).sorted(schools, by: \.name).map(\.id) == [3, 2, 1])
        #expect(Collation(languageCode: "lv").sorted(schools, by: \.name).map(\.id) == [3, 2, 1])
        #expect(Collation(languageCode: "xx").sorted(schools, by: \.name).map(\.id) == Collation(.en).sorted(schools, by: \.name).map(\.id))
        #expect(Collation(.en).sorted(schools, by: \.name).map(\.id) == [2, 3, 1], "in English Ā is an A with an accent")
    }

    @Test("Family name, then given name, each in the reader's alphabet; a shorter list of the same keys first")
    func byKeys() {
        let people = [["Ozols", "Jānis"], ["Ābele", "Zane"], ["Ozols", "Andris"], ["Apsīte", "Līga"], ["Ozolsone", "Anna"]]
        #expect(
            people.sorted(by: Collation(.lv).ascending)
                == [["Apsīte", "Līga"], ["Ābele", "Zane"], ["Ozols", "Andris"], ["Ozols", "Jānis"], ["Ozolsone", "Anna"]])
        #expect(Collation(.lv).ascending(["Ozols"], ["Ozols", "Anna"]))
        #expect(!Collation(.lv).ascending(["Ozols", "Anna"], ["Ozols", "Anna"]))
    }
}
