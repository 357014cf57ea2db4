import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// How often one client may ask for a password reset or call the API, counted in the
/// database so that every node counts together (issue 20).
@Suite("Request limits")
struct RequestLimitTests {
    @Test("Within a window the limit holds per client; the refusal says how long is left; the next window starts again")
    func windows() async throws {
        try await withApp { app, _ in
            let limit = RequestLimit(bucket: "test", limit: 3, window: 60)
            let start = Date(timeIntervalSince1970: 1_800_000_000)  // a window's start (divisible by 60)
            for second in 0..<3 {
                #expect(try await limit.count(client: "a", now: start.addingTimeInterval(Double(second)), on: app.db) == nil)
            }
            #expect(try await limit.count(client: "a", now: start.addingTimeInterval(15), on: app.db) == 45)
            #expect(try await limit.count(client: "b", now: start.addingTimeInterval(15), on: app.db) == nil, "another client counts apart")
            #expect(try await RequestLimit(bucket: "other", limit: 3, window: 60).count(client: "a", now: start, on: app.db) == nil)
            #expect(try await limit.count(client: "a", now: start.addingTimeInterval(60), on: app.db) == nil, "a new window")
            // The sweep removes the windows that have ended, and keeps the one under way.
            try await RequestLimit.sweep(before: start.addingTimeInterval(90), on: app.db)
            #expect(try await limit.count(client: "a", now: start.addingTimeInterval(30), on: app.db) == nil, "the full window was swept")
            #expect(try await limit.count(client: "a", now: start.addingTimeInterval(61), on: app.db) == nil)
            #expect(try await limit.count(client: "a", now: start.addingTimeInterval(62), on: app.db) == nil)
            #expect(try await limit.count(client: "a", now: start.addingTimeInterval(63), on: app.db) == 57, "the window under way was kept")
        }
    }

    @Test("Twelve requests at once on separate connections against a limit of five: exactly five pass")
    func atOnce() async throws {
        try await withApp { app, _ in
            let limit = RequestLimit(bucket: "burst", limit: 5, window: 3600)
            let now = Date()
            let passed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for db in CapacityRaceTests.databases(app, count: 12) {
                    group.addTask { try await limit.count(client: "one", now: now, on: db) == nil }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(passed == 5)
        }
    }

    @Test("Password resets from one network: the 31st in an hour is refused with 429, Retry-After and the reason in the reader's language; no mail goes")
    func passwordResets() async throws {
        try await withApp { app, ctx in
            let browser = ctx.browser(language: "lv")
            try await browser.get("/password/forgot")
            for number in 1...PasswordResetController.perClient.limit {
                let page = try await browser.post("/password/forgot", form: ["email": "nobody\(number)@example.org"])
                #expect(page.status == .seeOther, "request \(number)")
            }
            let mails = try await OutboxMail.query(on: app.db).count()
            let refused = try await browser.post("/password/forgot", form: ["email": Fixtures.teacherA])
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
            #expect(refused.contains("Mēģiniet vēlreiz pēc"), "the reason in Latvian")
            #expect(refused.contains(Fixtures.teacherA), "what was typed stays in the form")
            #expect(try await OutboxMail.query(on: app.db).count() == mails, "no reset mail for the refused request")
        }
    }

    @Test("An API token over API_REQUESTS_PER_MINUTE is answered 429 with Retry-After in the API's error shape; another token is not")
    func apiTokens() async throws {
        try await withApp(environment: ["API_REQUESTS_PER_MINUTE": "10"]) { app, ctx in
            let busy = try await APITests().issueToken(for: Fixtures.teacherA, on: app)
            let other = try await APITests().issueToken(for: Fixtures.coordinator, on: app)
            var statuses: [HTTPStatus] = []
            for _ in 0..<12 {
                try await app.testing().test(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(busy)"]) { res async throws in
                    statuses.append(res.status)
                    if res.status == .tooManyRequests {
                        #expect(try res.content.decode(APIErrorBody.self).error.code == "too_many_requests")
                        #expect(Int(res.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
                    }
                }
            }
            // The test clock stands still: all twelve fall in one minute.
            #expect(statuses == Array(repeating: .ok, count: 10) + [.tooManyRequests, .tooManyRequests])
            try await app.testing().test(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(other)"]) { res async throws in
                #expect(res.status == .ok)
            }
        }
    }
}
