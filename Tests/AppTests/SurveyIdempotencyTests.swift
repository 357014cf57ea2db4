import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A retried submission is stored once. Sent one after another, a lookup catches the second;
/// sent at once, every copy passes the lookup before any is stored, and only the unique
/// constraint on (survey, idempotency key) keeps one (issue 15, point 10: dropping that
/// constraint left every test green while only sequential repeats were tried).
@Suite("Survey submissions sent at once")
struct SurveyIdempotencyTests {
    /// What one sender was told.
    struct Ack: Sendable {
        var key: String
        var status: HTTPStatus
        var receipt: SurveyAPIController.ResponseReceipt?
    }

    /// A published survey with names (the API takes answers for others only for such a one);
    /// returns its id.
    static func publishedSurvey(_ app: Application, ctx: TestContext) async throws -> String {
        var leader = try await SurveyAPITests.token(Fixtures.leaderA, app)
        leader.contentType = .json
        var id = ""
        try await app.testing().test(
            .POST, "/api/v1/surveys", headers: leader,
            body: try SurveyAPITests.json(["schoolId": ctx.fixtures.schoolA.uuidString, "definition": SurveyAPITests.definition])
        ) { res async throws in
            #expect(res.status == .created)
            id = try res.content.decode(SurveyAPIController.SurveyDTO.self).id.uuidString
        }
        try await app.testing().test(.POST, "/api/v1/surveys/\(id)/publish", headers: leader, body: try SurveyAPITests.json(["anonymous": false])) {
            res async throws in
            #expect(res.status == .ok)
        }
        return id
    }

    /// Sends every (key, body) at once, each in a task of its own.
    static func sendAtOnce(_ sends: [(key: String, body: ByteBuffer)], to path: String, headers: HTTPHeaders, _ app: Application) async throws -> [Ack] {
        try await withThrowingTaskGroup(of: Ack.self) { group in
            for send in sends {
                var keyed = headers
                keyed.replaceOrAdd(name: "Idempotency-Key", value: send.key)
                group.addTask {
                    let res = try await app.testing().sendRequest(.POST, path, headers: keyed, body: send.body)
                    let acknowledged = res.status == .created || res.status == .ok
                    return Ack(
                        key: send.key, status: res.status,
                        receipt: acknowledged ? try res.content.decode(SurveyAPIController.ResponseReceipt.self) : nil)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test(
        "The same response sent 12 times at once with one key, and another 4 times with a second key: each stored once, every sender told the same receipt, counted once"
    )
    func atOnce() async throws {
        try await withApp { app, ctx in
            let id = try await Self.publishedSurvey(app, ctx: ctx)
            var respondent = try await SurveyAPITests.token(Fixtures.teacherA, app)
            respondent.contentType = .json
            let same = try SurveyAPITests.json(["answers": ["ok": 2, "why": "Too little time"]])
            let other = try SurveyAPITests.json(["answers": ["ok": 1]])
            let sends = Array(repeating: (key: "double-click", body: same), count: 12) + Array(repeating: (key: "retry", body: other), count: 4)
            let acks = try await Self.sendAtOnce(sends, to: "/api/v1/surveys/\(id)/responses", headers: respondent, app)
            #expect(acks.count == 16)

            // Stored: one response per key, and nothing left of the attempts that lost.
            let stored = try await SurveyResponse.query(on: app.db).all()
            #expect(stored.map(\.idempotencyKey).sorted() == ["double-click", "retry"])
            #expect(try await SurveyDraft.query(on: app.db).count() == 0, "every attempt's draft is gone")

            // Acknowledged: every sender of a key is told the one stored response's id and
            // day; one was told it was created, the others that it was already there.
            for key in ["double-click", "retry"] {
                let mine = acks.filter { $0.key == key }
                let row = try #require(stored.first { $0.idempotencyKey == key })
                #expect(mine.allSatisfy { $0.status == .created || $0.status == .ok }, "\(key): \(mine.map(\.status))")
                #expect(mine.allSatisfy { $0.receipt?.id == row.id && $0.receipt?.submittedOn == row.submittedOn }, "\(key)")
                #expect(mine.filter { $0.status == .created }.count == 1, "\(key): created once, \(mine.map(\.status))")
                #expect(mine.allSatisfy { $0.receipt?.replayed == ($0.status == .ok) }, "\(key): a replay says so")
            }

            // Counted once: closing releases the figures from the two stored responses.
            var leader = try await SurveyAPITests.token(Fixtures.leaderA, app)
            leader.contentType = .json
            try await app.testing().test(.POST, "/api/v1/surveys/\(id)/close", headers: leader) { res async throws in #expect(res.status == .ok) }
            let counts = try await SurveyCount.query(on: app.db).filter(\.$variable == "ok").filter(\.$grouping == "").all()
            #expect(Dictionary(uniqueKeysWithValues: counts.map { ($0.code, $0.n) }) == [1: 1, 2: 1])
            try await app.testing().test(.GET, "/api/v1/surveys/\(id)/report", headers: leader) { res async throws in
                #expect(try res.content.decode(SurveyAPIController.ReportDTO.self).responses == 2)
            }
        }
    }
}
