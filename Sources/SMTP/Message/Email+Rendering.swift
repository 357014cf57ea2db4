import Crypto
import Foundation

extension Email {
    /// The message as RFC 5322 text with CRLF line endings, ready for DATA (before
    /// dot-stuffing, which the client adds) or for DKIM signing.
    ///
    /// Text and HTML are `multipart/alternative` (text first, so that a reader that knows
    /// neither part picks the simplest, RFC 2046 §5.1.4), inside `multipart/mixed` when there
    /// are attachments. Bodies are quoted-printable and attachments base64, so every line
    /// is 7-bit and at most 76 characters, and headers are folded at 76 where they can be:
    /// no line comes near SMTP's limit of 998 octets.
    public func rendered() -> String {
        var head = ""
        head += "Date: \(Self.rfc5322Date(date))\r\n"
        head += HeaderFolding.fold(name: "From", tokens: from.headerTokens(firstMaximum: 70))
        head += HeaderFolding.fold(name: "To", tokens: Self.addressListTokens(to))
        if let replyTo { head += HeaderFolding.fold(name: "Reply-To", tokens: replyTo.headerTokens(firstMaximum: 64)) }
        head += HeaderFolding.unstructured(name: "Subject", value: subject, strict: true)
        head += "Message-ID: \(messageID)\r\n"
        head += "MIME-Version: 1.0\r\n"
        for field in extraHeaders { head += field.rendered() }
        return head + bodyPart()
    }

    /// The part under the headers: its own Content-Type header(s), a blank line, the body.
    private func bodyPart() -> String {
        let textPart = Self.textPart(text, subtype: "plain")
        let content: String
        if let html {
            let boundary = Self.boundary(messageID, "alternative")
            content = Self.multipart("alternative", boundary: boundary, parts: [textPart, Self.textPart(html, subtype: "html")])
        } else {
            content = textPart
        }
        guard !attachments.isEmpty else { return content }
        let boundary = Self.boundary(messageID, "mixed")
        return Self.multipart("mixed", boundary: boundary, parts: [content] + attachments.map(Self.attachmentPart))
    }

    private static func textPart(_ body: String, subtype: String) -> String {
        "Content-Type: text/\(subtype); charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + QuotedPrintable.encode(body) + "\r\n"
    }

    private static func multipart(_ subtype: String, boundary: String, parts: [String]) -> String {
        var output = "Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\"\r\n\r\n"
        for part in parts { output += "--\(boundary)\r\n" + part }
        return output + "--\(boundary)--\r\n"
    }

    private static func attachmentPart(_ attachment: Attachment) -> String {
        let isASCII = attachment.filename.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
        let escaped = attachment.filename.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        var typeTokens = attachment.contentType.split(separator: " ").map(String.init)
        var dispositionTokens = ["attachment;"]
        if isASCII {
            typeTokens[typeTokens.count - 1] += ";"
            typeTokens.append("name=\"\(escaped)\"")
            dispositionTokens.append("filename=\"\(escaped)\"")
        } else {
            // RFC 2231 §4: a UTF-8 parameter value, percent-encoded.
            let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
            let encoded = attachment.filename.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : "%" + hex($0).uppercased() }.joined()
            dispositionTokens.append("filename*=UTF-8''\(encoded)")
        }
        return HeaderFolding.fold(name: "Content-Type", tokens: typeTokens)
            + HeaderFolding.fold(name: "Content-Disposition", tokens: dispositionTokens)
            + "Content-Transfer-Encoding: base64\r\n\r\n" + base64Lines(attachment.data)
    }

    /// Base64 in lines of 76 characters (RFC 2045 §6.8), each ending in CRLF.
    static func base64Lines(_ data: [UInt8]) -> String {
        let encoded = Data(data).base64EncodedString()
        var output = ""
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            output += String(encoded[index..<end]) + "\r\n"
            index = end
        }
        return output
    }

    /// The recipients separated by commas, as tokens that fold between mailboxes.
    private static func addressListTokens(_ list: [EmailAddress]) -> [String] {
        var tokens: [String] = []
        for (index, address) in list.enumerated() {
            var mailbox = address.headerTokens(firstMaximum: 64)
            if index < list.count - 1 { mailbox[mailbox.count - 1] += "," }
            tokens += mailbox
        }
        return tokens
    }

    /// A boundary that cannot occur in the parts: quoted-printable writes "=" only before two
    /// hex digits or a line break and base64 only at the end, so "=_" never appears in them
    /// (RFC 2045 §6.7 and §6.8). Derived from the Message-ID so that a message renders the
    /// same every time (its DKIM signature and the tests depend on that).
    static func boundary(_ messageID: String, _ kind: String) -> String {
        let digest = SHA256.hash(data: Array((messageID + kind).utf8))
        return "=_" + String(kind.prefix(3)) + "_" + digest.prefix(12).map(hex).joined()
    }

    private static func hex(_ byte: UInt8) -> String {
        (byte < 16 ? "0" : "") + String(byte, radix: 16)
    }

    /// `Thu, 03 Dec 2026 03:49:14 +0000` (RFC 5322 §3.3), always in UTC so that the result
    /// does not depend on the machine's time zone.
    public static func rfc5322Date(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // 1970-01-01 was a Thursday.
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        let monthName = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        return "\(weekday), \(two(day)) \(monthName) \(year) \(time) +0000"
    }
}
