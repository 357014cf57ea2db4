import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue 14 for mentoring feedback: a programme manager reading the feedback before and
/// after a pair ends, or after adding answers or accounts of their own, learns nobody's answer.
@Suite("Mentoring feedback releases")
struct MentoringFeedbackReleaseTests {
    struct Programme {
        var id: UUID
        var path: String
        var leader: Browser
        var mentor: UUID
    }

    /// A programme of school A run by its leader, created now; one mentor for every pair.
    static func programme(_ ctx: TestContext) async throws -> Programme {
        try await Fixtures.addMember("mentor@example.org", school: ctx.fixtures.schoolA, role: .teacher, on: ctx.app)
        let leader = ctx.browser()
        try await leader.login(Fixtures.leaderA)
        let created = try await leader.post(
            "/mentoring",
            form: [
                "scope": "school:" + ctx.fixtures.schoolA.uuidString, "name": "P",
                "goal": "G", "starts_on": "2026-09-01", "ends_on": "2027-06-15",
            ])
        let path = try #require(created.location)
        let programme = try #require(try await MentoringProgramme.query(on: ctx.app.db).first())
        return Programme(id: try programme.requireID(), path: path, leader: leader, mentor: try await userID("mentor@example.org", ctx))
    }

    static func userID(_ email: String, _ ctx: TestContext) async throws -> UUID {
        try #require(try await User.query(on: ctx.app.db).filter(\.$email == email).first()?.requireID())
    }

    /// A pair of the programme that has ended, with `email` as mentee (or as mentor, when
    /// `email` is the programme's mentor); returns the path to give feedback.
    static func endedPair(_ p: Programme, mentee email: String, _ ctx: TestContext) async throws -> String {
        let db = ctx.app.db, school = ctx.fixtures.schoolA
        let mentee = try await userID(email, ctx)
        let engagement = Engagement(form: .mentoring, status: .closed, topic: "Mentoring", schoolID: school)
        try await engagement.save(on: db)
        let id = try engagement.requireID()
        try await EngagementParticipant(engagementID: id, userID: p.mentor, role: .mentor).save(on: db)
        try await EngagementParticipant(engagementID: id, userID: mentee, role: .mentee).save(on: db)
        for (user, role) in [(p.mentor, ProgrammeMember.Role.mentor), (mentee, .mentee)] {
            let known = try await ProgrammeMember.query(on: db).filter(\.$programme.$id == p.id).filter(\.$user.$id == user).count()
            if known == 0 { try await ProgrammeMember(programmeID: p.id, userID: user, schoolID: school, role: role).save(on: db) }
        }
        let pair = ProgrammePair(programmeID: p.id, mentorID: p.mentor, menteeID: mentee, status: .accepted, score: nil)
        pair.$engagement.id = id
        try await pair.save(on: db)
        return SiteURL.engagementFeedback(.value(id)).path
    }

    /// `email` ends a pair and gives feedback through the page.
    static func give(_ p: Programme, _ email: String, usefulness: Int, comment: String = "", _ ctx: TestContext) async throws {
        let path = try await endedPair(p, mentee: email, ctx)
        let browser = ctx.browser()
        try await browser.login(email)
        let sent = try await browser.post(path, form: ["usefulness": String(usefulness), "recommend": usefulness >= 4 ? "yes" : "no", "improve": comment])
        #expect(sent.status == .seeOther)
    }

    static func people(_ count: Int, _ ctx: TestContext, from: Int = 0) async throws -> [String] {
        var emails: [String] = []
        for i in from..<(from + count) {
            emails.append(try await Fixtures.addMember("mentee\(i)@example.org", school: ctx.fixtures.schoolA, role: .teacher, on: ctx.app))
        }
        return emails
    }

    @Test("Before/after: one more answer after a release moves no figure; the next release needs five new answers")
    func beforeAfter() async throws {
        try await withApp { _, ctx in
            let mentees = try await Self.people(6, ctx)
            let p = try await Self.programme(ctx)
            for email in mentees.prefix(5) { try await Self.give(p, email, usefulness: 4, ctx) }
            let before = try await p.leader.get(p.path)
            #expect(before.contains("5 answers. Usefulness: 4.0 out of 5. Would recommend it: 100 %."))

            try await Self.give(p, mentees[5], usefulness: 1, ctx)
            let after = try await p.leader.get(p.path)
            #expect(after.contains("5 answers. Usefulness: 4.0 out of 5. Would recommend it: 100 %."), "the sixth answer waits for four more")
            #expect(after.contains("6 of 12 people in ended pairs have given feedback."))
            #expect(try await FeedbackRelease.query(on: ctx.app.db).count() == 1)
        }
    }

    @Test("Self-supplied: the manager's own answer and a second answer of the same person do not count toward five")
    func selfSupplied() async throws {
        try await withApp { _, ctx in
            let mentees = try await Self.people(3, ctx)
            let p = try await Self.programme(ctx)
            for email in mentees { try await Self.give(p, email, usefulness: 4, ctx) }
            try await Self.give(p, Fixtures.leaderA, usefulness: 1, ctx)  // the manager as a mentee
            try await Self.give(p, mentees[0], usefulness: 1, ctx)  // a second pair of the same person
            let page = try await p.leader.get(p.path)
            #expect(page.contains("Nothing released yet."))
            #expect(!page.contains("answers. Usefulness"))
        }
    }

    @Test("Roster: people who joined the school after the programme began do not count")
    func roster() async throws {
        try await withApp { app, ctx in
            let mentees = try await Self.people(4, ctx)
            let p = try await Self.programme(ctx)
            ctx.clock.advance(by: 86_400)
            let user = User(email: "second.address@example.org", givenName: "S", familyName: "A", passwordHash: try app.password.hash(Fixtures.password))
            try await user.save(on: app.db)
            try await StaffRecord.join(userID: try user.requireID(), schoolID: ctx.fixtures.schoolA, role: .teacher, by: nil, at: ctx.clock.now, on: app.db)
            for email in mentees { try await Self.give(p, email, usefulness: 4, ctx) }
            try await Self.give(p, user.email, usefulness: 1, ctx)
            try await p.leader.login(Fixtures.leaderA)  // the session timed out meanwhile
            #expect(try await p.leader.get(p.path).contains("Nothing released yet."))
            #expect(try await PairFeedback.query(on: app.db).count() == 4, "the newcomer's answer is not stored in the figures")
        }
    }

    @Test("Comments appear only from ten released answers, sorted, never as the figures' running count moves")
    func comments() async throws {
        try await withApp { _, ctx in
            let mentees = try await Self.people(10, ctx)
            let p = try await Self.programme(ctx)
            for (i, email) in mentees.enumerated() {
                try await Self.give(p, email, usefulness: 3, comment: "comment \(i)", ctx)
                let page = try await p.leader.get(p.path)
                #expect(page.contains("comment 0") == (i == 9), "after \(i + 1) answers")
            }
        }
    }
}
