import Testing
import Vapor

@testable import App

/// Probes, the front door, the language switcher, and what verifiers of certificates fetch:
/// the same for everyone.
extension RouteAccessTests {
    // Columns: anonymous, otherSchool, teacher, support, leader, coordinator, otherCoordinator, admin, token
    static let operations: [Row] = [
        .get("/healthz", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/readyz", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        // No METRICS_TOKEN is configured: the endpoint does not exist, for a bearer too.
        .get("/metrics", [.e404, .e404, .e404, .e404, .e404, .e404, .e404, .e404, .e404]),
        .get("/", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .post(
            "/language", form: { _ in [("language", "lv"), ("return_to", "/handbook")] },
            [.see, .see, .see, .see, .see, .see, .see, .see, .see]),
        // Open Badges: the issuer, its keys and the revocation list are public.
        .get("/issuer", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/networks/:networkID/issuer", { "/networks/\($0.fixtures.network)/issuer" }, [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/.well-known/jwks.json", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/credentials/status/1", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        // A network's logo is as public as the certificates that show it (none here: 404).
        .get("/networks/:networkID/logo", { "/networks/\($0.fixtures.network)/logo" }, [.e404, .e404, .e404, .e404, .e404, .e404, .e404, .e404, .e404]),
        .get(
            "/networks/:networkID/credentials/status/1", { "/networks/\($0.fixtures.network)/credentials/status/1" },
            [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
    ]

    @Test("Probes, the front door and the public credential files")
    func operationsRoutes() async throws { try await Self.check(Self.operations) }

    /// Not routes (the file middleware serves them before the router), but reached by
    /// every page: the same for everyone, signed in or not.
    @Test("Static files are served to every visitor")
    func staticFiles() async throws {
        try await Self.check(
            ["/css/app.css", "/js/app.js", "/favicon.svg"].map { Row.get($0, [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]) },
            routed: false)
    }
}
