import Foundation
import Testing

@testable import SMTP

@Suite("RFC 2047 encoded words")
struct EncodedWordTests {
    /// A header field's value: after "Name: ", without the final CRLF.
    static func value(of header: String) -> String {
        let start = header.range(of: ": ")!.upperBound
        return String(header[start...]).trimmingCharacters(in: .newlines)
    }

    static let samples = [
        "Jānis Bērziņš",
        "Καλημέρα",
        "თქვენი კოლეგა გიპასუხათ კითხვაზე, რომელიც დასვით გუშინ",
        String(repeating: "Ž", count: 200),
        "e\u{301}" + String(repeating: "a\u{301}\u{302}", count: 40),
    ]

    @Test("Words decode back to the text, each at most 75 characters, each whole UTF-8", arguments: EncodedWordTests.samples)
    func roundTrip(text: String) throws {
        let words = EncodedWord.encode(text, firstMaximum: 60)
        #expect(words.first!.count <= 60)
        for word in words {
            #expect(word.count <= EncodedWord.maximumLength)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            // Each word on its own is valid UTF-8: no character is cut in two.
            #expect(EncodedWord.decode(word) != nil)
        }
        #expect(EncodedWord.decode(words.joined(separator: "\r\n ")) == text)
    }

    @Test("A long Georgian subject is folded onto continuation lines of at most 76 characters")
    func georgianSubject() throws {
        let subject = "თქვენი კოლეგა გიპასუხათ კითხვაზე, რომელიც დასვით გუშინ"
        let header = HeaderFolding.unstructured(name: "Subject", value: subject, strict: true)
        let lines = header.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 3)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" =?UTF-8?B?") })
        #expect(EncodedWord.decode(Self.value(of: header)) == subject)
    }

    @Test("ASCII subjects stay readable; ones a reader would mangle are encoded")
    func asciiSubjects() throws {
        #expect(HeaderFolding.unstructured(name: "Subject", value: "Your colleague answered", strict: true) == "Subject: Your colleague answered\r\n")
        for tricky in ["=?UTF-8?B?SGk=?=", "two  spaces", String(repeating: "x", count: 100)] {
            let header = HeaderFolding.unstructured(name: "Subject", value: tricky, strict: true)
            #expect(header.hasPrefix("Subject: =?UTF-8?B?"))
            #expect(EncodedWord.decode(Self.value(of: header)) == tricky)
        }
    }

    @Test("The decoder joins adjacent words and reads Q encoding (RFC 2047 §8)")
    func decoder() {
        #expect(EncodedWord.decode("=?UTF-8?Q?a?= =?UTF-8?Q?b?=") == "ab")
        #expect(EncodedWord.decode("=?UTF-8?Q?a?= b") == "a b")
        #expect(EncodedWord.decode("=?UTF-8?Q?J=C4=81nis_B?=") == "Jānis B")
        #expect(EncodedWord.decode("=?UTF-8?B?xA?=") == nil)
    }
}

@Suite("Quoted-printable")
struct QuotedPrintableTests {
    @Test(
        "Round trip, with lines of at most 76 characters",
        arguments: [
            "Hello, world",
            "Jānis Bērziņš: Καλημέρα, თქვენი კოლეგა",
            String(repeating: "a = b; ", count: 40),
            String(repeating: "ž", count: 100),
            "trailing spaces   \nand tab\t\nend",
            ".leading dot\nFrom the start\n",
            "",
        ])
    func roundTrip(text: String) throws {
        let encoded = QuotedPrintable.encode(text)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= QuotedPrintable.maximumLineLength })
        #expect(encoded.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(!encoded.replacingOccurrences(of: "\r\n", with: "").contains("\r") && !encoded.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let expected = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(QuotedPrintable.decode(encoded).map { String(decoding: $0, as: UTF8.self) } == expected)
    }

    @Test("Escapes: = as =3D, a space or tab before a line break, UTF-8 bytes; soft breaks end in =")
    func escapes() {
        #expect(QuotedPrintable.encode("a=b") == "a=3Db")
        #expect(QuotedPrintable.encode("end \nnext\t") == "end=20\r\nnext=09")
        #expect(QuotedPrintable.encode("ā") == "=C4=81")
        #expect(QuotedPrintable.encode(".") == "=2E")
        let long = QuotedPrintable.encode(String(repeating: "x", count: 100))
        #expect(long == String(repeating: "x", count: 75) + "=\r\n" + String(repeating: "x", count: 25))
        // An escape is never cut by a soft break.
        let escapes = QuotedPrintable.encode(String(repeating: "ā", count: 30))
        #expect(escapes.components(separatedBy: "=\r\n").allSatisfy { $0.count % 3 == 0 })
    }
}
