import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue 18, point 7: a learner out of quiz attempts is told whom to ask, asks, and the
/// cohort's facilitator gives one more; only those who ask reach the facilitator.
@Suite("Another attempt at a quiz")
struct CourseAttemptRequestTests {
    static let path = CourseTests.path

    /// Two wrong attempts (the test quiz allows two).
    static func failTwice(_ learner: Browser) async throws {
        for number in 1...2 {
            _ = try await learner.post(path + "/steps/check/attempts", fields: [("attempt", String(number)), ("q_q1", "b"), ("q_q2", "c")])
        }
    }

    @Test("Out of attempts in a cohort: the page names the facilitator, the learner asks once, the facilitator gives one more, and the learner can try again")
    func askAndGrant() async throws {
        try await withApp { app, ctx in
            let learner = try await CourseTests.enrolled(ctx, app)
            let coordinator = ctx.browser(language: "en")
            try await coordinator.login(Fixtures.coordinator)
            #expect(
                try await coordinator.post(
                    Self.path + "/cohorts",
                    form: [
                        "name": "Pilot", "starts_on": "2026-01-10", "ends_on": "2026-03-31", "facilitator": Fixtures.leaderA,
                        "learners": Fixtures.teacherA + "\n" + Fixtures.counsellorA,
                    ]
                ).status == .seeOther)
            let cohort = try #require(try await CourseCohort.query(on: app.db).first()).requireID()
            let facilitator = ctx.browser(language: "en")
            try await facilitator.login(Fixtures.leaderA)

            // With attempts left there is nothing to ask, and nobody is listed.
            #expect(try await learner.post(Self.path + "/steps/check/attempts/more").status == .seeOther)
            #expect(try await QuizAttemptRequest.query(on: app.db).count() == 0)
            // A classmate who failed but did not ask is not shown to the facilitator.
            let classmate = ctx.browser(language: "en")
            try await classmate.login(Fixtures.counsellorA)
            try await Self.failTwice(classmate)
            #expect(!(try await facilitator.get("/cohorts/\(cohort)")).contains("Asking for another attempt"))

            try await Self.failTwice(learner)
            let out = try await learner.get(Self.path + "/steps/check")
            #expect(out.contains("You have used all your attempts without passing."))
            #expect(out.contains("Your cohort&#39;s facilitator (leader.a Tester)") || out.contains("Your cohort's facilitator (leader.a Tester)"))
            #expect(out.contains("Ask for another attempt"))
            // Asked twice (a double click): one request, one notice to the facilitator.
            #expect(try await learner.post(Self.path + "/steps/check/attempts/more").status == .seeOther)
            #expect(try await learner.post(Self.path + "/steps/check/attempts/more").status == .seeOther)
            #expect(try await QuizAttemptRequest.query(on: app.db).count() == 1)
            let leaderID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.leaderA).first()?.requireID())
            #expect(try await AppNotification.query(on: app.db).filter(\.$kind == .attemptRequested).filter(\.$user.$id == leaderID).count() == 1)
            #expect(try await learner.get(Self.path + "/steps/check").contains("You asked for another attempt on"))
            // Still no attempt until it is given.
            _ = try await learner.post(Self.path + "/steps/check/attempts", fields: [("attempt", "3"), ("q_q1", "a"), ("q_q2", "a"), ("q_q2", "b")])
            #expect(try await QuizAttempt.query(on: app.db).count() == 4)

            // The facilitator sees who asked, for which quiz, never a score.
            let page = try await facilitator.get("/cohorts/\(cohort)")
            #expect(page.contains("Asking for another attempt") && page.contains("teacher.a Tester"))
            #expect(!page.contains("counsellor.a Tester: "), "the classmate who did not ask")
            let request = try #require(try await QuizAttemptRequest.query(on: app.db).first()).requireID()
            let grantPath = "/cohorts/\(cohort)/attempt-requests/\(request)/grant"
            #expect(page.contains("action=\"\(grantPath)\""))
            // Someone who does not follow the cohort may not give it, nor learn it exists.
            let other = ctx.browser(language: "en")
            try await other.login(Fixtures.otherCoordinator)
            #expect(try await other.post(grantPath).status == .notFound)
            #expect(try await learner.post(grantPath).status == .notFound)
            #expect(try await QuizAttemptRequest.find(request, on: app.db)?.grantedAt == nil)

            // The network's coordinator follows the cohort but does not give attempts: it has a
            // facilitator, and who failed a quiz is not for every coordinator to learn.
            #expect(!(try await coordinator.get("/cohorts/\(cohort)")).contains("Asking for another attempt"))
            #expect(try await coordinator.post(grantPath).status == .forbidden)
            #expect(try await facilitator.post(grantPath).location == "/cohorts/\(cohort)")
            #expect(try await facilitator.post(grantPath).location == "/cohorts/\(cohort)")
            #expect(try await facilitator.get("/cohorts/\(cohort)").contains("That request is already answered."), "given twice: once")
            #expect(try await QuizAttemptRequest.query(on: app.db).filter(\.$grantedAt != nil).count() == 1)
            #expect(try await learner.get(Self.path + "/steps/check").contains("Attempts used: 2 of 3."))
            let learnerID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).first()?.requireID())
            #expect(try await AppNotification.query(on: app.db).filter(\.$kind == .attemptGranted).filter(\.$user.$id == learnerID).count() == 1)
            let third = try await learner.post(Self.path + "/steps/check/attempts", fields: [("attempt", "3"), ("q_q1", "a"), ("q_q2", "a"), ("q_q2", "b")])
            #expect(try await learner.get(third.location ?? "").contains("Passed: 100%"))
            #expect(!(try await facilitator.get("/cohorts/\(cohort)")).contains("Asking for another attempt"))
        }
    }

    @Test("Out of attempts alone: the page says who could help, and there is nobody to ask")
    func alone() async throws {
        try await withApp { app, ctx in
            let learner = try await CourseTests.enrolled(ctx, app)
            try await Self.failTwice(learner)
            let out = try await learner.get(Self.path + "/steps/check")
            #expect(out.contains("You are taking this course on your own."))
            #expect(!out.contains("Ask for another attempt"))
            #expect(try await learner.post(Self.path + "/steps/check/attempts/more").status == .conflict)
            #expect(try await QuizAttemptRequest.query(on: app.db).count() == 0)
        }
    }

    @Test("A facilitator who also learns in the cohort does not give themselves attempts; a cohort without a facilitator asks its network's coordinators")
    func ownRequestAndNoFacilitator() async throws {
        try await withApp { app, ctx in
            let learner = try await CourseTests.enrolled(ctx, app, Fixtures.leaderA)
            let coordinator = ctx.browser(language: "en")
            try await coordinator.login(Fixtures.coordinator)
            // Leader A facilitates the cohort and is enrolled in it.
            _ = try await coordinator.post(
                Self.path + "/cohorts",
                form: [
                    "name": "Pilot", "starts_on": "2026-01-10", "ends_on": "2026-03-31", "facilitator": Fixtures.leaderA,
                    "learners": Fixtures.leaderA + "\n" + Fixtures.teacherA,
                ])
            let cohort = try #require(try await CourseCohort.query(on: app.db).first())
            let cohortID = try cohort.requireID()
            try await Self.failTwice(learner)
            // Nobody but themselves could give it: nothing to ask, and the page says so.
            #expect(!(try await learner.get(Self.path + "/steps/check")).contains("Ask for another attempt"))
            #expect(try await learner.post(Self.path + "/steps/check/attempts/more").status == .conflict)

            // Without a facilitator the network's coordinators are asked, and give it.
            cohort.$facilitator.id = nil
            try await cohort.save(on: app.db)
            let out = try await learner.get(Self.path + "/steps/check")
            #expect(
                out.contains("A coordinator of your cohort&#39;s network can give you another attempt.")
                    || out.contains("A coordinator of your cohort's network can give you another attempt."))
            #expect(try await learner.post(Self.path + "/steps/check/attempts/more").status == .seeOther)
            let coordinatorID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.coordinator).first()?.requireID())
            #expect(try await AppNotification.query(on: app.db).filter(\.$kind == .attemptRequested).filter(\.$user.$id == coordinatorID).count() == 1)
            let request = try #require(try await QuizAttemptRequest.query(on: app.db).first()).requireID()
            // Their own request, given by themselves: refused (were they made facilitator again).
            cohort.$facilitator.id = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.leaderA).first()?.requireID())
            try await cohort.save(on: app.db)
            #expect(try await learner.post("/cohorts/\(cohortID)/attempt-requests/\(request)/grant").status == .forbidden)
            cohort.$facilitator.id = nil
            try await cohort.save(on: app.db)
            #expect(try await coordinator.post("/cohorts/\(cohortID)/attempt-requests/\(request)/grant").status == .seeOther)
            #expect(try await QuizAttemptRequest.find(request, on: app.db)?.grantedAt != nil)
        }
    }
}
