import SQLKit
import Testing
import Vapor

@testable import App

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

    /// The value of one Prometheus sample, e.g. `http_requests_total` with labels
    /// method="GET", path="/healthz", status="200" (in whatever order they are written).
    static func sample(_ body: String, _ name: String, _ labels: [String: String]) -> Double? {
        for line in body.split(separator: "\n") where line.hasPrefix(name + "{") {
            guard let close = line.lastIndex(of: "}"), let value = Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)) else {
                continue
            }
            let inside = line[line.index(line.startIndex, offsetBy: name.count + 1)..<close]
            let pairs = inside.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
            let found = Dictionary(pairs.compactMap { $0.count == 2 ? ($0[0], $0[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))) : nil }) { a, _ in
                a
            }
            if found == labels { return value }
        }
        return nil
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
            let (status, before) = try await metrics(app, bearer: Self.token)
            #expect(status == .ok)
            // The figures an operator reads: requests per route and status, and their timings.
            // The registry is one per process and tests run in parallel, so other tests may add
            // to the same counters: each must have grown by at least what this test sent.
            for _ in 0..<3 { try await app.testing().test(.GET, "/healthz") { _ in } }
            let (_, after) = try await metrics(app, bearer: Self.token)
            #expect(after.contains("# TYPE http_requests_total counter"))
            let healthz = ["method": "GET", "path": "/healthz", "status": "200"]
            let grown = (Self.sample(after, "http_requests_total", healthz) ?? 0) - (Self.sample(before, "http_requests_total", healthz) ?? 0)
            #expect(grown >= 3, "three probes counted: \(grown)")
            let timed =
                (Self.sample(after, "http_request_duration_seconds_count", healthz) ?? 0)
                - (Self.sample(before, "http_request_duration_seconds_count", healthz) ?? 0)
            #expect(timed >= 3, "three probes timed: \(timed)")
            let refused = Self.sample(after, "http_requests_total", ["method": "GET", "path": "/metrics", "status": "404"]) ?? 0
            #expect(refused >= 3, "the three refused scrapes above are counted as 404s: \(refused)")
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

    /// The value of a sample without labels, e.g. `collegium_requests_in_flight 1`.
    static func plainSample(_ body: String, _ name: String) -> Double? {
        body.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.dropFirst(name.count + 1)) }
    }

    @Test("/metrics says how much mail waits and how late, what is in flight and how the jobs ran; never what kind of mail")
    func operationalFigures() async throws {
        try await withApp(environment: ["METRICS_TOKEN": Self.token]) { app, ctx in
            let (_, empty) = try await metrics(app, bearer: Self.token)
            #expect(Self.sample(empty, "collegium_outbox_mails", ["status": "queued"]) == 0)
            #expect(Self.plainSample(empty, "collegium_outbox_overdue_seconds") == 0)
            for address in ["a@example.org", "b@example.org", "c@example.org"] {
                let message = MailMessage(
                    kind: .passwordReset, to: address, toName: "Some One", userID: nil, language: "en", subject: "Reset", paragraphs: ["Text"])
                _ = try await Outbox.enqueue(message, settings: app.config.mail, now: ctx.clock.now, on: app.db)
            }
            let failed = try #require(try await OutboxMail.query(on: app.db).first())
            failed.status = .failed
            try await failed.save(on: app.db)
            ctx.clock.advance(by: 3600)
            let job = try #require(AppJobs.scheduler.jobs.first?.name)
            try await AppJobs.scheduler.runDue(app, now: ctx.clock.now)
            let (_, body) = try await metrics(app, bearer: Self.token)
            #expect(Self.sample(body, "collegium_outbox_mails", ["status": "queued"]) == 2)
            #expect(Self.sample(body, "collegium_outbox_mails", ["status": "failed"]) == 1)
            #expect((Self.plainSample(body, "collegium_outbox_overdue_seconds") ?? 0) >= 3600, "two mails due an hour ago")
            #expect((Self.plainSample(body, "collegium_requests_in_flight") ?? 0) >= 1, "the scrape itself")
            #expect((Self.sample(body, "collegium_job_runs_total", ["name": job, "outcome": "ok"]) ?? 0) >= 1)
            #expect(!body.contains("password_reset") && !body.contains("passwordReset"), "a mail's kind would say someone asked for a reset")
            if (app.db as? any SQLDatabase)?.dialect.name == "postgresql" {
                #expect((Self.sample(body, "collegium_database_connections", ["state": "active"]) ?? 0) >= 1, "the scrape's own query")
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
