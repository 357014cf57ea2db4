import Foundation

/// An e-mail message, checked when made so that nothing in it can inject a header: every
/// address is an `EmailAddress`, every extra header a `HeaderField`, and the subject, the
/// Message-ID and attachment names are checked by this initialiser.
///
/// `rendered()` writes it as RFC 5322 text with CRLF line endings.
public struct Email: Sendable {
    public var from: EmailAddress
    /// One or more recipients.
    public private(set) var to: [EmailAddress]
    public var replyTo: EmailAddress?
    public private(set) var subject: String
    /// `<id@domain>`, angle brackets included.
    public private(set) var messageID: String
    public var date: Date
    public var extraHeaders: [HeaderField]
    /// The plain-text body, always present: it is what a text-only reader or a screen
    /// reader in plain mode shows.
    public var text: String
    /// An optional HTML alternative, shown by most readers instead of the text.
    public var html: String?
    public var attachments: [Attachment]

    /// Why a message could not be made.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case noRecipient
        case subjectControlCharacter
        case invalidMessageID(String)

        public var description: String {
            switch self {
            case .noRecipient: "the message has no recipient"
            case .subjectControlCharacter: "the subject contains a line break or another control character"
            case .invalidMessageID(let id):
                "the Message-ID \(quoted(id)) is not of the form <left@right> with printable ASCII and no spaces (RFC 5322 §3.6.4)"
            }
        }
    }

    /// Makes a message. Without `messageID`, one is generated as `<random@domain of from>`;
    /// `date` is the Date header (pass the clock's now; tests pass a fixed one).
    public init(
        from: EmailAddress,
        to: [EmailAddress],
        replyTo: EmailAddress? = nil,
        subject: String,
        text: String,
        html: String? = nil,
        attachments: [Attachment] = [],
        extraHeaders: [HeaderField] = [],
        messageID: String? = nil,
        date: Date = Date()
    ) throws(Problem) {
        guard !to.isEmpty else { throw .noRecipient }
        guard !subject.unicodeScalars.contains(where: \.isControlOrLineBreak) else { throw .subjectControlCharacter }
        let id = messageID ?? Self.generateMessageID(domain: String(from.domain))
        guard Self.isValidMessageID(id) else { throw .invalidMessageID(id) }
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.extraHeaders = extraHeaders
        self.messageID = id
        self.date = date
    }

    /// Whether an address needs the server's SMTPUTF8 (a non-ASCII local part or domain).
    public var needsSMTPUTF8: Bool { ([from] + to + (replyTo.map { [$0] } ?? [])).contains(where: \.needsSMTPUTF8) }

    static func generateMessageID(domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<4).map { _ in String(generator.next() as UInt32, radix: 16) }.joined(separator: ".")
        // A non-ASCII (IDN) domain would make the header 8-bit; the id only needs to be unique.
        let right = domain.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 } ? domain : "collegium.invalid"
        return "<\(random)@\(right)>"
    }

    static func isValidMessageID(_ id: String) -> Bool {
        guard id.hasPrefix("<"), id.hasSuffix(">"), id.utf8.count <= 250 else { return false }
        let inner = id.dropFirst().dropLast()
        let parts = inner.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty }
            && inner.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && $0 != "<" && $0 != ">" }
    }
}

/// A file sent with a message: its name, MIME type and bytes, written in base64.
public struct Attachment: Sendable, Hashable {
    public let filename: String
    /// `text/calendar; method=REQUEST; charset=UTF-8`, `application/pdf`, …
    public let contentType: String
    public let data: [UInt8]

    /// Why an attachment was refused.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case invalidFilename(String)
        case invalidContentType(String)

        public var description: String {
            switch self {
            case .invalidFilename(let name): "the attachment name \(quoted(name)) is empty or contains a control character, a slash or a backslash"
            case .invalidContentType(let type): "the MIME type \(quoted(type)) is not of the form type/subtype with printable ASCII parameters"
            }
        }
    }

    /// Checks and keeps an attachment. The name may be non-ASCII (written as RFC 2231).
    public init(filename: String, contentType: String, data: [UInt8]) throws(Problem) {
        let validName =
            !filename.isEmpty && filename.utf8.count <= 200
            && !filename.unicodeScalars.contains(where: { $0.isControlOrLineBreak || $0 == "/" || $0 == "\\" })
        guard validName else { throw .invalidFilename(filename) }
        let typePart = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let validType =
            contentType.utf8.count <= 200 && contentType.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
            && typePart.split(separator: "/", omittingEmptySubsequences: false).count == 2 && !typePart.contains(" ")
            && !typePart.hasPrefix("/") && !typePart.hasSuffix("/")
        guard validType else { throw .invalidContentType(contentType) }
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }

    /// A calendar invitation (RFC 5545 with the iTIP method of RFC 5546), which calendar
    /// readers offer to add.
    public static func calendarInvitation(filename: String = "invite.ics", ics: String) throws(Problem) -> Attachment {
        try Attachment(filename: filename, contentType: "text/calendar; method=REQUEST; charset=UTF-8", data: Array(ics.utf8))
    }
}
