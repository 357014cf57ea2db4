import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// A network's logo on the certificates it issues (issue 18, point 7): uploaded by its
/// coordinators, checked by its bytes, served to anyone, named in the issuer profile and in
/// each credential issued after it.
@Suite("Network settings: the logo on certificates")
struct NetworkSettingsTests {
    /// A real PNG of 480 × 160 (the demo network's logo).
    static func logo() throws -> [UInt8] {
        Array(try #require(FileManager.default.contents(atPath: DirectoryConfiguration.detect().resourcesDirectory + "Demo/network-logo.png")))
    }

    static func png(_ width: UInt32, _ height: UInt32) -> [UInt8] {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + Array("IHDR".utf8) + be(width) + be(height) + [8, 6, 0, 0, 0, 0, 0, 0, 0]
    }

    @Test("A coordinator uploads a logo; a file that is no PNG or JPEG, too large or too small is refused with its reason and the logo in use stays")
    func uploadAndRefusals() async throws {
        try await withApp { app, ctx in
            let network = ctx.fixtures.network
            let settings = "/networks/\(network)/settings", upload = "/networks/\(network)/logo"
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            #expect(try await coordinator.get("/").contains("href=\"\(settings)\""), "the home page leads to the settings")
            let empty = try await coordinator.get(settings)
            #expect(empty.status == .ok && empty.contains("No logo yet"))
            #expect(try await ctx.browser().get(upload).status == .notFound, "no logo, nothing to fetch")

            let saved = try await coordinator.upload(upload, field: "logo", filename: "logo.png", bytes: try Self.logo(), contentType: "image/png")
            #expect(saved.location == settings)
            let page = try await coordinator.get(settings)
            #expect(page.contains("The logo is saved.") && page.contains("In use: 480 × 160 pixels"))
            let stored = try #require(try await NetworkLogo.query(on: app.db).first())
            #expect(page.contains("src=\"/networks/\(network)/logo?v=\(stored.sha256.prefix(16))\""))

            // Anyone fetches it, as it was uploaded, cached for a day at its current address (which
            // changes with it), checked again at any other; with no cookie; a 304 keeps the caching.
            let current = upload + "?v=\(stored.sha256.prefix(16))"
            try await app.testing().test(.GET, current) { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description == "image/png")
                #expect(res.headers.first(name: .cacheControl) == "public, max-age=86400")
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(res.headers[.setCookie].isEmpty)
                #expect(Array(res.body.readableBytesView) == (try Self.logo()))
            }
            try await app.testing().test(.GET, upload + "?v=0000") { res async throws in
                #expect(res.status == .ok && res.headers.first(name: .cacheControl) == "public, no-cache")
            }
            let etag = "\"\(stored.sha256.prefix(32))\""
            try await app.testing().test(.GET, current, headers: ["If-None-Match": "W/\(etag)"]) { res async throws in
                #expect(res.status == .notModified && res.headers.first(name: .cacheControl) == "public, max-age=86400")
            }

            // Refused, each for its reason, in the person's language; the logo in use stays.
            let text = try await coordinator.upload(upload, field: "logo", filename: "logo.png", content: "<svg onload=alert(1)>")
            #expect(text.status == .unsupportedMediaType && text.contains("This file is not a PNG or JPEG image."))
            #expect(text.contains("aria-invalid=\"true\"") && text.contains("In use: 480 × 160 pixels"))
            let huge = try await coordinator.upload(
                upload, field: "logo", filename: "big.png", bytes: Self.png(800, 800) + Array(repeating: 7, count: 300 * 1024), contentType: "image/png")
            #expect(huge.status == .payloadTooLarge && huge.contains("The file is 301 KB; a logo may be at most 200 KB."))
            let tiny = try await coordinator.upload(upload, field: "logo", filename: "tiny.png", bytes: Self.png(16, 16), contentType: "image/png")
            #expect(tiny.status == .unprocessableEntity && tiny.contains("The logo is 16 × 16 pixels"))
            let none = try await coordinator.post(upload, form: [:])
            #expect(none.status == .unprocessableEntity && none.contains("Choose a logo file (PNG or JPEG)."))
            let latvian = ctx.browser(language: "lv")
            try await latvian.login(Fixtures.coordinator)
            let refused = try await latvian.upload(upload, field: "logo", filename: "x.png", content: "not an image")
            #expect(refused.status == .unsupportedMediaType && !refused.contains("This file is not a PNG or JPEG image."))
            #expect(try await NetworkLogo.query(on: app.db).all().map(\.sha256) == [stored.sha256])

            // Removing asks first (a link, not a button that acts), and says what goes and what stays.
            #expect(try await coordinator.get(settings).contains("id=\"logo-remove\" class=\"button-secondary\" href=\"/networks/\(network)/logo/remove\""))
            let asking = try await coordinator.get("/networks/\(network)/logo/remove")
            #expect(asking.status == .ok && asking.contains("Remove the logo of Network N?") && asking.contains("The certificates stay valid."))
            #expect(try await NetworkLogo.query(on: app.db).count() == 1, "asking removed nothing")
            // Removed: certificates show the name alone, and the file is gone.
            #expect(try await coordinator.post("/networks/\(network)/logo/remove").location == settings)
            #expect(try await coordinator.get(settings).contains("No logo yet"))
            #expect(try await ctx.browser().get(upload).status == .notFound)
        }
    }

