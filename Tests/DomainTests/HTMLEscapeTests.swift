import Domain
import Testing

/// `HTMLEscape.text`, the escaper of HTML built by hand (issue 15, point 10). The pages that
/// use it are checked in AppTests' `HandBuiltHTMLEscapingTests`; this states its contract.
@Suite("HTMLEscape: the one escaper of hand-built HTML")
struct HTMLEscapeTests {
    @Test(
        "Each of the five characters becomes its reference",
        arguments: [
            ("<", "&lt;"), (">", "&gt;"), ("&", "&amp;"), ("\"", "&quot;"), ("'", "&#39;"),
        ])
    func eachCharacter(_ pair: (String, String)) {
        #expect(HTMLEscape.text("a" + pair.0 + "b") == "a" + pair.1 + "b")
    }

    @Test("Everything else is left as it is; a reference typed as text stays text")
    func restUnchanged() {
        #expect(HTMLEscape.text("Kā zināt? 5 → 6; /x=y\t#1") == "Kā zināt? 5 → 6; /x=y\t#1")
        #expect(HTMLEscape.text("&lt;x&gt;") == "&amp;lt;x&amp;gt;")
        #expect(HTMLEscape.text("<x>\"'&>") == "&lt;x&gt;&quot;&#39;&amp;&gt;")
        #expect(HTMLEscape.text("") == "")
    }
}
