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
}