    @Test("Only the network's coordinators and the admin change its logo: its leaders, staff and another network's coordinator get a 404")
    func whoMay() async throws {
        try await withApp { app, ctx in
            let network = ctx.fixtures.network
            for (email, status) in [
                (Fixtures.leaderA, HTTPStatus.notFound), (Fixtures.teacherA, .notFound), (Fixtures.otherCoordinator, .notFound),
                (Fixtures.coordinator, .ok), (Fixtures.admin, .ok),
            ] {
                let browser = ctx.browser()
                try await browser.login(email)
                #expect(try await browser.get("/networks/\(network)/settings").status == status, "\(email)")
                let upload = try await browser.upload(
                    "/networks/\(network)/logo", field: "logo", filename: "logo.png", bytes: try Self.logo(), contentType: "image/png")
                #expect(upload.status == (status == .ok ? .seeOther : status), "\(email)")
            }
            #expect(try await NetworkLogo.query(on: app.db).count() == 1, "one a network, the last upload")
        }
    }

    @Test("A certificate issued after the upload shows the logo, and its signed credential and the issuer profile name it as the issuer's image")
    func onCertificates() async throws {
        try await withApp { app, ctx in
            let network = ctx.fixtures.network
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            try await coordinator.upload("/networks/\(network)/logo", field: "logo", filename: "logo.png", bytes: try Self.logo(), contentType: "image/png")
            let stored = try #require(try await NetworkLogo.query(on: app.db).first())
            let logoPath = "/networks/\(network)/logo?v=\(stored.sha256.prefix(16))"

            let learner = try await CourseTests.enrolled(ctx, app)
            try await learner.post(CourseTests.path + "/steps/read/done")
            try await learner.post(CourseTests.path + "/steps/check/attempts", fields: [("attempt", "1"), ("q_q1", "a"), ("q_q2", "a"), ("q_q2", "b")])
            try await learner.post(CourseTests.path + "/steps/think/reflection", form: ["body": "Notes."])
            let certificate = try await learner.get(CourseTests.path + "/certificate")
            #expect(certificate.contains("id=\"certificate-logo\"") && certificate.contains("src=\"\(logoPath)\""))
            #expect(certificate.contains("alt=\"Logo of Network N\""))
            let credential = try #require(try await CourseCredential.query(on: app.db).first())
            #expect(try await ctx.browser().get("/credentials/\(try credential.requireID())").contains("class=\"issuer-logo\" src=\"\(logoPath)\""))

            // The signed payload names the image; so does the public issuer profile.
            let payload = try #require(credential.token.split(separator: ".").dropFirst().first)
            let json = try #require(Data(base64Encoded: Self.padded(String(payload))))
            let decoded = try JSONSerialization.jsonObject(with: json) as? [String: Any]
            let issuer = try #require((decoded?["vc"] as? [String: Any] ?? decoded)?["issuer"] as? [String: Any])
            let image = try #require(issuer["image"] as? [String: Any])
            #expect(image["type"] as? String == "Image")
            #expect((image["id"] as? String)?.hasSuffix(logoPath) == true)
            let profile = try await ctx.browser().get("/networks/\(network)/issuer")
            let profileJSON = try JSONSerialization.jsonObject(with: Data(profile.body.utf8)) as? [String: Any]
            let profileImage = try #require(profileJSON?["image"] as? [String: Any])
            #expect(profileImage["type"] as? String == "Image" && (profileImage["id"] as? String)?.hasSuffix(logoPath) == true)
        }
    }

    static func padded(_ base64URL: String) -> String {
        var text = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return text
    }
}
