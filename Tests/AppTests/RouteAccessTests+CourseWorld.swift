import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// A published course of this world (`CourseTests.document`: a lesson `read`, a quiz
/// `check`, a reflection `think` in module `one`), and what happens in it.
extension RouteAccessTests.World {
    /// The course alone: nobody enrolled.
    func course() async throws -> String {
        try await once("course") {
            var document = CourseTests.document()
            document.slug = "course-\(n)"
            try await CourseLibrary.sync(document, on: app.db)
            return document.slug
        }
    }

    /// The course with a cohort of school A's network formed by its coordinator: teacher A
    /// and counsellor A learn in it, leader A facilitates it. Leader B takes the course alone.
    func classroom() async throws -> (slug: String, cohort: UUID) {
        try await once("classroom") {
            let slug = try await course()
            let location = try await post(
                as: Fixtures.coordinator, "/courses/\(slug)/cohorts",
                [
                    ("name", "Pilot \(n)"), ("starts_on", "2026-01-10"), ("ends_on", "2026-03-31"),
                    ("facilitator", Fixtures.leaderA), ("learners", Fixtures.teacherA + "\n" + Fixtures.counsellorA),
                ])
            try await post(as: Fixtures.leaderB, "/courses/\(slug)/enrol")
            return (slug, try Self.lastID(location))
        }
    }

    /// Counsellor A's reflection in the cohort, shared with it.
    func sharedReflection() async throws -> UUID {
        try await once("reflection") {
            let slug = try await classroom().slug
            try await post(
                as: Fixtures.counsellorA, "/courses/\(slug)/steps/think/reflection",
                [("body", "Teachers are alone in the first weeks."), ("shared", "yes")])
            let counsellor = try await userID(Fixtures.counsellorA)
            let course = try #require(try await Course.query(on: app.db).filter(\.$slug == slug).first())
            let enrolment = try #require(
                try await CourseEnrolment.query(on: app.db).filter(\.$course.$id == course.requireID())
                    .filter(\.$user.$id == counsellor).first())
            return try #require(try await CourseReflection.query(on: app.db).filter(\.$enrolment.$id == enrolment.requireID()).first()).requireID()
        }
    }

    /// Counsellor A, in the cohort, fails the quiz at both attempts and asks its facilitator
    /// (leader A) for another: the request.
    func attemptRequest() async throws -> UUID {
        try await once("attemptRequest") {
            let slug = try await classroom().slug
            let counsellor = try await signedIn(Fixtures.counsellorA)
            for number in 1...2 {
                #expect(
                    try await counsellor.post(
                        "/courses/\(slug)/steps/check/attempts", fields: [("attempt", String(number)), ("q_q1", "b"), ("q_q2", "c")]
                    ).status == .seeOther)
            }
            #expect(try await counsellor.post("/courses/\(slug)/steps/check/attempts/more").status == .seeOther)
            return try #require(try await QuizAttemptRequest.query(on: app.db).filter(\.$grantedAt == nil).first()).requireID()
        }
    }

    /// Teacher A finishes the course in the cohort: the certificate the network issued.
    func credential() async throws -> UUID {
        try await once("credential") {
            let slug = try await classroom().slug
            let teacher = try await signedIn(Fixtures.teacherA)
            #expect(try await teacher.post("/courses/\(slug)/steps/read/done").status == .seeOther)
            #expect(
                try await teacher.post(
                    "/courses/\(slug)/steps/check/attempts",
                    fields: [("attempt", "1"), ("q_q1", "a"), ("q_q2", "a"), ("q_q2", "b")]
                ).status == .seeOther)
            try await post(as: Fixtures.teacherA, "/courses/\(slug)/steps/think/reflection", [("body", "Mine.")])
            let course = try #require(try await Course.query(on: app.db).filter(\.$slug == slug).first())
            let teacherID = try await userID(Fixtures.teacherA)
            return try #require(
                try await CourseCredential.query(on: app.db).filter(\.$course.$id == course.requireID())
                    .filter(\.$user.$id == teacherID).first(), "teacher A's certificate"
            ).requireID()
        }
    }

    /// An invitation to the cohort for the other network's coordinator (not staff of the
    /// cohort's network, so invited rather than enrolled).
    func cohortInvitation() async throws -> UUID {
        try await once("cohortInvitation") {
            let slug = try await course()
            let location = try await post(
                as: Fixtures.coordinator, "/courses/\(slug)/cohorts",
                [
                    ("name", "Guests \(n)"), ("starts_on", "2026-01-10"), ("ends_on", "2026-03-31"), ("learners", Fixtures.otherCoordinator),
                ])
            let cohort = try Self.lastID(location)
            return try #require(try await CohortInvitation.query(on: app.db).filter(\.$cohort.$id == cohort).first()).requireID()
        }
    }

    /// A review of a course offered elsewhere, by the coordinator of school A's network.
    func courseReview() async throws -> UUID {
        try await once("review") {
            let title = "Coaching basics \(n)"
            try await post(as: Fixtures.coordinator, "/courses/elsewhere", [("title", title), ("provider", "A university")])
            return try #require(try await CourseReview.query(on: app.db).filter(\.$title == title).first()).requireID()
        }
    }
}
