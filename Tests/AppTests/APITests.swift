import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("JSON API")
struct APITests {
    func issueToken(for email: String, on app: Application) async throws -> String {
        let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
        return try await APITokens.issue(name: "test", for: user, on: app.db)
    }

    func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    @Test("Without a valid token every endpoint answers 401 in the one error shape")
    func unauthorized() async throws {
        try await withApp { app, _ in
            for path in ["/api/v1/me", "/api/v1/schools"] {
                try await app.testing().test(.GET, path, headers: ["Authorization": "Bearer col_nonsense-token-value-123456"]) { res async throws in
                    #expect(res.status == .unauthorized)
                    #expect(res.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
                    let body = try res.content.decode(APIErrorBody.self)
                    #expect(body.error.code == "unauthorized")
                    #expect(body.error.status == 401)
                }
            }
            try await app.testing().test(.GET, "/api/v1/no-such-thing") { res async throws in
                #expect(res.status == .notFound)
                #expect(try res.content.decode(APIErrorBody.self).error.code == "not_found")
            }
        }
    }

    @Test("/me tells who the token belongs to; /schools lists only what they may see")
    func meAndSchools() async throws {
        try await withApp { app, ctx in
            let token = try await issueToken(for: Fixtures.coordinator, on: app)
            try await app.testing().test(.GET, "/api/v1/me", headers: bearer(token)) { res async throws in
                #expect(res.status == .ok)
                let me = try res.content.decode(AccountsAPI.Me.self)
                #expect(me.email == Fixtures.coordinator)
            }
            try await app.testing().test(.GET, "/api/v1/schools", headers: bearer(token)) { res async throws in
                let names = try res.content.decode([AccountsAPI.SchoolDTO].self).map(\.name)
                #expect(names == ["School A", "School B"])
            }
            let leaderB = try await issueToken(for: Fixtures.leaderB, on: app)
            try await app.testing().test(.GET, "/api/v1/schools/\(ctx.fixtures.schoolA)/members", headers: bearer(leaderB)) { res async throws in
                #expect(res.status == .notFound)
            }
            try await app.testing().test(.GET, "/api/v1/schools/not-a-uuid", headers: bearer(leaderB)) { res async throws in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test("Inviting through the API validates every field and reports each problem")
    func invite() async throws {
        try await withApp { app, ctx in
            let token = try await issueToken(for: Fixtures.leaderA, on: app)
            let path = "/api/v1/schools/\(ctx.fixtures.schoolA)/invitations"
            try await app.testing().test(
                .POST, path, headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(["email": "nope", "givenName": "", "familyName": "K", "role": "boss"], as: .json)
                },
                afterResponse: { res async throws in
                    #expect(res.status == .unprocessableEntity)
                    let body = try res.content.decode(APIErrorBody.self)
                    #expect(Set(body.error.details.compactMap(\.field)) == ["email", "givenName", "role"])
                })
            try await app.testing().test(
                .POST, path, headers: bearer(token),
                beforeRequest: { req in
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: "{not json")
                },
                afterResponse: { res async throws in
                    #expect(res.status == .badRequest)
                    #expect(try res.content.decode(APIErrorBody.self).error.code == "bad_request")
                })
            try await app.testing().test(
                .POST, path, headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(["email": "new@example.org", "givenName": "New", "familyName": "Person", "role": "teacher"], as: .json)
                },
                afterResponse: { res async throws in
                    #expect(res.status == .created)
                    #expect(try res.content.decode(AccountsAPI.InvitationDTO.self).email == "new@example.org")
                })
            #expect(try await ctx.mailbox.messages().count == 1)
        }
    }

