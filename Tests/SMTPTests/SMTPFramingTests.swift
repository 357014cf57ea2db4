import Testing

@testable import SMTP

@Suite("SMTP framing")
struct FramingTests {
    @Test("Dot-stuffing doubles a leading dot and ends every line in CRLF (RFC 5321 §4.5.2)")
    func dotStuffing() {
        #expect(DotStuffing.stuff("a\r\n.\r\n..b\r\nc.\r\n") == "a\r\n..\r\n...b\r\nc.\r\n")
        #expect(DotStuffing.stuff("no final break") == "no final break\r\n")
        #expect(DotStuffing.stuff(".\n") == "..\r\n")
    }

    @Test("Multi-line replies are assembled; a changed code or a bad line is refused")
    func replies() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed("250-smtp.example.org Hello") == nil)
        #expect(try parser.feed("250-AUTH PLAIN LOGIN") == nil)
        #expect(try parser.feed("250-STARTTLS") == nil)
        let reply = try #require(try parser.feed("250 SMTPUTF8"))
        #expect(reply.code == 250)
        #expect(reply.lines == ["smtp.example.org Hello", "AUTH PLAIN LOGIN", "STARTTLS", "SMTPUTF8"])
        let extensions = SMTPExtensions(ehloReply: reply)
        #expect(extensions.supports("starttls"))
        #expect(extensions.authMechanisms == ["PLAIN", "LOGIN"])
        #expect(!extensions.supports("smtp.example.org"))

        #expect(try parser.feed("354") == SMTPReply(code: 354, lines: [""]))
        #expect(try parser.feed("550 5.1.1 mailbox unavailable")?.description == "550 5.1.1 mailbox unavailable")
        _ = try parser.feed("250-first")
        #expect(throws: SMTPReplyParser.Problem.codeChanged("251 second")) { try parser.feed("251 second") }
        var fresh = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.Problem.malformedLine("hello")) { try fresh.feed("hello") }
        #expect(throws: SMTPReplyParser.Problem.malformedLine("250x")) { try fresh.feed("250x") }
        #expect(throws: SMTPReplyParser.Problem.malformedLine("650 x")) { try fresh.feed("650 x") }
    }

    @Test("Old servers' AUTH=LOGIN line is understood")
    func oldAuth() {
        let extensions = SMTPExtensions(ehloReply: SMTPReply(code: 250, lines: ["hi", "AUTH=LOGIN PLAIN"]))
        #expect(extensions.authMechanisms.isSuperset(of: ["LOGIN", "PLAIN"]))
    }
}
