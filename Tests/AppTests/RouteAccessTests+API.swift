import Testing
import Vapor

@testable import App

/// The JSON API: a bearer token only. Here each signed-in visitor presents a token of
/// their own with every scope (cookies play no part under /api/), the anonymous visitor
/// none (401), and `token` is teacher A's read-only token: it reads what teacher A reads
/// and any write is refused for its scope (403) before the handler runs.
extension RouteAccessTests {
    // Columns: anonymous, otherSchool, teacher, support, leader, coordinator, otherCoordinator, admin, token
    static let api: [Row] = [
        .get("/api/v1/openapi.json", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/api/v1/me", [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/api/v1/schools", [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get(
            "/api/v1/schools/:schoolID", { "/api/v1/schools/\($0.schoolA)" },
            [.e401, .e404, .ok, .ok, .ok, .ok, .e404, .ok, .ok]),
        .get(
            "/api/v1/schools/:schoolID/members", { "/api/v1/schools/\($0.schoolA)/members" },
            [.e401, .e404, .ok, .ok, .ok, .ok, .e404, .ok, .ok]),
        .postJSON(
            "/api/v1/schools/:schoolID/invitations", { "/api/v1/schools/\($0.schoolA)/invitations" },
            [.e401, .e404, .e403, .e403, .e422, .e422, .e404, .e422, .e403]),
        .get("/api/v1/wellbeing/me", [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get(
            "/api/v1/wellbeing/schools/:schoolID", { "/api/v1/wellbeing/schools/\($0.schoolA)" },
            [.e401, .e404, .e403, .e403, .ok, .ok, .e404, .ok, .e403]),
        .get(
            "/api/v1/wellbeing/networks/:networkID", { "/api/v1/wellbeing/networks/\($0.fixtures.network)" },
            [.e401, .e404, .e404, .e404, .e404, .ok, .e404, .ok, .e404]),
        .get("/api/v1/handbook/chapters", [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        // A chapter for members only: any token's owner is signed in.
        .get(
            "/api/v1/handbook/chapters/:slug", { "/api/v1/handbook/chapters/\(try await $0.chapter())" },
            [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get(
            "/api/v1/handbook/search", { _ in "/api/v1/handbook/search?q=together" },
            [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
    ]

    static let apiModules: [Row] = [
        // Lists of one's own: nothing of anyone else's, never refused.
        .get("/api/v1/practice/engagements", [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/api/v1/practice/requests", [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/api/v1/practice/coaching-requests", [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/api/v1/practice/programmes", [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        // No kind of group: refused before any school is looked at.
        .postJSON("/api/v1/practice/groups", [.e401, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .e403]),
        .postJSON(
            "/api/v1/practice/engagements/:id/agree", { "/api/v1/practice/engagements/\(try await $0.group("intervision"))/agree" },
            [.e401, .e404, .ok, .ok, .e404, .e404, .e404, .e404, .e403]),
        .get("/api/v1/surveys", [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        // No definition: refused before any scope is looked at.
        .postJSON("/api/v1/surveys", [.e401, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .e403]),
        .postJSON(
            "/api/v1/surveys/:id/publish", { "/api/v1/surveys/\(try await $0.survey(.draft).id)/publish" },
            [.e401, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .e403]),
        .postJSON(
            "/api/v1/surveys/:id/close", { "/api/v1/surveys/\(try await $0.survey(.open).id)/close" },
            [.e401, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .e403]),
        // Answering goes by the link's rule (anyone, while open); without an Idempotency-Key it is refused.
        .postJSON(
            "/api/v1/surveys/:id/responses", { "/api/v1/surveys/\(try await $0.survey(.open).id)/responses" },
            [.e401, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .e403]),
        .get(
            "/api/v1/surveys/:id/report", { "/api/v1/surveys/\(try await $0.survey(.closed).id)/report" },
            [.e401, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .e404]),
        .get(
            "/api/v1/surveys/:id/responses.csv", { "/api/v1/surveys/\(try await $0.survey(.closed).id)/responses.csv" },
            [.e401, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .e404]),
        .get("/api/v1/courses", [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/api/v1/courses/:slug", { "/api/v1/courses/\(try await $0.course())" }, [.e401, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .postJSON(
            "/api/v1/courses/:slug/enrolment", { "/api/v1/courses/\(try await $0.course())/enrolment" },
            [.e401, .created, .created, .created, .created, .created, .created, .created, .e403]),
        // Leader B, teacher A and counsellor A are enrolled; anyone else must enrol first.
        .postJSON(
            "/api/v1/courses/:slug/steps/:step/completion", { "/api/v1/courses/\(try await $0.classroom().slug)/steps/read/completion" },
            [.e401, .ok, .ok, .ok, .e409, .e409, .e409, .e409, .e403]),
        .postJSON(
            "/api/v1/courses/:slug/steps/:step/attempts", { "/api/v1/courses/\(try await $0.classroom().slug)/steps/check/attempts" },
            [.e401, .e422, .e422, .e422, .e409, .e409, .e409, .e409, .e403]),
        .get(
            "/api/v1/courses/:slug/certificate",
            { w in
                _ = try await w.credential(); return "/api/v1/courses/\(try await w.classroom().slug)/certificate"
            },
            [.e401, .e404, .ok, .e404, .e404, .e404, .e404, .e404, .ok]),
        .get(
            "/api/v1/courses/:slug/statements", { "/api/v1/courses/\(try await $0.course())/statements" },
            [.e401, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .e403]),
    ]

    @Test("The API: accounts, well-being and the handbook")
    func apiRoutes() async throws { try await Self.check(Self.api) }

    @Test("The API: practice, surveys and courses")
    func apiModuleRoutes() async throws { try await Self.check(Self.apiModules) }
}
