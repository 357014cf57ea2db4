import Foundation
import Testing

@testable import SMTP

@Suite("SMTP configuration from a URL")
struct ConfigurationURLTests {
    @Test("The three schemes choose the protection and default port")
    func schemes() throws {
        let startTLS = try SMTPConfiguration.parse(url: "smtp+starttls://mailer:secret@SMTP.Example.org:587")
        #expect(startTLS.security == .startTLS)
        #expect(startTLS.host == "smtp.example.org")
        #expect(startTLS.port == 587)
        #expect(startTLS.username == "mailer")
        #expect(startTLS.password == "secret")
        #expect(!startTLS.isUnencrypted)
        #expect(startTLS.verifiesCertificate)

        let implicit = try SMTPConfiguration.parse(url: "smtps://mailer:secret@smtp.example.org")
        #expect(implicit.security == .implicitTLS)
        #expect(implicit.port == 465)

        let plain = try SMTPConfiguration.parse(url: "smtp://localhost")
        #expect(plain.security == .none)
        #expect(plain.port == 25)
        #expect(plain.isUnencrypted)
        #expect(plain.isLoopback)
        #expect(plain.username == nil && plain.password == nil)
        #expect(try SMTPConfiguration.parse(url: "smtp+starttls://smtp.example.org").port == 587)
    }

    @Test("User and password are percent-decoded; the last @ ends them")
    func percentDecoding() throws {
        let configuration = try SMTPConfiguration.parse(url: "smtps://school%40example.org:p%3Ass%20w%C3%B6rd@smtp.example.org:2465/")
        #expect(configuration.username == "school@example.org")
        #expect(configuration.password == "p:ss wörd")
        #expect(configuration.port == 2465)
        #expect(try SMTPConfiguration.parse(url: "smtps://u:a@b@smtp.example.org").password == "a@b")
        #expect(throws: SMTPConfiguration.URLProblem.badPercentEncoding) { try SMTPConfiguration.parse(url: "smtps://u:%zz@smtp.example.org") }
    }

    @Test("An IPv6 literal is read without its brackets")
    func ipv6() throws {
        let configuration = try SMTPConfiguration.parse(url: "smtp://[::1]:2525")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 2525)
        #expect(configuration.isLoopback)
    }

    @Test("The password may come from a file, without its trailing line break")
    func passwordFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-password-\(UUID().uuidString)").path
        try "s3cret with spaces\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try SMTPConfiguration.parse(url: "smtp+starttls://mailer@smtp.example.org", passwordFile: path)
        #expect(configuration.password == "s3cret with spaces")

        #expect(throws: SMTPConfiguration.URLProblem.passwordTwice) {
            try SMTPConfiguration.parse(url: "smtp+starttls://mailer:x@smtp.example.org", passwordFile: path)
        }
        #expect(throws: SMTPConfiguration.URLProblem.passwordWithoutUser) { try SMTPConfiguration.parse(url: "smtps://smtp.example.org", passwordFile: path) }
        let missing = "/nonexistent/smtp-password"
        #expect(throws: SMTPConfiguration.URLProblem.passwordFileUnreadable(path: missing, reason: "no such file")) {
            try SMTPConfiguration.parse(url: "smtps://mailer@smtp.example.org", passwordFile: missing)
        }
    }

    @Test("Query options: verify, ca and ehlo")
    func options() throws {
        let ca = Fixture.path("localhost-cert.pem")
        let configuration = try SMTPConfiguration.parse(url: "smtps://smtp.example.org?verify=false&ca=\(ca)&ehlo=school.example")
        #expect(!configuration.verifiesCertificate)
        #expect(configuration.trustedCertificatesFile == ca)
        #expect(configuration.ehloName == "school.example")
        #expect(throws: SMTPConfiguration.URLProblem.badOptionValue(option: "verify", value: "maybe")) {
            try SMTPConfiguration.parse(url: "smtps://smtp.example.org?verify=maybe")
        }
        #expect(throws: SMTPConfiguration.URLProblem.certificateFileUnreadable("/nonexistent/ca.pem")) {
            try SMTPConfiguration.parse(url: "smtps://smtp.example.org?ca=/nonexistent/ca.pem")
        }
        #expect(throws: SMTPConfiguration.URLProblem.unknownOption("verfy")) { try SMTPConfiguration.parse(url: "smtps://smtp.example.org?verfy=false") }
    }

    @Test(
        "Bad URLs are refused with the problem named",
        arguments: [
            ("http://smtp.example.org", SMTPConfiguration.URLProblem.unknownScheme("http")),
            ("smtp.example.org:25", .notAURL),
            ("smtp://", .missingHost),
            ("smtps://user:pw@:465", .missingHost),
            ("smtp://smtp.example.org:0", .badPort("0")),
            ("smtp://smtp.example.org:65536", .badPort("65536")),
            ("smtp://smtp.example.org:25a", .badPort("25a")),
            ("smtp://smtp.example.org:", .badPort("")),
            ("smtp://smtp.example.org/path", .notAURL),
        ])
    func badURLs(url: String, problem: SMTPConfiguration.URLProblem) {
        #expect(throws: problem) { try SMTPConfiguration.parse(url: url) }
    }

    @Test("Descriptions name the problem in words, and the settings never show the password")
    func descriptions() throws {
        #expect(SMTPConfiguration.URLProblem.unknownScheme("http").description.contains("use smtp+starttls://, smtps:// or smtp://"))
        #expect(SMTPConfiguration.URLProblem.badPort("99999").description.contains("not a number from 1 to 65535"))
        let configuration = try SMTPConfiguration.parse(url: "smtps://mailer:hunter2@smtp.example.org")
        #expect(configuration.description == "smtps://mailer:********@smtp.example.org:465")
        #expect(!"\(configuration)".contains("hunter2"))
    }

    @Test("A password with an unescaped ? or / never shows in an error; a user needs a password; no control characters")
    func credentialsStayOut() {
        for url in ["smtp+starttls://u:s3cr?et@mail.example.org:587", "smtps://u:ab/cd:99x@mail.example.org", "smtps://u:s3cr?x=1@mail.example.org"] {
            do {
                _ = try SMTPConfiguration.parse(url: url)
                Issue.record("\(url) was accepted")
            } catch {
                #expect(!error.description.contains("s3cr") && !error.description.contains("cd"), "\(error.description)")
            }
        }
        #expect(throws: SMTPConfiguration.URLProblem.userWithoutPassword) { try SMTPConfiguration.parse(url: "smtps://teacher@mail.example.org") }
        #expect(throws: SMTPConfiguration.URLProblem.controlCharacterInCredentials) {
            try SMTPConfiguration.parse(url: "smtps://teacher:a%00b@mail.example.org")
        }
    }
}
