import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Learning statements sent to a Learning Record Store over HTTP (docs/courses.md, "Learning
/// records"): a real server on a loopback port that accepts, refuses or never answers. What
/// must hold: the store gets every event once with the right content; a store that is down
/// never shows the learner an error and loses nothing (the rows wait and go later).
@Suite("Learning Record Store")
struct LearningRecordStoreTests {
    static let path = CourseTests.path
    static let base = "http://collegium.test/courses/test-course"

    @Test("An accepting store gets each learning event once: the learner's account, the verb, the step or course, the result")
    func accepted() async throws {
        try await FakeLearningRecordStore.with { store in
            try await withApp(environment: ["XAPI_LRS_URL": store.endpoint, "XAPI_LRS_AUTH": "collegium:lrs-secret"]) { app, ctx in
                let start = ctx.clock.now
                let learner = try await CourseTests.enrolled(ctx, app)
                ctx.clock.advance(by: 60)
                #expect(try await learner.post(Self.path + "/steps/read/done").location == Self.path + "/steps/check")
                ctx.clock.advance(by: 60)
                let passed = try await learner.post(
                    Self.path + "/steps/check/attempts", fields: [("attempt", "1"), ("q_q1", "a"), ("q_q2", "a"), ("q_q2", "b")])
                #expect(passed.location == Self.path + "/steps/check?attempt=1")
                ctx.clock.advance(by: 60)
                let reflected = try await learner.post(Self.path + "/steps/think/reflection", form: ["body": "We rarely meet."])
                #expect(reflected.location == Self.path + "/certificate")
                #expect(await Self.senderSettles(app))

                let stored = await store.state.stored
                #expect(stored.map(\.verb.id) == ["registered", "completed", "passed", "answered", "completed"].map { "http://adlnet.gov/expapi/verbs/" + $0 })
                #expect(stored.map(\.object.id) == [Self.base, Self.base + "/steps/read", Self.base + "/steps/check", Self.base + "/steps/think", Self.base])
                #expect(stored.map(\.timestamp) == [0, 60, 120, 180, 180].map { Self.iso(start.addingTimeInterval($0)) })
                let learnerID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).first()?.requireID())
                for statement in stored {
                    #expect(statement.actor.account.homePage == "http://collegium.test" && statement.actor.account.name == learnerID.uuidString.lowercased())
                    #expect(statement.version == "1.0.3" && statement.context.platform == "Collegium")
                }
                let (registered, read, quiz, answer, completed) = (stored[0], stored[1], stored[2], stored[3], stored[4])
                #expect(registered.result == nil && registered.object.definition.type == "http://adlnet.gov/expapi/activities/course")
                #expect(registered.object.definition.name == ["en": "Leading support"])
                #expect(read.object.definition.name == ["en": "Why it matters"] && read.object.definition.type == "http://adlnet.gov/expapi/activities/lesson")
                #expect(read.result?.completion == true && read.result?.score == nil && read.result?.success == nil)
                #expect(read.context.contextActivities?.parent.map(\.id) == [Self.base])
                #expect(quiz.object.definition.type == "http://adlnet.gov/expapi/activities/assessment")
                let score = try #require(quiz.result?.score)
                #expect(score.scaled == 1 && score.raw == 100 && score.min == 0 && score.max == 100)
                #expect(quiz.result?.success == true && quiz.result?.completion == true)
                #expect(answer.result == nil && answer.object.definition.type == "http://adlnet.gov/expapi/activities/question")
                #expect(completed.result?.completion == true && completed.result?.score == nil && completed.result?.success == nil)
                #expect(completed.context.contextActivities == nil)

                // Every request as an LRS expects it; nothing sent twice, nothing left behind.
                let received = await store.state.received
                #expect(!received.isEmpty && received.allSatisfy(\.accepted))
                #expect(received.flatMap(\.statements).count == 5, "each statement posted once")
                for request in received {
                    #expect(request.authorization == "Basic " + Data("collegium:lrs-secret".utf8).base64EncodedString())
                    #expect(request.version == "1.0.3" && request.contentType == "application/json")
                }
                let rows = try await LearningStatement.query(on: app.db).all()
                #expect(Set(rows.compactMap { $0.id?.uuidString.lowercased() }) == Set(stored.map(\.id)))
                // Marked sent when the store took them, by the app's clock (the wall clock is later).
                #expect(rows.allSatisfy { ($0.sentAt ?? .distantPast) >= start && ($0.sentAt ?? .distantFuture) <= ctx.clock.now })
            }
        }
    }

    enum Outage: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case unavailable = "503 Service Unavailable", unauthorized = "401 Unauthorized", unreachable = "nothing listening"
        var testDescription: String { rawValue }
    }

    @Test("A store that refuses or cannot be reached: the learner sees nothing, the statements wait and all go once it is back", arguments: Outage.allCases)
    func refused(_ outage: Outage) async throws {
        try await FakeLearningRecordStore.with { store in
            let endpoint: String
            switch outage {
            case .unavailable: await store.state.set(.refuse(.serviceUnavailable)); endpoint = store.endpoint
            case .unauthorized: await store.state.set(.refuse(.unauthorized)); endpoint = store.endpoint
            case .unreachable: endpoint = try await FakeLearningRecordStore.unreachableEndpoint()
            }
            try await withApp(environment: ["XAPI_LRS_URL": endpoint]) { app, ctx in
                // A store that is not there costs a pass the whole timeout (the HTTP client
                // retries the connection until then); 0.5 s instead of the product's 10 s.
                app.config.learningRecordStore?.timeout = 0.5
                let learner = try await CourseTests.enrolled(ctx, app)
                ctx.clock.advance(by: 60)
                let read = try await learner.post(Self.path + "/steps/read/done")
                #expect(read.location == Self.path + "/steps/check", "the learner goes on as usual")
                let next = try await learner.get(Self.path + "/steps/check")
                #expect(next.status == .ok && next.contains("Check your understanding") && next.contains("33% done"))
                #expect(await Self.senderSettles(app))

                // Kept, not lost: both rows wait, and the store holds none of them.
                #expect(try await Self.unsent(app) == 2)
                #expect(await store.state.stored.isEmpty)
                let refusals = await store.state.received.count
                #expect(outage == .unreachable ? refusals == 0 : refusals >= 1, "the refusing store was asked")
                let command = await runCommand(app, ["xapi-send"])
                #expect(command.failed, "xapi-send exits non-zero while statements are not accepted")
                #expect(command.output.contains("Sent 0 statements; 2 not accepted yet."))

                // The store is back: the next event takes the waiting ones with it, oldest first.
                // With the product's own time limit again: 0.5 s was for the store that is not
                // there, and a busy machine can take longer than that to hear the store's yes
                // (the statements then stayed unsent though the store had them).
                await store.state.set(.accept)
                app.config.learningRecordStore?.endpoint = try #require(URL(string: store.endpoint))
                app.config.learningRecordStore?.timeout = AppConfig.LearningRecordStore.defaultTimeout
                ctx.clock.advance(by: 60)
                let passed = try await learner.post(
                    Self.path + "/steps/check/attempts", fields: [("attempt", "1"), ("q_q1", "a"), ("q_q2", "a"), ("q_q2", "b")])
                #expect(passed.location == Self.path + "/steps/check?attempt=1")
                #expect(await Self.senderSettles(app))
                let stored = await store.state.stored
                #expect(stored.map(\.verb.display) == ["registered", "completed", "passed"].map { ["en-US": $0] })
                #expect(stored.map(\.object.id) == [Self.base, Self.base + "/steps/read", Self.base + "/steps/check"])
                #expect(try await Self.unsent(app) == 0)
            }
        }
    }

    /// Found by the mutation round of issue 15: nothing checked that a 409 counts as sent.
    @Test("A store that answers 409 Conflict already holds those statement ids: they count as sent and are never posted again")
    func conflict() async throws {
        try await FakeLearningRecordStore.with { store in
            await store.state.set(.refuse(.conflict))
            try await withApp(environment: ["XAPI_LRS_URL": store.endpoint]) { app, ctx in
                let learner = try await CourseTests.enrolled(ctx, app)
                ctx.clock.advance(by: 60)
                #expect(try await learner.post(Self.path + "/steps/read/done").location == Self.path + "/steps/check")
                #expect(await Self.senderSettles(app))
                #expect(try await Self.unsent(app) == 0, "a 409 marks the batch sent")
                let posted = await store.state.received.flatMap(\.statements).map(\.id)
                #expect(posted.count == 2, "registered and completed, once each: \(posted)")
                // The next event goes alone: nothing of the first batch is posted again.
                ctx.clock.advance(by: 60)
                let passed = try await learner.post(
                    Self.path + "/steps/check/attempts", fields: [("attempt", "1"), ("q_q1", "a"), ("q_q2", "a"), ("q_q2", "b")])
                #expect(passed.location == Self.path + "/steps/check?attempt=1")
                #expect(await Self.senderSettles(app))
                let all = await store.state.received.flatMap(\.statements).map(\.id)
                #expect(all.count == Set(all).count, "no statement posted twice")
                #expect(all.count == 3 && Array(all.prefix(2)) == posted)
                #expect(try await Self.unsent(app) == 0)
            }
        }
    }

    @Test("A store that takes the request and never answers: the sender gives up after its timeout, keeps the statements, and xapi-send delivers them")
    func silent() async throws {
        try await FakeLearningRecordStore.with { store in
            await store.state.set(.silent)
            try await withApp(environment: ["XAPI_LRS_URL": store.endpoint]) { app, ctx in
                // The product waits 10 s for a store; this one never answers, so 0.3 s is
                // enough to see it give up without making the suite slow.
                app.config.learningRecordStore?.timeout = 0.3
                let learner = try await CourseTests.enrolled(ctx, app)
                ctx.clock.advance(by: 60)
                #expect(try await learner.post(Self.path + "/steps/read/done").location == Self.path + "/steps/check")
                #expect(try await learner.get(Self.path).contains("33% done"))
                #expect(await Self.senderSettles(app), "a silent store must not hold the sender")

                #expect(await store.state.received.count >= 1, "the request reached the store")
                #expect(await store.state.stored.isEmpty)
                #expect(try await Self.unsent(app) == 2)

                await store.state.set(.accept)
                // The store answers now: give the send the product's own budget back, since a
                // busy machine (the PostgreSQL run) can take longer than 0.3 s to answer.
                app.config.learningRecordStore?.timeout = AppConfig.LearningRecordStore.defaultTimeout
                let command = await runCommand(app, ["xapi-send"])
                #expect(!command.failed)
                #expect(command.output.contains("Sent 2 statements; 0 not accepted yet."))
                #expect(await store.state.stored.map(\.object.id) == [Self.base, Self.base + "/steps/read"])
                #expect(try await Self.unsent(app) == 0)
            }
        }
    }

    static func unsent(_ app: Application) async throws -> Int {
        try await LearningStatement.query(on: app.db).filter(\.$sentAt == nil).count()
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Waits for the background sender to finish its passes: true when it did, false when
    /// it is still busy after 15 s (a sender that hangs on a silent store).
    static func senderSettles(_ app: Application) async -> Bool {
        do {
            return try await finished(within: 15) { await app.statementSender.idle() } != nil
        } catch {
            return false
        }
    }
}
