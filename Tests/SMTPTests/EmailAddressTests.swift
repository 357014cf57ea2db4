import Testing

@testable import SMTP

@Suite("Addresses and header injection")
struct EmailAddressTests {
    @Test("Valid addresses are kept as given, IDN domains included")
    func valid() throws {
        let address = try EmailAddress("ilze.berzina+tag@riga.collegium.example", name: "Ilze Bērziņa")
        #expect(address.address == "ilze.berzina+tag@riga.collegium.example")
        #expect(address.displayName == "Ilze Bērziņa")
        #expect(address.domain == "riga.collegium.example")
        #expect(!address.needsSMTPUTF8)
        let idn = try EmailAddress("info@skola.līvāni.lv")
        #expect(idn.needsSMTPUTF8)
        #expect(try EmailAddress("a@b", name: "  ").displayName == nil)
    }

    @Test(
        "Invalid addresses are refused",
        arguments: [
            ("no-at.example.org", EmailAddress.Problem.notOneAt("no-at.example.org")),
            ("a@b@c", .notOneAt("a@b@c")),
            ("@example.org", .emptyLocalPart("@example.org")),
            ("user@", .emptyDomain("user@")),
            ("us er@example.org", .forbiddenCharacter("us er@example.org", " ")),
            ("user@example.org>", .forbiddenCharacter("user@example.org>", ">")),
            ("\"quoted\"@example.org", .forbiddenCharacter("\"quoted\"@example.org", "\"")),
            ("user@example.org\r\nRCPT TO:<x@evil.example>", .controlCharacter("user@example.org\r\nRCPT TO:<x@evil.example>")),
            ("user\u{0}@example.org", .controlCharacter("user\u{0}@example.org")),
        ])
    func invalid(address: String, problem: EmailAddress.Problem) {
        #expect(throws: problem) { try EmailAddress(address) }
    }

    @Test("A line break in a display name, a subject or a header value cannot be written", arguments: ["\r\n", "\n", "\r", "\u{2028}", "\u{85}"])
    func injection(lineBreak: String) throws {
        #expect(throws: EmailAddress.Problem.self) { try EmailAddress("a@example.org", name: "Eve\(lineBreak)Bcc: victim@example.org") }
        #expect(throws: Email.Problem.subjectControlCharacter) {
            try Email(
                from: Fixture.address("a@example.org"), to: [Fixture.address("b@example.org")], subject: "Hi\(lineBreak)Bcc: victim@example.org",
                text: "")
        }
        #expect(throws: HeaderField.Problem.controlCharacter(name: "List-Unsubscribe")) {
            try HeaderField("List-Unsubscribe", "<https://x.example/u>\(lineBreak)Bcc: victim@example.org")
        }
    }

    @Test("Header names are checked, and the message's own headers cannot be set twice")
    func headerNames() throws {
        #expect(throws: HeaderField.Problem.invalidName("Bad Name")) { try HeaderField("Bad Name", "x") }
        #expect(throws: HeaderField.Problem.invalidName("X-A:B")) { try HeaderField("X-A:B", "x") }
        #expect(throws: HeaderField.Problem.invalidName("")) { try HeaderField("", "x") }
        #expect(throws: HeaderField.Problem.reservedName("bcc")) { try HeaderField("bcc", "x@example.org") }
        #expect(throws: HeaderField.Problem.reservedName("Content-Type")) { try HeaderField("Content-Type", "text/html") }
        #expect(throws: HeaderField.Problem.tooLong(name: "X-Long")) { try HeaderField("X-Long", String(repeating: "a", count: 901)) }
        #expect(try HeaderField.listUnsubscribe("https://collegium.example/u/abc").value == "<https://collegium.example/u/abc>")
    }

    @Test("Message-IDs are generated at the From domain, and checked when given")
    func messageID() throws {
        let email = try Email(from: Fixture.address("noreply@collegium.example"), to: [Fixture.address("b@example.org")], subject: "", text: "")
        #expect(email.messageID.hasPrefix("<") && email.messageID.hasSuffix("@collegium.example>"))
        let other = try Email(from: Fixture.address("noreply@collegium.example"), to: [Fixture.address("b@example.org")], subject: "", text: "")
        #expect(email.messageID != other.messageID)
        #expect(throws: Email.Problem.invalidMessageID("<a b@c>")) {
            try Email(from: Fixture.address("a@b.example"), to: [Fixture.address("b@example.org")], subject: "", text: "", messageID: "<a b@c>")
        }
        #expect(throws: Email.Problem.noRecipient) { try Email(from: Fixture.address("a@b.example"), to: [], subject: "", text: "") }
    }

    @Test("Attachment names and types are checked")
    func attachments() throws {
        #expect(throws: Attachment.Problem.invalidFilename("a\r\nb.ics")) { try Attachment(filename: "a\r\nb.ics", contentType: "text/plain", data: []) }
        #expect(throws: Attachment.Problem.invalidFilename("../x")) { try Attachment(filename: "../x", contentType: "text/plain", data: []) }
        #expect(throws: Attachment.Problem.invalidContentType("text")) { try Attachment(filename: "a", contentType: "text", data: []) }
        #expect(throws: Attachment.Problem.invalidContentType("text/plain\r\nX: y")) {
            try Attachment(filename: "a", contentType: "text/plain\r\nX: y", data: [])
        }
        #expect(try Attachment.calendarInvitation(ics: "BEGIN:VCALENDAR").contentType == "text/calendar; method=REQUEST; charset=UTF-8")
    }
}
