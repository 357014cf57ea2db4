import Domain
import Testing

/// Issue #14, class 9: NUL in text and the characters a person's name refuses.
@Suite("Text input rules")
struct TextInputRulesTests {
    @Test("Markdown with a NUL keeps the text after it, the NUL shown as U+FFFD (CommonMark §2.3)")
    func markdownNUL() {
        let rendered = Markdown.render("# Title\n\nBefore\u{0}after, and **more**.")
        #expect(rendered.html.contains("Before\u{FFFD}after, and <strong>more</strong>."))
        #expect(rendered.plainText.contains("after"))
        #expect(!rendered.html.utf8.contains(0))
    }

    @Test("Form and query bytes: %00 and a raw NUL become U+FFFD; other escapes stay as written")
    func urlEncoded() {
        func clean(_ text: String) -> String? {
            TextInput.replacingNUL(urlEncoded: Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(clean("a=b%00c&d=%00") == "a=b%EF%BF%BDc&d=%EF%BF%BD")
        #expect(clean("a=b\u{0}c") == "a=b%EF%BF%BDc")
        #expect(clean("a=100%25&b=%2500&c=%C4%81") == nil, "a literal %00, written %2500, is not a NUL")
        #expect(clean("a=%0") == nil)
        #expect(TextInput.replacingNUL("x\u{0}y\u{0}") == "x\u{FFFD}y\u{FFFD}")
        #expect(TextInput.replacingNUL("ņ") == "ņ")
    }

    @Test("JSON: \\u0000 becomes \\ufffd; an escaped backslash followed by u0000 stays")
    func json() {
        func clean(_ text: String) -> String? {
            TextInput.replacingNUL(json: Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(clean(#"{"a":"x\u0000y"}"#) == #"{"a":"x\ufffdy"}"#)
        #expect(clean(#"{"a":"x\\u0000y"}"#) == nil)
        #expect(clean(#"{"a":"x\\\u0000"}"#) == #"{"a":"x\\\ufffd"}"#)
        #expect(clean(#"{"a":"\u00001"}"#) == #"{"a":"\ufffd1"}"#)
    }

    @Test("A person's name refuses controls, bidi overrides, isolates and marks; allows any script and joiners")
    func personName() {
        #expect(PersonName.validate("  Anna ") == .success("Anna"))
        #expect(PersonName.validate("Kalniņa") == .success("Kalniņa"))
        #expect(PersonName.validate("Ἀλέξανδρος") == .success("Ἀλέξανδρος"))
        #expect(PersonName.validate("مینا") == .success("مینا"))
        #expect(PersonName.validate("می\u{200C}خواه") == .success("می\u{200C}خواه"), "ZWNJ belongs inside Persian words")
        #expect(PersonName.validate("O'Brien-Smith") == .success("O'Brien-Smith"))
        #expect(PersonName.validate("") == .failure(.empty))
        #expect(PersonName.validate("   ") == .failure(.empty))
        #expect(PersonName.validate(String(repeating: "a", count: 101)) == .failure(.tooLong))
        #expect(PersonName.validate(String(repeating: "ā", count: 100)) == .success(String(repeating: "ā", count: 100)))
        for bad in [
            "\u{0}", "\u{7}", "\t", "\n", "\u{7F}", "\u{85}", "\u{9B}", "\u{61C}", "\u{200E}", "\u{200F}",
            "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
            "\u{2028}", "\u{2029}", "\u{FFFD}",
        ] {
            #expect(
                PersonName.validate("Ev" + bad + "e") == .failure(.forbiddenCharacter),
                "U+\(String(bad.unicodeScalars.first!.value, radix: 16, uppercase: true)) is refused")
        }
    }
}
