import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Mentoring programmes")
struct MentoringTests {
    struct Setup {
        var programmePath: String
        var leader: Browser
        var people: [String: Browser]
        var ids: [String: UUID]
    }

    /// A programme in school A run by its leader: two mentors (one with 1 place) and three
    /// mentees, all with profiles.
    static func setUp(_ app: Application, _ ctx: TestContext) async throws -> Setup {
        let leader = ctx.browser()
        try await leader.login(Fixtures.leaderA)
        let created = try await leader.post(
            "/mentoring",
            form: [
                "scope": "school:" + ctx.fixtures.schoolA.uuidString, "name": "New teachers 2026/27",
                "goal": "A safe first year", "starts_on": "2026-09-01", "ends_on": "2027-06-15",
            ])
        #expect(created.status == .seeOther)
        let path = try #require(created.location)
        var people: [String: Browser] = [:], ids: [String: UUID] = [:]
        let specs: [(String, String, String, String, String)] = [
            ("mentor.one@example.org", "mentor", "maths", "20", "2"),
            ("mentor.two@example.org", "mentor", "history", "15", "1"),
            ("mentee.one@example.org", "mentee", "maths", "1", ""),
            ("mentee.two@example.org", "mentee", "history", "2", ""),
            ("mentee.three@example.org", "mentee", "maths", "1", ""),
        ]
        for (email, role, subject, years, capacity) in specs {
            try await Fixtures.addMember(email, school: ctx.fixtures.schoolA, role: .teacher, on: app)
            let id = try #require(try await User.query(on: app.db).filter(\.$email == email).first()?.requireID())
            ids[email] = id
            #expect(try await leader.post(path + "/members", form: ["person": id.uuidString, "role": role]).status == .seeOther)
            let browser = ctx.browser()
            try await browser.login(email)
            var form = ["subjects": subject, "levels": "secondary", "years": years, "languages": "Latvian", "goals[]": "classroom", "availability[]": "thu-pm"]
            if !capacity.isEmpty { form["capacity"] = capacity }
            #expect(try await browser.post(path + "/profile", form: form).status == .seeOther)
            people[email] = browser
        }
        return Setup(programmePath: path, leader: leader, people: people, ids: ids)
    }

    @Test("The leader proposes the best pairs within capacity, with scores; publishes; both accept and a mentoring engagement starts")
    func journey() async throws {
        try await withApp { app, ctx in
            let s = try await Self.setUp(app, ctx)
            #expect(try await s.leader.post(s.programmePath + "/propose").status == .seeOther)
            let pairs = try await ProgrammePair.query(on: app.db).filter(\.$status == .proposed).all()
            #expect(pairs.count == 3, "three mentees, three places")
            let perMentor = Dictionary(grouping: pairs, by: { $0.$mentor.id }).mapValues(\.count)
            #expect(perMentor[s.ids["mentor.two@example.org"]!] == 1)
            #expect(pairs.first { $0.$mentee.id == s.ids["mentee.two@example.org"] }?.$mentor.id == s.ids["mentor.two@example.org"], "history with history")
            let page = try await s.leader.get(s.programmePath)
            #expect(page.contains("Matches: subject"), "each pair says in words what matched")
            #expect(page.contains("<option value=\"3\" selected=\"selected\">Matters a lot</option>"), "weights are named choices")

            // Members see nothing before publishing; then they answer.
            let menteeOne = s.people["mentee.one@example.org"]!, mentorOne = s.people["mentor.one@example.org"]!
            #expect(!(try await menteeOne.get(s.programmePath)).contains("Your mentor"))
            #expect(try await s.leader.post(s.programmePath + "/publish").status == .seeOther)
            #expect((try await menteeOne.get(s.programmePath)).contains("Your mentor: mentor.one Tester"))
            let pair = try #require(try await ProgrammePair.query(on: app.db).filter(\.$mentee.$id == s.ids["mentee.one@example.org"]!).first())
            let answer = s.programmePath + "/pairs/\(try pair.requireID())/answer"
            #expect(try await menteeOne.post(answer, form: ["accept": "1"]).status == .seeOther)
            let both = try await mentorOne.post(answer, form: ["accept": "1"])
            #expect(both.location?.hasPrefix("/support/engagements/") == true)
            let engagement = try #require(try await Engagement.query(on: app.db).filter(\.$form == .mentoring).first())
            #expect(engagement.topic == "New teachers 2026/27")
            #expect((try await menteeOne.get(both.location!)).contains("Mentoring: New teachers 2026/27"))
            // The leader sees the pair, never its notes.
            #expect(try await s.leader.get(both.location!).status == .notFound)

            // Mentee three declines; proposing again keeps the accepted pair and never repeats the declined one.
            let three = try #require(try await ProgrammePair.query(on: app.db).filter(\.$mentee.$id == s.ids["mentee.three@example.org"]!).first())
            _ = try await s.people["mentee.three@example.org"]!.post(s.programmePath + "/pairs/\(try three.requireID())/answer", form: ["accept": "0"])
            _ = try await s.leader.post(s.programmePath + "/propose")
            let told = try await s.leader.get(s.programmePath)
            // Mentor two's one place is held by mentee two; mentee three declined mentor one.
            #expect(told.contains("1 mentee has no fitting mentor with a free place"), "the run says whom it could not pair")
            #expect(!told.contains("pair proposed"))
            let accepted = try await ProgrammePair.query(on: app.db).filter(\.$status == .accepted).count()
            #expect(accepted == 1)
            let again = try await ProgrammePair.query(on: app.db).filter(\.$status == .proposed).all()
            #expect(!again.contains { $0.$mentee.id == three.$mentee.id && $0.$mentor.id == three.$mentor.id })
        }
    }