    @Test("A revoked token stops working at once")
    func revoked() async throws {
        try await withApp { app, ctx in
            let browser = ctx.browser()
            try await browser.login(Fixtures.teacherA)
            let created = try await browser.post(
                "/account/tokens",
                fields: [
                    ("token_name", "My script"), ("access", "read"), ("module", "accounts"), ("days", "90"),
                ])
            #expect(created.status == .created)
            let secret = try #require(created.body.firstMatch(of: /col_[A-Za-z0-9_-]+/).map { String($0.output) })
            try await app.testing().test(.GET, "/api/v1/me", headers: bearer(secret)) { res async throws in #expect(res.status == .ok) }
            let token = try #require(try await APIToken.query(on: app.db).filter(\.$name == "My script").first())
            try await browser.post("/account/tokens/\(try token.requireID())/revoke")
            try await app.testing().test(.GET, "/api/v1/me", headers: bearer(secret)) { res async throws in #expect(res.status == .unauthorized) }

            // Nobody else can revoke it.
            let other = try await APITokens.issue(
                name: "theirs", for: try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.leaderA).first()), on: app.db)
            let theirs = try #require(try await APIToken.query(on: app.db).filter(\.$name == "theirs").first())
            #expect(try await browser.post("/account/tokens/\(try theirs.requireID())/revoke").status == .notFound)
            try await app.testing().test(.GET, "/api/v1/me", headers: bearer(other)) { res async throws in #expect(res.status == .ok) }
        }
    }
    struct NewGroupBody: Content {
        var kind: String
        var schoolId: UUID
        var name: String
        var purpose: String
        var memberIds: [UUID]
        var supervisorId: UUID?
    }

    @Test("Groups through the API: started by the page's rules, notes and sessions only after agreeing, never to a leader")
    func groups() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            try await Fixtures.addMember("ilze@example.org", school: a, role: .teacher, on: app)
            let teacher = try await issueToken(for: Fixtures.teacherA, on: app)
            let counsellor = try await issueToken(for: Fixtures.counsellorA, on: app)
            let leader = try await issueToken(for: Fixtures.leaderA, on: app)
            func id(_ email: String) async throws -> UUID {
                try #require(try await User.query(on: app.db).filter(\.$email == email).first()?.requireID())
            }
            let counsellorID = try await id(Fixtures.counsellorA), ilzeID = try await id("ilze@example.org"), leaderID = try await id(Fixtures.leaderA)
            // A leader among the members: every problem named, nothing made.
            try await app.testing().test(
                .POST, "/api/v1/practice/groups", headers: ["Authorization": "Bearer \(teacher)"],
                beforeRequest: { req in
                    try req.content.encode(
                        NewGroupBody(kind: "intervision", schoolId: a, name: "", purpose: "Cases", memberIds: [counsellorID, leaderID]), as: .json)
                }
            ) { res async throws in
                #expect(res.status == .unprocessableEntity)
                let fields = try res.content.decode(APIErrorBody.self).error.details.compactMap(\.field)
                #expect(Set(fields) == ["name", "memberIds"])
            }
            #expect(try await Engagement.query(on: app.db).count() == 0)
            try await app.testing().test(
                .POST, "/api/v1/practice/groups", headers: ["Authorization": "Bearer \(leader)"],
                beforeRequest: { req in
                    try req.content.encode(
                        NewGroupBody(kind: "intervision", schoolId: a, name: "Leaders", purpose: "Cases", memberIds: [counsellorID, ilzeID]), as: .json)
                }
            ) { res async throws in
                #expect(res.status == .forbidden)
            }
            var groupID: UUID?
            try await app.testing().test(
                .POST, "/api/v1/practice/groups", headers: ["Authorization": "Bearer \(teacher)"],
                beforeRequest: { req in
                    try req.content.encode(
                        NewGroupBody(
                            kind: "intervision", schoolId: a, name: "Year 8 team", purpose: "Pupils who stop coming",
                            memberIds: [counsellorID, ilzeID]), as: .json)
                }
            ) { res async throws in
                #expect(res.status == .created)
                let dto = try res.content.decode(PracticeAPIController.EngagementDTO.self)
                #expect(dto.form == "intervision")
                #expect(dto.participants.count == 3)
                #expect(dto.group?.agreed == false)
                groupID = dto.id
            }
            let group = try #require(groupID)
            // The teacher agrees on the page and writes a note; the counsellor, not yet agreed, gets none of it.
            let browser = ctx.browser()
            try await browser.login(Fixtures.teacherA)
            try await browser.post("/support/engagements/\(group)/agree")
            try await browser.post("/support/engagements/\(group)/notes", form: ["text": "Ground rules agreed", "visibility": "shared"])
            try await app.testing().test(.GET, "/api/v1/practice/engagements", headers: ["Authorization": "Bearer \(counsellor)"]) { res async throws in
                let mine = try res.content.decode([PracticeAPIController.EngagementDTO].self)
                #expect(mine.first?.group?.agreed == false)
                #expect(mine.first?.notes.isEmpty == true)
            }
            try await app.testing().test(.POST, "/api/v1/practice/engagements/\(group)/agree", headers: ["Authorization": "Bearer \(counsellor)"]) {
                res async throws in
                #expect(res.status == .ok)
                let dto = try res.content.decode(PracticeAPIController.EngagementDTO.self)
                #expect(dto.group?.agreed == true)
                #expect(dto.notes.map(\.text) == ["Ground rules agreed"])
            }
            try await app.testing().test(.POST, "/api/v1/practice/engagements/\(group)/agree", headers: ["Authorization": "Bearer \(leader)"]) {
                res async throws in
                #expect(res.status == .notFound)
            }
            try await app.testing().test(.GET, "/api/v1/practice/engagements", headers: ["Authorization": "Bearer \(leader)"]) { res async throws in
                #expect(try res.content.decode([PracticeAPIController.EngagementDTO].self).isEmpty)
            }
        }
    }
}

@Suite("OpenAPI document")
struct OpenAPITests {

    @Test("Every /api/v1 route is documented, and every documented operation exists")
    func inStep() async throws {
        try await withApp { app, _ in
            var documented = Set<String>()
            try await app.testing().test(.GET, "/api/v1/openapi.json") { res async throws in
                #expect(res.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect(json?["openapi"] as? String == "3.1.0")
                let paths = json?["paths"] as? [String: [String: Any]] ?? [:]
                for (path, operations) in paths {
                    for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
                }
            }
            let routed = Set(
                app.routes.all.compactMap { route -> String? in
                    let path =
                        "/"
                        + route.path.map { component -> String in
                            if case .parameter(let name) = component { return "{\(name)}" }
                            return component.description
                        }.joined(separator: "/")
                    guard path.hasPrefix("/api/v1/"), path != "/api/v1/openapi.json" else { return nil }
                    return "\(route.method.rawValue) \(path)"
                })
            #expect(routed == documented)
        }
    }

}
