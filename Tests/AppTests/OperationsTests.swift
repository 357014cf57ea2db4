@testable import App
import Testing
import Vapor

@Suite("Operations endpoints")
struct OperationsTests {
    @Test("/healthz and /readyz answer without login; /metrics speaks Prometheus")
    func probes() async throws {
        try await withApp { app, _ in
            try await app.testing().test(.GET, "/healthz") { res async throws in #expect(res.status == .ok) }
            try await app.testing().test(.GET, "/readyz") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string == "ok\n")
            }
            try await app.testing().test(.GET, "/login") { _ in }
            try await app.testing().test(.GET, "/metrics") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("http_requests_total"))
            }
        }
    }
}