    @Test("By hand: the leader cannot exceed a mentor's places or pair a mentee with their line manager")
    func byHand() async throws {
        try await withApp { app, ctx in
            let s = try await Self.setUp(app, ctx)
            let leaderID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.leaderA).first()?.requireID())
            #expect(try await s.leader.post(s.programmePath + "/members", form: ["person": leaderID.uuidString, "role": "mentor"]).status == .seeOther)
            let leaderAsMember = try await ProgrammeMember.query(on: app.db).filter(\.$user.$id == leaderID).first()!
            leaderAsMember.languages = "Latvian"
            leaderAsMember.profileDone = true
            try await leaderAsMember.save(on: app.db)
            let lineManager = try await s.leader.post(
                s.programmePath + "/pairs", form: ["mentee": s.ids["mentee.one@example.org"]!.uuidString, "mentor": leaderID.uuidString])
            #expect(lineManager.status == .unprocessableEntity)
            // The reason itself: "line manager" alone is also in the page's hint on matching, so
            // an `||` with it passed whatever the refusal said (issue 15).
            #expect(lineManager.contains("<p class=\"field-error\" role=\"alert\">A mentor cannot be the mentee's line manager.</p>"))
            #expect(try await ProgrammePair.query(on: app.db).count() == 0, "nothing paired")
            let two = s.ids["mentor.two@example.org"]!.uuidString
            #expect(
                try await s.leader.post(s.programmePath + "/pairs", form: ["mentee": s.ids["mentee.one@example.org"]!.uuidString, "mentor": two]).status
                    == .seeOther)
            let full = try await s.leader.post(s.programmePath + "/pairs", form: ["mentee": s.ids["mentee.three@example.org"]!.uuidString, "mentor": two])
            #expect(full.status == .unprocessableEntity)
            #expect(try await ProgrammePair.query(on: app.db).filter(\.$mentor.$id == s.ids["mentor.two@example.org"]!).count() == 1)
        }
    }

    @Test("Only the leader of the school (or the network's coordinator) runs it; members fill in their own profile; bad input is explained")
    func permissions() async throws {
        try await withApp { app, ctx in
            let s = try await Self.setUp(app, ctx)
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(try await teacher.post(s.programmePath + "/propose").status == .notFound)
            #expect(try await teacher.get(s.programmePath + "/profile").status == .notFound)
            let leaderB = ctx.browser()
            try await leaderB.login(Fixtures.leaderB)
            #expect(try await leaderB.get(s.programmePath).status == .notFound)
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            let followed = try await coordinator.get(s.programmePath)
            #expect(followed.status == .ok && followed.contains("<h1>New teachers 2026/27</h1>"), "the network's coordinator follows the programme")
            let mentor = s.people["mentor.one@example.org"]!
            #expect(try await mentor.post(s.programmePath + "/propose").status == .forbidden)
            let bad = try await mentor.post(s.programmePath + "/profile", form: ["years": "200", "languages": "", "capacity": "9"])
            #expect(bad.status == .unprocessableEntity)
            let badProgramme = try await s.leader.post(
                "/mentoring", form: ["scope": "school:" + ctx.fixtures.schoolB.uuidString, "name": "", "starts_on": "2027-01-01", "ends_on": "2026-01-01"])
            #expect(badProgramme.status == .unprocessableEntity, "not the leader's school, no name, end before start")
            #expect(try await MentoringProgramme.query(on: app.db).count() == 1)
        }
    }
}

