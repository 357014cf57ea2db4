import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue #14, class 9: NUL bytes never reach the database (PostgreSQL refuses them: a 500),
/// and people's names refuse control and bidirectional-formatting characters.
@Suite("Text input: NUL bytes and names")
struct TextInputTests {
    func apiToken(_ email: String, _ app: Application) async throws -> HTTPHeaders {
        let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
        return ["Authorization": "Bearer \(try await APITokens.issue(name: "test", for: user, on: app.db))"]
    }

    @Test("A NUL in a form field, encoded or raw, is stored as U+FFFD with the text after it, never a 500")
    func nulInForms() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            let asked = try await teacher.post(
                "/support/ask",
                form: [
                    "school": ctx.fixtures.schoolA.uuidString, "topic": "parents",
                    "urgency": "today", "question": "Before\u{0}after",
                ])
            #expect(asked.status == .seeOther)
            // A raw NUL byte in the body, as no browser would send it.
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let csrf = try #require(teacher.cookies["collegium_csrf"])
            var body = ByteBuffer(string: "school=\(ctx.fixtures.schoolA.uuidString)&topic=parents&urgency=today&_csrf=\(csrf)&question=Raw")
            body.writeBytes([0])
            body.writeString("tail")
            let raw = try await teacher.send(.POST, "/support/ask", headers: headers, body: body)
            #expect(raw.status == .seeOther)

            let questions = try await HelpRequest.query(on: app.db).all().map(\.question).sorted()
            #expect(questions == ["Before\u{FFFD}after", "Raw\u{FFFD}tail"])
            #expect(!questions.contains { $0.utf8.contains(0) })

            // In a query string and in a path: no 500.
            #expect(try await teacher.get("/handbook/search?q=a%00b").status.code < 500)
            #expect(try await teacher.get("/handbook/a%00b").status == .notFound)
        }
    }

    @Test("A NUL in a JSON string becomes U+FFFD; in a name it is then refused with a 422")
    func nulInJSON() async throws {
        try await withApp { app, ctx in
            let headers = try await apiToken(Fixtures.leaderA, app)
            try await app.testing().test(
                .POST, "/api/v1/schools/\(ctx.fixtures.schoolA)/invitations", headers: headers,
                beforeRequest: { req in
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: #"{"email":"nul@example.org","givenName":"An\u0000na","familyName":"K","role":"teacher"}"#)
                },
                afterResponse: { res async throws in
                    #expect(res.status == .unprocessableEntity)
                    #expect(try res.content.decode(APIErrorBody.self).error.details.compactMap(\.field) == ["givenName"])
                })
            #expect(try await Invitation.query(on: app.db).count() == 0)
        }
    }

    @Test("Names with a right-to-left override or a control character are refused with a message, the input kept")
    func namesRefuseControls() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let path = "/schools/\(ctx.fixtures.schoolA)/invitations"
            let spoof = try await leader.post(
                path,
                form: [
                    "email": "eve@example.org", "given_name": "Eve\u{202E}gnp.exe",
                    "family_name": "Smith", "role": "teacher",
                ])
            #expect(spoof.status == .unprocessableEntity)
            #expect(spoof.contains("The given name contains a control character or a hidden mark that changes the direction of text."))
            #expect(spoof.contains("value=\"eve@example.org\""))
            #expect(spoof.contains("value=\"Smith\""))
            let bell = try await leader.post(
                path,
                form: [
                    "email": "eve@example.org", "given_name": "Eve",
                    "family_name": "Sm\u{07}ith", "role": "teacher",
                ])
            #expect(bell.status == .unprocessableEntity)
            #expect(bell.contains("The family name contains a control character"))

            // In Latvian too.
            let lv = ctx.browser(language: "lv")
            try await lv.login(Fixtures.leaderA)
            let latvian = try await lv.post(
                path,
                form: [
                    "email": "eve@example.org", "given_name": "Eve\u{2066}",
                    "family_name": "Smith", "role": "teacher",
                ])
            #expect(latvian.status == .unprocessableEntity)
            #expect(latvian.contains("Vārdā ir vadības rakstzīme"))

            // A name in another script with a joiner is fine.
            let fine = try await leader.post(
                path,
                form: [
                    "email": "mina@example.org", "given_name": "مینا",
                    "family_name": "می\u{200C}خواه", "role": "teacher",
                ])
            #expect(fine.status == .seeOther)

            // The API and the roster import follow the same rule.
            let headers = try await apiToken(Fixtures.leaderA, app)
            try await app.testing().test(
                .POST, "/api/v1/schools/\(ctx.fixtures.schoolA)/invitations", headers: headers,
                beforeRequest: { req in
                    try req.content.encode(["email": "api@example.org", "givenName": "Api", "familyName": "X\u{202D}Y", "role": "teacher"], as: .json)
                },
                afterResponse: { res async throws in
                    #expect(res.status == .unprocessableEntity)
                    #expect(try res.content.decode(APIErrorBody.self).error.details.compactMap(\.field) == ["familyName"])
                })
            let csv = "givenName,familyName,email,role,school\nAnna,Ber\u{202E}zina,anna@example.org,teacher,A-1\n"
            let imported = try await leader.upload("/schools/\(ctx.fixtures.schoolA)/import", field: "file", filename: "staff.csv", content: csv)
            #expect(imported.status == .unprocessableEntity)
            #expect(imported.contains("familyName contains a control character or a hidden mark"))
            #expect(try await Invitation.query(on: app.db).count() == 1)
        }
    }

    @Test("A group's name, shown on its members' pages, refuses a bidirectional override too")
    func groupNameRefusesOverride() async throws {
        try await withApp { _, ctx in
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            let page = try await teacher.post(
                "/support/groups/new",
                fields: [
                    ("kind", "intervision"), ("school", ctx.fixtures.schoolA.uuidString), ("name", "Team \u{202E}sretsiger"),
                    ("purpose", "Cases"),
                ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("The name contains a control character or a hidden mark that changes the direction of text."))
        }
    }

    @Test("Accepting an invitation refuses a name with a bidirectional override")
    func acceptRefusesOverride() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "new@example.org", "given_name": "New", "family_name": "Person", "role": "teacher"])
            let path = try #require(try await ctx.mailbox.lastLinkPath(to: "new@example.org"))
            let refused = try await ctx.browser().post(
                path,
                form: [
                    "given_name": "\u{202E}weN", "family_name": "Person",
                    "password": "a long enough secret", "password_confirmation": "a long enough secret",
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.contains("The given name contains a control character"))
            #expect(try await User.query(on: app.db).filter(\.$email == "new@example.org").count() == 0)
        }
    }
}
