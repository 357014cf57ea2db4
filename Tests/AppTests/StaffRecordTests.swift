import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue 14, class 5: roles as a way around the Policy. A leader's second address made a
/// counsellor shows on the school's staff record and reads no waiting question until the
/// cooling-off ends or the network's coordinator confirms it; case groups' agendas stay
/// closed before the confidentiality agreement, on every channel.
@Suite("Staff record and cooling-off")
struct StaffRecordTests {
    static let question = "A parent writes to me every evening. How do I set limits kindly?"

    /// The school page's "Changes to the staff" section alone.
    static func record(_ page: Browser.Page) -> String {
        guard let start = page.body.range(of: "id=\"staff-changes\"") else { return "" }
        let rest = page.body[start.lowerBound...]
        return String(rest[..<(rest.range(of: "</section>")?.upperBound ?? rest.endIndex)])
    }

    /// An iCalendar body with its folded lines joined again (RFC 5545 §3.1), so a phrase split at 75 octets is found.
    static func unfolded(_ body: String) -> String {
        body.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
    }

    @Test(
        "A leader's second address invited as counsellor: every member sees it on the school page; it reads no waiting question until the network confirms it")
    func secondAddress() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(try await AskAColleagueTests.ask(teacher, question: Self.question, school: a).status == .seeOther)

            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            _ = try await leader.post(
                "/schools/\(a)/invitations", form: ["email": "second@example.org", "given_name": "Second", "family_name": "Address", "role": "counsellor"])
            let link = try #require(try await ctx.mailbox.lastLinkPath(to: "second@example.org"))
            let second = ctx.browser()
            #expect(
                try await second.post(
                    link,
                    form: [
                        "given_name": "Second", "family_name": "Address",
                        "password": "a long enough secret", "password_confirmation": "a long enough secret",
                    ]
                ).status == .seeOther)

            // Every member sees who joined, in which role, and who brought them in.
            let school = try await teacher.get("/schools/\(a)")
            #expect(school.contains("Changes to the staff"))
            let record = Self.record(school)
            #expect(record.contains("Second Address") && record.contains("joined as Counsellor") && record.contains("leader.a Tester"))
            #expect(record.contains("id=\"newcomers\""))
            #expect(try await StaffChange.query(on: app.db).filter(\.$kind == .joined).count() == 1)

            // The new "counsellor" sees no waiting question and cannot take it.
            let request = try #require(try await HelpRequest.query(on: app.db).first())
            #expect(!(try await second.get("/support")).contains(Self.question))
            #expect(try await second.post("/support/requests/\(try request.requireID())/take").status == .notFound)

            // The leader cannot end the wait; the network's coordinator can.
            let membership = try #require(
                try await Membership.query(on: app.db).join(User.self, on: \Membership.$user.$id == \User.$id)
                    .filter(User.self, \.$email == "second@example.org").first())
            let clear = "/schools/\(a)/members/\(try membership.requireID())/clear"
            #expect(try await leader.post(clear).status == .forbidden)
            #expect(!(try await leader.get("/schools/\(a)")).contains(clear), "no button for the leader")
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            #expect((try await coordinator.get("/schools/\(a)")).contains(clear))
            #expect(try await coordinator.post(clear).status == .seeOther)
            let after = try await second.get("/support")
            #expect(after.contains(Self.question))
            #expect(after.contains("Asked by a colleague who did not show their name") && !after.contains("teacher.a Tester"))
            #expect(Self.record(try await teacher.get("/schools/\(a)")).contains("coordinator Tester"), "the confirmation is on the record too")
        }
    }

    @Test("A teacher made counsellor: the change and who made it are on the record; colleagues' questions reach them after 14 days")
    func roleChange() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            let counsellor = ctx.browser()
            try await counsellor.login(Fixtures.counsellorA)
            _ = try await AskAColleagueTests.ask(counsellor, question: Self.question, school: a)
            let teacherID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).first()?.requireID())
            let membership = try #require(try await Membership.query(on: app.db).filter(\.$user.$id == teacherID).first())
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            #expect(try await leader.post("/schools/\(a)/members/\(try membership.requireID())/role", form: ["role": "psychologist"]).status == .seeOther)
            let record = Self.record(try await counsellor.get("/schools/\(a)"))
            #expect(record.contains("changed from Teacher to School psychologist") && record.contains("leader.a Tester"))

            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(!(try await teacher.get("/support")).contains(Self.question), "new in the role")
            // Sessions end meanwhile: each look is a fresh sign-in.
            func fresh(_ email: String) async throws -> Browser {
                let browser = ctx.browser()
                try await browser.login(email)
                return browser
            }
            ctx.clock.advance(by: 13 * 86_400)
            #expect(!(try await fresh(Fixtures.teacherA).get("/support")).contains(Self.question))
            ctx.clock.advance(by: 86_400)
            #expect((try await fresh(Fixtures.teacherA).get("/support")).contains(Self.question), "after 14 days")

            // Removing someone is on the record too.
            #expect(try await fresh(Fixtures.leaderA).post("/schools/\(a)/members/\(try membership.requireID())/remove").status == .seeOther)
            #expect(Self.record(try await fresh(Fixtures.counsellorA).get("/schools/\(a)")).contains("left the school"))
            #expect(try await StaffChange.query(on: app.db).count() == 2)
        }
    }

    @Test("An intervision group's meeting agenda: not on the page, the API or the calendar (file or feed) before the member agrees")
    func agendaAfterAgreement() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            try await Fixtures.addMember("ilze@example.org", school: a, role: .teacher, on: app)
            let teacher = ctx.browser(), counsellor = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            try await counsellor.login(Fixtures.counsellorA)
            let counsellorID = try await GroupTests.id(Fixtures.counsellorA, app), ilzeID = try await GroupTests.id("ilze@example.org", app)
            let path = try #require(
                try await teacher.post(
                    "/support/groups/new",
                    fields: [
                        ("kind", "intervision"), ("school", a.uuidString), ("name", "Year 8 team"), ("purpose", "Pupils who stop coming"),
                        ("members[]", counsellorID.uuidString), ("members[]", ilzeID.uuidString),
                    ]
                ).location)
            #expect(try await teacher.post(path + "/agree").status == .seeOther)
            let agenda = "The case of the boy in 8B who stopped coming"
            // A phrase of lower-case words with a space: no UUID, token or hex id can hold it by chance
            // (a bare "8B" once matched a meeting id ending "…A8B924").
            let secret = "who stopped coming"
            #expect(
                try await teacher.post(
                    path + "/meetings",
                    form: [
                        "date": "2026-12-03", "time": "17:00", "time_zone": "Europe/Riga", "duration": "75",
                        "place": "Room 204", "online_link": "", "agenda": agenda,
                    ]
                ).status == .seeOther)
            let meetingID = try #require(try await Meeting.query(on: app.db).first()?.requireID())
            #expect((try await teacher.get(path)).contains(agenda), "a member who agreed reads it")

            // The counsellor has not agreed: the time and place, never the agenda.
            let page = try await counsellor.get(path)
            #expect(page.contains("Room 204") && !page.contains(agenda))
            let file = try await counsellor.get(path + "/meetings/\(meetingID)/meeting.ics")
            #expect(file.status == .ok && !Self.unfolded(file.body).contains(secret))
            let made = try await counsellor.post("/support/calendar")
            let feedPath = try #require(made.body.firstMatch(of: /http:\/\/collegium\.test(\/calendar\/[A-Za-z0-9_-]+)/).map { String($0.1) })
            let feed = try await ctx.browser().get(feedPath)
            #expect(feed.status == .ok && feed.body.contains("BEGIN:VEVENT") && !Self.unfolded(feed.body).contains(secret))
            let token = try await CourseTests.token(for: Fixtures.counsellorA, on: app)
            try await app.testing().test(.GET, "/api/v1/practice/engagements", headers: ["Authorization": "Bearer \(token)"]) { res async throws in
                #expect(res.status == .ok)
                #expect(!res.body.string.contains(secret))
            }

            // Once agreed: on every channel.
            #expect(try await counsellor.post(path + "/agree").status == .seeOther)
            #expect((try await counsellor.get(path)).contains(agenda))
            #expect(Self.unfolded((try await ctx.browser().get(feedPath)).body).contains(secret))
            try await app.testing().test(.GET, "/api/v1/practice/engagements", headers: ["Authorization": "Bearer \(token)"]) { res async throws in
                #expect(res.body.string.contains(secret))
            }
        }
    }

    @Test("A question asked without a name: whoever takes it (a counsellor too) never sees the name: page, My support, API, calendar, notifications")
    func anonymousAskerStaysAnonymous() async throws {
        try await withApp { app, ctx in
            let (path, teacher, counsellor) = try await MeetingTests.conversation(app, ctx)
            let hidden = "A colleague who did not show their name"
            let page = try await counsellor.get(path)
            #expect(page.contains("A parent writes"))
            #expect(!page.contains("teacher.a Tester") && page.contains(hidden))
            #expect((try await teacher.get(path)).contains("teacher.a Tester"), "the asker sees their own name")
            #expect(try await teacher.post(path + "/notes", form: ["text": "Thank you for taking it", "visibility": "shared"]).status == .seeOther)
            #expect(
                try await teacher.post(
                    path + "/meetings",
                    form: [
                        "date": "2026-12-03", "time": "17:00", "time_zone": "Europe/Riga", "duration": "45",
                        "place": "Room 204", "online_link": "", "agenda": "",
                    ]
                ).status == .seeOther)
            let support = try await counsellor.get("/support")
            #expect(!support.contains("teacher.a Tester") && support.contains(hidden), "conversation list and notifications")
            let meetingID = try #require(try await Meeting.query(on: app.db).first()?.requireID())
            #expect(!(try await counsellor.get(path + "/meetings/\(meetingID)/meeting.ics")).body.contains("teacher.a"))
            let token = try await CourseTests.token(for: Fixtures.counsellorA, on: app)
            try await app.testing().test(.GET, "/api/v1/practice/engagements", headers: ["Authorization": "Bearer \(token)"]) { res async throws in
                #expect(res.status == .ok && !res.body.string.contains("teacher.a"))
            }
            // A question asked with the name shows it, as the asker chose.
            let named = ctx.browser()
            try await Fixtures.addMember("named@example.org", school: ctx.fixtures.schoolA, role: .teacher, on: app)
            try await named.login("named@example.org")
            _ = try await AskAColleagueTests.ask(named, question: "Named question", showName: true, school: ctx.fixtures.schoolA)
            let request = try #require(try await HelpRequest.query(on: app.db).filter(\.$question == "Named question").first())
            let taken = try #require(try await counsellor.post("/support/requests/\(try request.requireID())/take").location)
            #expect((try await counsellor.get(taken)).contains("named Tester"))
        }
    }
}
