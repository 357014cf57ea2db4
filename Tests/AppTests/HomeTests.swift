import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The home page says what is next (issue 18, point 1): a person's own meetings, the open
/// check-in, colleagues' questions they may take, and for a leader what waits on them;
/// nothing of anyone else's.
@Suite(.serialized)
struct HomeTests {
    @Test("Home lists the person's meetings of the coming days under their day; not a cancelled one, not one beyond the week, not to others")
    func meetingsThisWeek() async throws {
        try await withApp { app, ctx in
            let (path, teacher, counsellor) = try await MeetingTests.conversation(app, ctx)
            // The clock stands on Wednesday 18 November 2026, 13:06 in Riga.
            for (date, place) in [("2026-11-19", "Room tomorrow"), ("2026-11-23", "Room monday"), ("2026-12-02", "Room far"), ("2026-11-20", "Room cancelled")]
            {
                let planned = try await counsellor.post(
                    path + "/meetings", form: ["date": date, "time": "15:00", "time_zone": "Europe/Riga", "duration": "45", "place": place])
                #expect(planned.status == .seeOther)
            }
            let cancelled = try #require(try await Meeting.query(on: app.db).filter(\.$place == "Room cancelled").first())
            #expect(try await teacher.post(path + "/meetings/\(try cancelled.requireID())/cancel").status == .seeOther)

            let home = try await teacher.get("/")
            #expect(home.status == .ok)
            #expect(home.contains("id=\"meetings-next\""))
            #expect(home.contains("Tomorrow"))
            #expect(home.contains("Room tomorrow") && home.contains("Room monday"))
            #expect(home.contains("Monday, 23 November") || home.contains("Monday 23 November") || home.contains("Monday, November 23"))
            #expect(!home.contains("Room far"), "a meeting beyond the week waits for its week")
            #expect(!home.contains("Room cancelled"), "a cancelled meeting is not next")
            let tomorrow = try #require(home.body.range(of: "Room tomorrow")), monday = try #require(home.body.range(of: "Room monday"))
            #expect(tomorrow.lowerBound < monday.lowerBound, "soonest first")
            #expect(home.contains(path), "each meeting links to its conversation")

            // Under way: shown as now until it ends, then gone.
            ctx.clock.advance(by: 86_400 + 2 * 3600 + 10 * 60)  // Thursday 15:16 in Riga
            try await teacher.login(Fixtures.teacherA)
            let during = try await teacher.get("/")
            #expect(during.contains("Room tomorrow") && during.contains("class=\"meeting-now\""))
            ctx.clock.advance(by: 3600)
            try await teacher.login(Fixtures.teacherA)
            #expect(!(try await teacher.get("/")).contains("Room tomorrow"))

            // Someone who is not in the conversation sees none of it.
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let other = try await leader.get("/")
            #expect(!other.contains("Room monday") && !other.contains("id=\"meetings-next\""))
        }
    }

    @Test("The open check-in is on the home page until the person has answered it")
    func openCheckIn() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            let before = try await teacher.get("/")
            #expect(before.contains("id=\"check-in-open\""))
            #expect(before.contains("November 2026"))
            #expect(try await teacher.post("/wellbeing", form: WellbeingTests.answers(who5: 4, cbi: 25)).status == .created)
            let after = try await teacher.get("/")
            #expect(!after.contains("id=\"check-in-open\""))
        }
    }

    @Test("A leader's home lists invitations not yet accepted until they expire; a teacher's has nothing waiting on them")
    func waitingOnTheLeader() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            #expect(!(try await leader.get("/")).contains("id=\"waiting-on-you\""))
            let sent = try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "anna.kalnina@example.org", "given_name": "Anna", "family_name": "Kalniņa", "role": "teacher"])
            #expect(sent.status == .seeOther)
            let home = try await leader.get("/")
            #expect(home.contains("id=\"waiting-on-you\""))
            #expect(home.contains("1 invitation not yet accepted"))
            #expect(home.contains("/schools/\(ctx.fixtures.schoolA)#pending-heading"))

            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(!(try await teacher.get("/")).contains("id=\"waiting-on-you\""))

            let invitation = try #require(try await Invitation.query(on: app.db).first())
            ctx.clock.advance(by: invitation.expiresAt.timeIntervalSince(ctx.clock.now) + 60)
            try await leader.login(Fixtures.leaderA)
            #expect(!(try await leader.get("/")).contains("invitation not yet accepted"), "an expired invitation waits on nobody")
        }
    }

    @Test("A question is counted on the home of those who may take it, not on the asker's own")
    func questionsToTake() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(try await AskAColleagueTests.ask(teacher, school: ctx.fixtures.schoolA).status == .seeOther)
            #expect(!(try await teacher.get("/")).contains("id=\"questions-waiting\""), "one's own question is not one to take")
            let counsellor = ctx.browser()
            try await counsellor.login(Fixtures.counsellorA)
            let home = try await counsellor.get("/")
            #expect(home.contains("1 question from a colleague you could take"))
            #expect(!home.contains("A parent writes to me"), "the home page counts; the question is read where it is taken")
        }
    }

    @Test("A member with nothing next is told a first step; the header is one menu bar with the account menu")
    func emptyStateAndHeader() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(try await teacher.post("/wellbeing", form: WellbeingTests.answers(who5: 4, cbi: 25)).status == .created)
            let home = try await teacher.get("/")
            #expect(home.contains("id=\"nothing-next\""))
            #expect(home.contains("href=\"/support/ask\""))
            // The header: Home marked as the page one is on, the account menu with the log-out form.
            #expect(home.contains("<a href=\"/\" aria-current=\"page\">Home</a>"))
            #expect(home.contains("class=\"menu account-menu\""))
            #expect(home.contains("id=\"logout-form\""))
            #expect(home.contains("name=\"language\" value=\"lv\""))
            let support = try await teacher.get("/support")
            #expect(support.contains("<a href=\"/support\" aria-current=\"page\">My support</a>"))
            #expect(!support.contains("<a href=\"/\" aria-current"))
        }
    }
}
