import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Publishing through the API, where the one rule behind both faces (`SurveyPublishing`)
/// meets what only a client can send: schools without roles, roles that do not exist, a
/// request on a survey whose figures are released (issue 16's review).
@Suite("Publishing a survey through the API")
struct SurveyPublishingTests {
    /// A draft network survey of network N, made by its coordinator; its id and the headers.
    static func networkDraft(_ app: Application, _ ctx: TestContext) async throws -> (String, HTTPHeaders) {
        var coordinator = try await SurveyAPITests.token(Fixtures.coordinator, app)
        coordinator.contentType = .json
        var id = ""
        try await app.testing().test(
            .POST, "/api/v1/surveys", headers: coordinator,
            body: try SurveyAPITests.json(["networkId": ctx.fixtures.network.uuidString, "definition": SurveyAPITests.definition])
        ) { res async throws in
            #expect(res.status == .created)
            id = try res.content.decode(SurveyAPIController.SurveyDTO.self).id.uuidString
        }
        return (id, coordinator)
    }

    static func publish(_ id: String, _ body: [String: Any], _ headers: HTTPHeaders, _ app: Application) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.POST, "/api/v1/surveys/\(id)/publish", headers: headers, body: try SurveyAPITests.json(body)) { res async throws in
            result = (res.status, res.body.string)
        }
        return result
    }

    @Test("Schools of another network are refused with or without roles, and nothing is published; the survey's own schools pass")
    func schoolsOutsideTheNetwork() async throws {
        try await withApp { app, ctx in
            let (id, coordinator) = try await Self.networkDraft(app, ctx)
            let outside = ctx.fixtures.schoolC.uuidString
            for body: [String: Any] in [["schoolIds": [outside]], ["roles": ["teacher"], "schoolIds": [outside]]] {
                let (status, text) = try await Self.publish(id, body, coordinator, app)
                #expect(status == .unprocessableEntity, "\(body)")
                #expect(text.contains("schoolIds") && text.contains("must be schools of the survey's network"), "\(text)")
            }
            let draft = try #require(try await Survey.find(UUID(uuidString: id), on: app.db))
            #expect(draft.status == .draft, "nothing was published")
            let (status, _) = try await Self.publish(id, ["roles": ["teacher"], "schoolIds": [ctx.fixtures.schoolA.uuidString]], coordinator, app)
            #expect(status == .ok)
            let published = try #require(try await Survey.find(UUID(uuidString: id), on: app.db))
            #expect(published.status == .open && published.audienceRoles == "teacher" && published.audienceSchools == ctx.fixtures.schoolA.uuidString)
            // Without roles the audience is kept, and the survey's own schools are accepted.
            let (again, _) = try await Self.publish(id, ["schoolIds": [ctx.fixtures.schoolB.uuidString]], coordinator, app)
            #expect(again == .ok)
            let kept = try #require(try await Survey.find(UUID(uuidString: id), on: app.db))
            #expect(kept.audienceRoles == "teacher" && kept.audienceSchools == ctx.fixtures.schoolA.uuidString)
        }
    }

    @Test("A survey whose figures are released answers 409 to any publish, a bad one included")
    func releasedFirst() async throws {
        try await withApp { app, ctx in
            let (id, coordinator) = try await Self.networkDraft(app, ctx)
            #expect(try await Self.publish(id, [:], coordinator, app).0 == .ok)
            try await app.testing().test(.POST, "/api/v1/surveys/\(id)/close", headers: coordinator) { res async throws in
                #expect(res.status == .ok)
            }
            for body: [String: Any] in [[:], ["roles": ["headmaster"]], ["opensOn": "2026-02-30"]] {
                let (status, text) = try await Self.publish(id, body, coordinator, app)
                #expect(status == .conflict, "\(body): \(text)")
                #expect(text.contains("does not open again"))
            }
        }
    }
}