@Suite("Quiet mentoring pairs")
struct QuietPairTests {
    @Test("A pair with no note or meeting for the set time shows as quiet to the leader, who can remind both")
    func quiet() async throws {
        try await withApp { app, ctx in
            let s = try await MentoringTests.setUp(app, ctx)
            _ = try await s.leader.post(s.programmePath + "/propose")
            _ = try await s.leader.post(s.programmePath + "/publish")
            let pair = try #require(try await ProgrammePair.query(on: app.db).filter(\.$mentee.$id == s.ids["mentee.one@example.org"]!).first())
            let answer = s.programmePath + "/pairs/\(try pair.requireID())/answer"
            _ = try await s.people["mentee.one@example.org"]!.post(answer, form: ["accept": "1"])
            _ = try await s.people["mentor.one@example.org"]!.post(answer, form: ["accept": "1"])
            #expect(!(try await s.leader.get(s.programmePath)).contains("id=\"quiet-pairs\""))
            // Engagements are stamped by the database clock; move it back rather than the app forward.
            let engagement = try #require(try await Engagement.query(on: app.db).filter(\.$form == .mentoring).first())
            engagement.createdAt = ctx.clock.now.addingTimeInterval(-30 * 86_400)
            try await engagement.save(on: app.db)
            let page = try await s.leader.get(s.programmePath)
            #expect(page.contains("id=\"quiet-pairs\""))
            #expect(try await s.leader.post(s.programmePath + "/pairs/\(try pair.requireID())/nudge").status == .seeOther)
            #expect(try await AppNotification.query(on: app.db).filter(\.$kind == .pairNudged).count() == 2)
            #expect((try await s.leader.get("/schools/\(ctx.fixtures.schoolA.uuidString)")).contains("1 mentoring pair under way"))
        }
    }
}

