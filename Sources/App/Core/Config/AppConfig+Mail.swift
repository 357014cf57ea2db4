import Foundation
import SMTP

/// How mail leaves: the SMTP server (none: `serve` logs that a mail could not go out, the
/// demo keeps it for `/dev/mail`), the sender, and the DKIM key. Read by `AppConfig.load`.
public struct MailSettings: Sendable {
    public var smtp: SMTPConfiguration?
    /// `MAIL_FROM`: the From of every mail, and the envelope sender.
    public var from: SMTP.EmailAddress
    public var dkim: DKIMSigner?
    /// How long a sender holds the mails it claimed before another process may take them:
    /// longer than one batch can take. `MAIL_LEASE_SECONDS` (tests of a killed sender
    /// shorten it).
    public var lease: TimeInterval = 120

    public static let variables = ["SMTP_URL", "SMTP_PASSWORD_FILE", "MAIL_FROM", "DKIM_KEY_FILE", "DKIM_SELECTOR", "MAIL_LEASE_SECONDS"]

    /// The sender of a demo or a test, which sends nowhere.
    static let demoSender = try! SMTP.EmailAddress("noreply@collegium.example", name: "Collegium")

    /// Reads the settings; appends each problem, naming the variable, to `problems`.
    static func load(_ value: (String) -> String?, problems: inout [String]) -> MailSettings {
        var settings = MailSettings(smtp: nil, from: demoSender, dkim: nil)
        if let url = value("SMTP_URL") {
            do {
                settings.smtp = try SMTPConfiguration.parse(url: url, passwordFile: value("SMTP_PASSWORD_FILE"))
            } catch {
                problems.append("SMTP_URL: \(error.description)")
            }
        } else if value("SMTP_PASSWORD_FILE") != nil {
            problems.append("SMTP_PASSWORD_FILE: set SMTP_URL too (smtp+starttls://USER@HOST:587)")
        }
        if let raw = value("MAIL_FROM") {
            if let address = parseMailbox(raw) {
                settings.from = address
            } else {
                problems.append("MAIL_FROM=\(raw): expected an address, or a name and an address: Collegium <noreply@school.example>")
            }
        } else if settings.smtp != nil {
            problems.append("MAIL_FROM: required with SMTP_URL (for example: Collegium <noreply@school.example>)")
        }
        switch (value("DKIM_KEY_FILE"), value("DKIM_SELECTOR")) {
        case (nil, nil): break
        case (let file?, let selector?):
            do {
                let pem = try String(contentsOfFile: file, encoding: .utf8)
                settings.dkim = try DKIMSigner(domain: String(settings.from.domain), selector: selector, privateKeyPEM: pem)
            } catch let problem as DKIMSigner.Problem {
                problems.append("DKIM_KEY_FILE=\(file): \(problem.description)")
            } catch {
                problems.append("DKIM_KEY_FILE=\(file): cannot be read")
            }
        default:
            problems.append("DKIM_KEY_FILE and DKIM_SELECTOR: set both, or neither")
        }
        if let raw = value("MAIL_LEASE_SECONDS") {
            if let seconds = Int(raw), (5...3600).contains(seconds) {
                settings.lease = TimeInterval(seconds)
            } else {
                problems.append("MAIL_LEASE_SECONDS=\(raw): expected a whole number from 5 to 3600")
            }
        }
        return settings
    }

    /// `name@domain` or `Name <name@domain>`.
    static func parseMailbox(_ raw: String) -> SMTP.EmailAddress? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<") {
            var name = text[..<open].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            return try? SMTP.EmailAddress(address, name: name.isEmpty ? nil : name)
        }
        return try? SMTP.EmailAddress(text)
    }
}
