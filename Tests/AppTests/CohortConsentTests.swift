import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue 14, class 6: cohorts across networks. A coordinator enrols the staff of their own
/// network's schools; anyone else is invited and joins only by accepting; the form never
/// tells whether an address has an account; a network exports only what happened in its
/// cohorts, and only the issuing network revokes a certificate.
@Suite("Cohorts across networks")
struct CohortConsentTests {
    static func form(_ name: String, learners: String, facilitator: String = "") -> [String: String] {
        ["name": name, "starts_on": "2026-01-10", "ends_on": "2026-03-31", "learners": learners, "facilitator": facilitator]
    }

    static func enrolment(_ email: String, _ app: Application) async throws -> CourseEnrolment? {
        let id = try #require(try await User.query(on: app.db).filter(\.$email == email).first()?.requireID())
        return try await CourseEnrolment.query(on: app.db).filter(\.$user.$id == id).first()
    }

    @Test("Another network's learner is invited, not moved: the same answer as for an unknown address; they accept or decline on their home page")
    func consent() async throws {
        try await withApp { app, ctx in
            let learner = try await CourseTests.enrolled(ctx, app, Fixtures.leaderC)
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)

            // The same answer for an account elsewhere and for an address with no account.
            let elsewhere = try await coordinator.post(CourseTests.path + "/cohorts", form: Self.form("Pilot", learners: Fixtures.leaderC))
            let first = try await coordinator.get(try #require(elsewhere.location))
            let unknown = try await coordinator.post(CourseTests.path + "/cohorts", form: Self.form("Pilot 2", learners: "nobody@example.org"))
            let second = try await coordinator.get(try #require(unknown.location))
            #expect(elsewhere.status == .seeOther && unknown.status == .seeOther)
            for page in [first, second] {
                #expect(page.contains("0 people are enrolled. 1 invitation is recorded"))
                #expect(!page.contains("No account") && !page.contains("leader.c Tester"))
            }
            #expect(try await Self.enrolment(Fixtures.leaderC, app)?.$cohort.id == nil, "not moved")

            // A facilitator from elsewhere and an unknown one get the same refusal.
            let outside = try await coordinator.post(CourseTests.path + "/cohorts", form: Self.form("F", learners: "", facilitator: Fixtures.leaderC))
            let nobody = try await coordinator.post(CourseTests.path + "/cohorts", form: Self.form("F", learners: "", facilitator: "ghost@example.org"))
            #expect(outside.status == .unprocessableEntity && nobody.status == .unprocessableEntity)
            #expect(outside.contains("someone on the staff of the network") && nobody.contains("someone on the staff of the network"))
            #expect(!outside.contains("Nobody with the address") && !nobody.contains("Nobody with the address"))

            // The learner sees the invitation at home; nobody else can answer it.
            let home = try await learner.get("/")
            #expect(home.contains("Invitations to join a cohort") && home.contains("Pilot"))
            let invitation = try #require(try await CohortInvitation.query(on: app.db).filter(\.$email == Fixtures.leaderC).first())
            let accept = "/cohort-invitations/\(try invitation.requireID())/accept"
            #expect(try await coordinator.post(accept).status == .notFound)
            #expect(try await Self.enrolment(Fixtures.leaderC, app)?.$cohort.id == nil)
            #expect(try await learner.post(accept).status == .seeOther)
            #expect(try await Self.enrolment(Fixtures.leaderC, app)?.$cohort.id == invitation.$cohort.id, "joined by consent")
            #expect(try await learner.post(accept).status == .notFound, "answered once")

            // Declining enrols nobody.
            let outsider = ctx.browser()
            try await outsider.login(Fixtures.outsider)
            _ = try await coordinator.post(CourseTests.path + "/cohorts", form: Self.form("Pilot 3", learners: Fixtures.outsider))
            let third = try #require(try await CohortInvitation.query(on: app.db).filter(\.$email == Fixtures.outsider).first())
            #expect(try await outsider.post("/cohort-invitations/\(try third.requireID())/decline").status == .seeOther)
            #expect(try await Self.enrolment(Fixtures.outsider, app) == nil)
            #expect(!(try await outsider.get("/")).contains("Invitations to join a cohort"))

            // The network's own staff are enrolled at once, as before.
            let own = try await coordinator.post(CourseTests.path + "/cohorts", form: Self.form("Own", learners: Fixtures.teacherA))
            #expect(own.status == .seeOther)
            #expect(try await Self.enrolment(Fixtures.teacherA, app)?.$cohort.id != nil)
        }
    }

    @Test("A network exports only what happened in its cohort; the certificate is revoked by the issuing network, not by the holder's school's network")
    func exportAndRevocation() async throws {
        try await withApp { app, ctx in
            let learner = try await CourseTests.enrolled(ctx, app, Fixtures.leaderC)
            #expect(try await learner.post(CourseTests.path + "/steps/read/done").status == .seeOther)
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            _ = try await coordinator.post(CourseTests.path + "/cohorts", form: Self.form("Pilot", learners: Fixtures.leaderC))
            let invitation = try #require(try await CohortInvitation.query(on: app.db).first())
            #expect(try await learner.post("/cohort-invitations/\(try invitation.requireID())/accept").status == .seeOther)
            try await learner.post(CourseTests.path + "/steps/check/attempts", fields: [("attempt", "1"), ("q_q1", "a"), ("q_q2", "a"), ("q_q2", "b")])
            try await learner.post(CourseTests.path + "/steps/think/reflection", form: ["body": "Notes."])

            let export = try await coordinator.get(CourseTests.path + "/statements.json")
            #expect(export.contains("/steps/think"), "what happened in the cohort")
            #expect(!export.contains("/steps/read"), "not what the learner did before joining")
            #expect(!export.contains("expapi/verbs/registered"))

            let credential = try #require(try await CourseCredential.query(on: app.db).first())
            #expect(credential.issuingNetworkID == ctx.fixtures.network)
            let revoke = "/credentials/\(try credential.requireID())/revoke"
            let other = ctx.browser()
            try await other.login(Fixtures.otherCoordinator)
            #expect(try await other.post(revoke, form: ["reason": "Mine to revoke?"]).status == .forbidden, "the holder's school's network did not issue it")
            #expect(try await coordinator.post(revoke, form: ["reason": "Issued to the wrong account"]).status == .seeOther)
        }
    }

    @Test(
        "The demo's pilot cohort: learners from four countries, all staff of the network's schools; certificates name the network, statements the cohort; staff changes on record"
    )
    func demo() async throws {
        try await withApp { app, ctx in
            try await CourseLibrary.loadShipped(app)
            _ = try await DemoData.seed(on: app.db, hasher: app.password.sync, questionnaires: app.questionnaireTranslations)
            try await DemoCourses.seed(app, now: ctx.clock.now)
            let cohort = try #require(try await CourseCohort.query(on: app.db).first())
            let riga = try #require(try await School.query(on: app.db).filter(\.$code == "LV-RIGA-2").first())
            #expect(cohort.$network.id == riga.$network.id, "the demo's network")
            let learners = try await CourseEnrolment.query(on: app.db).filter(\.$cohort.$id == cohort.requireID()).all().map(\.$user.id)
            #expect(learners.count == 8)
            #expect(
                try await CohortInvitations.networkMembers(learners, networkID: cohort.$network.id, on: app.db).count == learners.count,
                "no one from outside the network, so nobody needed to accept")
            let credentials = try await CourseCredential.query(on: app.db).all()
            #expect(credentials.count == 5 && credentials.allSatisfy { $0.issuingNetworkID == cohort.$network.id })
            let inCohort = try await LearningStatement.query(on: app.db).filter(\.$cohortID == cohort.id).count()
            let alone = try await LearningStatement.query(on: app.db).filter(\.$cohortID == nil).count()
            #expect(inCohort > 0 && alone > 0, "Ilze takes the course alone")
            #expect(try await StaffChange.query(on: app.db).count() > 0)
        }
    }
}