@Suite("Mentoring feedback")
struct MentoringFeedbackTests {
    @Test("When a pair ends, each person gives short feedback once; the leader sees it only from five answers, never who said what")
    func feedback() async throws {
        try await withApp { app, ctx in
            let s = try await MentoringTests.setUp(app, ctx)
            _ = try await s.leader.post(s.programmePath + "/propose")
            _ = try await s.leader.post(s.programmePath + "/publish")
            let pair = try #require(try await ProgrammePair.query(on: app.db).filter(\.$mentee.$id == s.ids["mentee.one@example.org"]!).first())
            let answer = s.programmePath + "/pairs/\(try pair.requireID())/answer"
            let mentee = s.people["mentee.one@example.org"]!, mentor = s.people["mentor.one@example.org"]!
            _ = try await mentee.post(answer, form: ["accept": "1"])
            let started = try await mentor.post(answer, form: ["accept": "1"])
            let path = try #require(started.location)
            #expect(try await mentee.post(path + "/feedback", form: ["usefulness": "5", "recommend": "yes"]).status == .conflict, "not before the pair ends")
            _ = try await mentor.post(path + "/close", form: ["text": "", "visibility": "shared"])
            #expect((try await mentee.get(path)).contains("id=\"feedback-form\""))
            #expect(try await mentee.post(path + "/feedback", form: ["usefulness": "9", "recommend": "maybe"]).status == .unprocessableEntity)
            #expect(
                try await mentee.post(path + "/feedback", form: ["usefulness": "5", "recommend": "yes", "improve": "Start earlier in the year"]).status
                    == .seeOther)
            #expect(try await mentee.post(path + "/feedback", form: ["usefulness": "4", "recommend": "yes"]).status == .conflict, "once")
            #expect(!(try await mentee.get(path)).contains("id=\"feedback-form\""))
            let leaderPage = try await s.leader.get(s.programmePath)
            #expect(leaderPage.contains("1 of 2 people in ended pairs have given feedback."))
            #expect(leaderPage.contains("Nothing released yet."))
            #expect(!leaderPage.contains("Start earlier in the year"), "too few answers to show")
            // Four more answers from other ended pairs of the programme.
            // (Issue 14: released together once five are in; comments only from ten.)
            for _ in 0..<4 {
                try await PairFeedback(programmeID: pair.$programme.id, usefulness: 3, recommend: false, improve: "").save(on: app.db)
                try await FeedbackReleases.releaseIfDue(programmeID: pair.$programme.id, now: ctx.clock.now, on: app.db)
            }
            let shown = try await s.leader.get(s.programmePath)
            #expect(shown.contains("5 answers. Usefulness: 3.4 out of 5. Would recommend it: 20 %."))
            #expect(!shown.contains("Start earlier in the year"), "comments need ten answers")
            let stored = try #require(try await PairFeedback.query(on: app.db).filter(\.$improve == "Start earlier in the year").first())
            #expect(stored.$programme.id == pair.$programme.id, "the feedback holds the programme, not the person or the pair")
        }
    }
}

@Suite("Practice API: coaching and programmes")
struct PracticeAPIMoreTests {
    @Test("The API lists a person's programmes with the pairs they may see, and coaching requests by the same rules as the pages")
    func api() async throws {
        try await withApp { app, ctx in
            let s = try await MentoringTests.setUp(app, ctx)
            _ = try await s.leader.post(s.programmePath + "/propose")
            let leaderToken = try await APITests().issueToken(for: Fixtures.leaderA, on: app)
            try await app.testing().test(.GET, "/api/v1/practice/programmes", headers: ["Authorization": "Bearer \(leaderToken)"]) { res async throws in
                let list = try res.content.decode([PracticeAPIController.ProgrammeDTO].self)
                #expect(list.first?.role == "manager")
                #expect(list.first?.pairs.count == 3)
            }
            let menteeToken = try await APITests().issueToken(for: "mentee.one@example.org", on: app)
            try await app.testing().test(.GET, "/api/v1/practice/programmes", headers: ["Authorization": "Bearer \(menteeToken)"]) { res async throws in
                let list = try res.content.decode([PracticeAPIController.ProgrammeDTO].self)
                #expect(list.first?.role == "mentee")
                #expect(list.first?.pairs.isEmpty == true, "proposed pairs are the leader's until published")
            }
            let counsellor = ctx.browser()
            try await counsellor.login(Fixtures.counsellorA)
            _ = try await CoachingTests.offer(counsellor, school: ctx.fixtures.schoolA)
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            _ = try await teacher.post("/support/coaching/request", form: ["school": ctx.fixtures.schoolA.uuidString, "coach": "anyone", "topic": "Routines"])
            let counsellorToken = try await APITests().issueToken(for: Fixtures.counsellorA, on: app)
            try await app.testing().test(.GET, "/api/v1/practice/coaching-requests", headers: ["Authorization": "Bearer \(counsellorToken)"]) {
                res async throws in
                #expect(try res.content.decode([PracticeAPIController.CoachingRequestDTO].self).map(\.topic) == ["Routines"])
            }
            try await app.testing().test(.GET, "/api/v1/practice/coaching-requests", headers: ["Authorization": "Bearer \(leaderToken)"]) { res async throws in
                #expect(try res.content.decode([PracticeAPIController.CoachingRequestDTO].self).isEmpty, "leaders see no coaching request")
            }
        }
    }
}
