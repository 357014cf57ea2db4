import Domain
import Foundation
import Testing
import Vapor

@testable import App

/// Issue #14, class 9: no secret in a log line, and no state changed by a GET.
@Suite("Secrets and side channels")
struct SecretsTests {
    /// A secret-shaped path segment after a link's prefix: what a leaked link looks like.
    static func leaksLink(_ line: String) -> Bool {
        for prefix in ["/invitations/", "/password/reset/", "http://collegium.test/"] {
            var rest = Substring(line)
            while let range = rest.range(of: prefix) {
                let after = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                if after.count >= 20 || prefix.hasPrefix("http") { return true }
                rest = rest[range.upperBound...]
            }
        }
        return false
    }

    @Test("serve logs that an invitation or reset email was not delivered, with kind and recipient, never its link")
    func serveLogsNoLinks() async throws {
        // `replacesMailer: false`: the app keeps the mailer `serve` has.
        try await withApp(replacesMailer: false) { app, ctx in
            let log = LogCapture()
            log.attach(to: app)
            #expect(app.mailTransport is UnconfiguredTransport)

            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let sent = try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "anna@example.org", "given_name": "Anna", "family_name": "Kalniņa", "role": "teacher"])
            #expect(sent.status == .seeOther)
            let reset = try await ctx.browser().post("/password/forgot", form: ["email": Fixtures.teacherA])
            #expect(reset.status == .seeOther)
            // Opening links: the log names the route, not the secret in the path.
            let token = String(repeating: "A", count: 43)
            try await ctx.browser().get("/password/reset/\(token)")
            try await ctx.browser().get("/invitations/\(token)/typo")
            try await OutboxSender(db: app.db, transport: app.mailTransport, lease: 60, logger: app.logger).sendDue(now: ctx.clock.now)

            let lines = log.lines
            #expect(lines.contains { $0.contains("Email not delivered") && $0.contains("invitation to anna@example.org") })
            #expect(lines.contains { $0.contains("Email not delivered") && $0.contains("password reset to \(Fixtures.teacherA)") })
            #expect(lines.contains { $0.contains("GET /password/reset/:token") })
            #expect(lines.contains { $0.contains("/invitations/:redacted/typo") })
            // The database's own query trace (debug) prints the values it stores, and a queued
            // mail holds its link until it is sent: that trace is the outbox's content, not a
            // log line the app writes (docs/configuration.md: never run with LOG_LEVEL=debug
            // where logs are shipped). Every other line, at every level, must hold no secret.
            for line in lines where !(line.contains("mail_outbox") && (line.contains("Running query") || line.contains("Executing query"))) {
                #expect(!Self.leaksLink(line), "a secret in the log: \(line)")
                #expect(!line.contains(token), "a path's secret in the log: \(line)")
            }
        }
    }

    @Test("The demo installs the transport that prints links; serve's default never does")
    func demoPrintsLinks() async throws {
        try await withApp(replacesMailer: false) { app, ctx in
            DemoLauncher.installTransports(app)
            #expect(app.mailTransport is DemoLogTransport)
            let log = LogCapture()
            log.attach(to: app)
            try await ctx.browser().post("/password/forgot", form: ["email": Fixtures.teacherA])
            try await OutboxSender(db: app.db, transport: app.mailTransport, lease: 60, logger: app.logger).sendDue(now: ctx.clock.now)
            #expect(log.lines.contains { $0.contains("Password reset link for \(Fixtures.teacherA): http://collegium.test/password/reset/") })
        }
    }
}
