import Testing
import Vapor

@testable import App

/// Courses: the catalogue is public; taking a course needs an account and an enrolment
/// (otherwise the course page); cohorts are followed by their facilitator and their
/// network's coordinators; any coordinator writes courses and reviews.
extension RouteAccessTests {
    // Columns: anonymous, otherSchool, teacher, support, leader, coordinator, otherCoordinator, admin, token
    static let courses: [Row] = [
        .get("/courses", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/courses/images/:slug", { _ in "/courses/images/forms-of-support.svg" }, [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get("/courses/:slug", { "/courses/\(try await $0.course())" }, [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .post(
            "/courses/:slug/enrol", { "/courses/\(try await $0.course())/enrol" },
            [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        // In the classroom world leader B, teacher A and counsellor A are enrolled; anyone
        // else signed in is sent to the course page.
        .get(
            "/courses/:slug/continue", { "/courses/\(try await $0.classroom().slug)/continue" },
            [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        .get(
            "/courses/:slug/steps/:step", { "/courses/\(try await $0.classroom().slug)/steps/read" },
            [.login, .ok, .ok, .ok, .see, .see, .see, .see, .login]),
        .post(
            "/courses/:slug/steps/:step/done", { "/courses/\(try await $0.classroom().slug)/steps/read/done" },
            [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        .post(
            "/courses/:slug/steps/:step/attempts", { "/courses/\(try await $0.classroom().slug)/steps/check/attempts" },
            [.login, .e422, .e422, .e422, .see, .see, .see, .see, .login]),
        // Asking for another attempt: the learners (leader B alone, teacher A and counsellor A
        // in the cohort) have attempts left and are told so on the page; anyone else is sent
        // to the course page. Who may ask, and whom, is in CourseAttemptRequestTests.
        .post(
            "/courses/:slug/steps/:step/attempts/more", { "/courses/\(try await $0.classroom().slug)/steps/check/attempts/more" },
            [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        .post(
            "/courses/:slug/steps/:step/reflection", { "/courses/\(try await $0.classroom().slug)/steps/think/reflection" },
            [.login, .e422, .e422, .e422, .see, .see, .see, .see, .login]),
        // Counsellor A's reflection shared with the cohort: its members comment; leader B,
        // who takes the course alone, is not told it exists.
        .post(
            "/courses/:slug/steps/:step/reflections/:id/comments",
            { w in
                "/courses/\(try await w.classroom().slug)/steps/think/reflections/\(try await w.sharedReflection())/comments"
            }, form: { _ in [("body", "Thank you for this.")] }, [.login, .e404, .see, .see, .see, .see, .see, .see, .login]),
        // Teacher A has finished: their certificate; everyone else back to the course page.
        .get(
            "/courses/:slug/certificate",
            { w in
                _ = try await w.credential(); return "/courses/\(try await w.classroom().slug)/certificate"
            },
            [.login, .see, .ok, .see, .see, .see, .see, .see, .login]),
        // Only a learner whose required steps are all done completes; everyone else back to the course.
        .post(
            "/courses/:slug/complete", { "/courses/\(try await $0.classroom().slug)/complete" },
            [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        .post(
            "/courses/:slug/progress-sharing", { "/courses/\(try await $0.classroom().slug)/progress-sharing" },
            form: { _ in [("shared", "yes")] }, [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
    ]

    static let cohorts: [Row] = [
        .get(
            "/courses/:slug/cohorts", { "/courses/\(try await $0.course())/cohorts" },
            [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        .post(
            "/courses/:slug/cohorts", { "/courses/\(try await $0.course())/cohorts" },
            [.login, .e403, .e403, .e403, .e403, .e422, .e422, .e422, .login]),
        .get(
            "/courses/:slug/statements.json", { "/courses/\(try await $0.course())/statements.json" },
            [.login, .e403, .e403, .e403, .e403, .ok, .ok, .ok, .login]),
        // The cohort of school A's network: its facilitator (leader A) and the network's coordinator.
        .get(
            "/cohorts/:id", { "/cohorts/\(try await $0.classroom().cohort)" },
            [.login, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .login]),
        // Answering a shared reflection: the facilitator, a member of the cohort; those who
        // only follow it read, and are not told of the reflection when they answer.
        .post(
            "/cohorts/:id/reflections/:pairID/comments",
            { w in
                "/cohorts/\(try await w.classroom().cohort)/reflections/\(try await w.sharedReflection())/comments"
            }, form: { _ in [("body", "Thank you for this.")] }, [.login, .e404, .e404, .e404, .see, .e404, .e404, .e404, .login]),
        // Giving the attempt counsellor A asked for: the cohort's facilitator (leader A) and
        // the admin; the network's coordinator follows the cohort but may not (a facilitator
        // is there); others are not told the cohort exists.
        .post(
            "/cohorts/:id/attempt-requests/:pairID/grant",
            { w in "/cohorts/\(try await w.classroom().cohort)/attempt-requests/\(try await w.attemptRequest())/grant" },
            [.login, .e404, .e404, .e404, .see, .e403, .e404, .see, .login]),
        // The invitation is the invitee's alone (the other network's coordinator), whatever anyone's rank.
        .post(
            "/cohort-invitations/:id/accept", { "/cohort-invitations/\(try await $0.cohortInvitation())/accept" },
            [.login, .e404, .e404, .e404, .e404, .e404, .see, .e404, .login]),
        .post(
            "/cohort-invitations/:id/decline", { "/cohort-invitations/\(try await $0.cohortInvitation())/decline" },
            [.login, .e404, .e404, .e404, .e404, .e404, .see, .e404, .login]),
        // Teacher A's certificate: checked by anyone; revoked by the network that issued it.
        .get("/credentials/:id", { "/credentials/\(try await $0.credential())" }, [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .get(
            "/credentials/:id/credential.jwt", { "/credentials/\(try await $0.credential())/credential.jwt" },
            [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .post(
            "/credentials/:id/revoke", { "/credentials/\(try await $0.credential())/revoke" }, form: { _ in [("reason", "Issued in error")] },
            [.login, .e403, .e403, .e403, .e403, .see, .e403, .see, .login]),
    ]

    @Test("The catalogue and taking a course")
    func courseRoutes() async throws { try await Self.check(Self.courses) }

    @Test("Cohorts, their invitations and certificates")
    func cohortRoutes() async throws { try await Self.check(Self.cohorts) }
}
