@testable import App
import Testing
import Vapor

@Suite("Operations endpoints")
struct OperationsTests {
    static let token = "metrics-token-0123456789abcdef0123456789"

    func metrics(_ app: Application, bearer: String?) async throws -> (HTTPStatus, String) {
        var headers = HTTPHeaders()
        if let bearer { headers.bearerAuthorization = .init(token: bearer) }
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.GET, "/metrics", headers: headers) { res async throws in
            result = (res.status, res.body.string)
        }
        return result
    }

    @Test("/healthz and /readyz answer without login")
    func probes() async throws {
        try await withApp { app, _ in
            try await app.testing().test(.GET, "/healthz") { res async throws in #expect(res.status == .ok) }
            try await app.testing().test(.GET, "/readyz") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string == "ok\n")
            }
        }
    }

    @Test("/metrics speaks Prometheus only to METRICS_TOKEN: 404 without it, with none or a wrong one")
    func metricsNeedTheToken() async throws {
        try await withApp(environment: ["METRICS_TOKEN": Self.token]) { app, _ in
            try await app.testing().test(.GET, "/login") { _ in }
            #expect(try await metrics(app, bearer: nil).0 == .notFound)
            #expect(try await metrics(app, bearer: "wrong").0 == .notFound)
            #expect(try await metrics(app, bearer: String(Self.token.dropLast()) + "X").0 == .notFound)
            let (status, body) = try await metrics(app, bearer: Self.token)
            #expect(status == .ok)
            #expect(body.contains("http_requests_total"))
        }
        // No token configured: no metrics, whatever is sent.
        try await withApp { app, _ in
            let unauthenticated = try await metrics(app, bearer: nil).0
            let withToken = try await metrics(app, bearer: Self.token).0
            #expect(unauthenticated == .notFound)
            #expect(withToken == .notFound)
        }
    }

    @Test("Counters never name a write route or a well-being page: a check-in does not stand out")
    func metricsAreCoarse() async throws {
        try await withApp(environment: ["METRICS_TOKEN": Self.token]) { app, ctx in
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            try await teacher.get("/wellbeing")
            try await teacher.post("/wellbeing", form: ["school": ctx.fixtures.schoolA.uuidString])
            let (_, body) = try await metrics(app, bearer: Self.token)
            #expect(body.contains("path=\"(write)\""))
            #expect(body.contains("path=\"(wellbeing)\""))
            #expect(!body.contains("path=\"/wellbeing"))
            for line in body.split(separator: "\n") where line.contains("method=\"POST\"") {
                #expect(line.contains("path=\"(write)\""), "a write route named in the metrics: \(line)")
            }
        }
    }

    @Test("A METRICS_TOKEN too short to resist guessing stops the start")
    func shortTokenRefused() throws {
        do {
            _ = try AppConfig.load(from: ["METRICS_TOKEN": "short"])
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.problems.contains { $0.hasPrefix("METRICS_TOKEN:") })
            #expect(!error.description.contains("short"), "the token itself is never printed")
        }
        let config = try AppConfig.load(from: ["METRICS_TOKEN": Self.token])
        #expect(config.metricsToken == Self.token)
    }
}
