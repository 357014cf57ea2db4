import Testing
import Vapor

@testable import App

/// Well-being check-ins and the guarded figures; the handbook (a chapter for members only,
/// so a visitor is asked to sign in) and its editing by coordinators.
extension RouteAccessTests {
    // Columns: anonymous, otherSchool, teacher, support, leader, coordinator, otherCoordinator, admin, token
    static let wellbeing: [Row] = [
        .get("/wellbeing", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        // An empty check-in: the questions are still open; without a school there is none to check in to.
        .post("/wellbeing", [.login, .e422, .e422, .e422, .e422, .e403, .e403, .e403, .login]),
        .get("/wellbeing/support", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        .get("/wellbeing/my-check-ins.json", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        // The page that asks first: with no history kept, it says so on the well-being page.
        .get("/wellbeing/history/delete", [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        .post("/wellbeing/history/delete", [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        .get(
            "/schools/:schoolID/wellbeing", { "/schools/\($0.schoolA)/wellbeing" },
            [.login, .e404, .e403, .e403, .ok, .ok, .e404, .ok, .login]),
        // The cadence and minimum group: the school's leader (and the admin), not the coordinator.
        .post(
            "/schools/:schoolID/wellbeing/settings", { "/schools/\($0.schoolA)/wellbeing/settings" },
            [.login, .e404, .e403, .e403, .e422, .e403, .e404, .e422, .login]),
        .get(
            "/networks/:networkID/wellbeing", { "/networks/\($0.fixtures.network)/wellbeing" },
            [.login, .e404, .e404, .e404, .e404, .ok, .e404, .ok, .login]),
    ]

    static let handbook: [Row] = [
        .get("/handbook", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/handbook/search", { _ in "/handbook/search?q=together" }, [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/handbook/print", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get(
            "/handbook/:slug", { "/handbook/\(try await $0.chapter())" },
            [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        .get(
            "/handbook/:slug/print", { "/handbook/\(try await $0.chapter())/print" },
            [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        // Editing: every coordinator (one handbook serves the instance) and the admin.
        .get("/handbook/translations", [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        .get(
            "/handbook/:slug/edit", { "/handbook/\(try await $0.chapter())/edit" },
            [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        .post(
            "/handbook/:slug/edit", { "/handbook/\(try await $0.chapter())/edit" }, form: { _ in [("language", "en")] },
            [.login, .e403, .e403, .e403, .e403, .e422, .e422, .e422, .login]),
        .get(
            "/handbook/:slug/history", { "/handbook/\(try await $0.chapter())/history" },
            [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        .get(
            "/handbook/:slug/compare", { "/handbook/\(try await $0.chapter())/compare" },
            [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        .post(
            "/handbook/:slug/history/:number/restore", { "/handbook/\(try await $0.chapter())/history/1/restore" },
            form: { _ in [("language", "en")] },
            [.login, .e403, .e403, .e403, .e403, .see, .see, .see, .login]),
        .post(
            "/handbook/:slug/visibility", { "/handbook/\(try await $0.chapter())/visibility" }, form: { _ in [("public", "1")] },
            [.login, .e403, .e403, .e403, .e403, .see, .see, .see, .login]),
        .post(
            "/handbook/:slug/shipped", { "/handbook/\(try await $0.chapter(diverged: true))/shipped" },
            form: { _ in [("language", "en")] },
            [.login, .e403, .e403, .e403, .e403, .see, .see, .see, .login]),
    ]

    @Test("Check-ins and the guarded well-being figures")
    func wellbeingRoutes() async throws { try await Self.check(Self.wellbeing) }

    @Test("Reading and editing the handbook")
    func handbookRoutes() async throws { try await Self.check(Self.handbook) }
}
