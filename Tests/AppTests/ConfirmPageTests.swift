import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue 18, point 3: nothing is lost to one click. The control on the page opens a page
/// that says what will be lost (the action's own URL, by GET); only its button (a POST with
/// the CSRF token) does it, and "go back" changes nothing.
@Suite("Asking before anything is lost")
struct ConfirmPageTests {
    @Test("Deleting one's well-being history: the page's button asks first, says how many go and what stays")
    func wellbeingHistory() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser(language: "en")
            try await teacher.login(Fixtures.teacherA)
            let checkedIn = try await teacher.post("/wellbeing", form: WellbeingTests.answers(who5: 3, cbi: 50, note: "a long week"))
            #expect(checkedIn.status == .created)
            let page = try await teacher.get("/wellbeing")
            #expect(page.contains("<a id=\"history-delete\" class=\"button-secondary\" href=\"/wellbeing/history/delete\">"))
            let asking = try await teacher.get("/wellbeing/history/delete")
            #expect(asking.status == .ok)
            #expect(asking.contains("The 1 check-in kept in your own history is deleted"))
            #expect(asking.contains("Your school's figures do not change"))
            #expect(asking.contains("id=\"confirm-form\" method=\"post\" action=\"/wellbeing/history/delete\""))
            #expect(asking.contains("id=\"keep\" class=\"button-secondary\" href=\"/wellbeing\""))
            // In Latvian too.
            let latvian = ctx.browser(language: "lv")
            try await latvian.login(Fixtures.teacherA)
            let lv = try await latvian.get("/wellbeing/history/delete")
            #expect(lv.contains("lang=\"lv\""))
            #expect(lv.contains("Vai dzēst savu labbūtības vēsturi?"))
            // Opening the page deleted nothing; its button does.
            #expect(try await WellbeingPersonalEntry.query(on: app.db).count() == 1)
            #expect(try await teacher.post("/wellbeing/history/delete").status == .seeOther)
            #expect(try await WellbeingPersonalEntry.query(on: app.db).count() == 0)
            // Nothing left: the page says so instead of asking.
            let nothing = try await teacher.get("/wellbeing/history/delete")
            #expect(nothing.status == .seeOther)
        }
    }

    @Test("Cancelling a meeting asks first and tells who will be told; the page's link cancels nothing")
    func meetingCancel() async throws {
        try await withApp { app, ctx in
            let (path, teacher, counsellor) = try await MeetingTests.conversation(app, ctx)
            try await counsellor.post(
                path + "/meetings", form: ["date": "2026-12-09", "time": "15:00", "time_zone": "Europe/Riga", "duration": "45"])
            let meeting = try #require(try await Meeting.query(on: app.db).first())
            let cancelPath = path + "/meetings/\(try meeting.requireID())/cancel"
            #expect(try await teacher.get(path).contains("href=\"\(cancelPath)\""))
            let asking = try await teacher.get(cancelPath)
            #expect(asking.status == .ok)
            #expect(asking.contains("Everyone taking part is told"))
            #expect(asking.contains("action=\"\(cancelPath)\""))
            #expect(try await Meeting.find(meeting.id, on: app.db)?.cancelled == false)
            #expect(try await teacher.post(cancelPath).status == .seeOther)
            #expect(try await Meeting.find(meeting.id, on: app.db)?.cancelled == true)
            // Someone outside the conversation learns nothing of it.
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            #expect(try await leader.get(cancelPath).status == .notFound)
        }
    }

    @Test("Removing a colleague asks first; the last leader is never offered it")
    func memberRemoval() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser(language: "en")
            try await leader.login(Fixtures.leaderA)
            let teacherID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).first()?.requireID())
            let membership = try #require(
                try await Membership.query(on: app.db).filter(\.$user.$id == teacherID).filter(\.$school.$id == ctx.fixtures.schoolA).first())
            let removePath = "/schools/\(ctx.fixtures.schoolA)/members/\(try membership.requireID())/remove"
            // The removal is offered on the person's own page, not on the staff list.
            let memberPage = try await leader.get("/schools/\(ctx.fixtures.schoolA)/members/\(try membership.requireID())")
            #expect(memberPage.contains("href=\"\(removePath)\""))
            #expect(!(try await leader.get("/schools/\(ctx.fixtures.schoolA)")).contains("href=\"\(removePath)\""))
            let asking = try await leader.get(removePath)
            #expect(asking.status == .ok)
            #expect(asking.contains("Their account, their other schools and what they wrote stay."))
            #expect(try await Membership.find(membership.id, on: app.db) != nil)
            #expect(try await leader.post(removePath).status == .seeOther)
            #expect(try await Membership.find(membership.id, on: app.db) == nil)

            // The only leader: not offered it on the page; the address, opened all the same,
            // gives the reason instead of asking.
            let leaderID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.leaderA).first()?.requireID())
            let own = try #require(
                try await Membership.query(on: app.db).filter(\.$user.$id == leaderID).filter(\.$school.$id == ctx.fixtures.schoolA).first())
            let ownPath = "/schools/\(ctx.fixtures.schoolA)/members/\(try own.requireID())/remove"
            let page = try await leader.get("/schools/\(ctx.fixtures.schoolA)/members/\(try own.requireID())")
            #expect(page.status == .ok)
            #expect(!page.contains("href=\"\(ownPath)\""))
            #expect(page.contains("The school's only leader"))
            let refused = try await leader.get(ownPath)
            #expect(refused.status == .seeOther)
            #expect(try await Membership.find(own.id, on: app.db) != nil)
        }
    }

    @Test("Revoking a token and withdrawing a question ask first; the page's control revokes and withdraws nothing")
    func revokeAndWithdraw() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser(language: "en")
            try await teacher.login(Fixtures.teacherA)
            let owner = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).first())
            let secret = try await APITokens.issue(name: "grades sync", for: owner, on: app.db)
            let token = try #require(try await APIToken.query(on: app.db).filter(\.$tokenHash == SecretToken.hash(secret)).first())
            let revokePath = "/account/tokens/\(try token.requireID())/revoke"
            #expect(try await teacher.get("/account").contains("href=\"\(revokePath)\""))
            let asking = try await teacher.get(revokePath)
            #expect(asking.status == .ok)
            #expect(asking.contains("Every program that uses it is refused"))
            #expect(try await APIToken.find(token.id, on: app.db)?.revokedAt == nil)
            #expect(try await teacher.post(revokePath).status == .seeOther)
            #expect(try await APIToken.find(token.id, on: app.db)?.revokedAt != nil)

            _ = try await AskAColleagueTests.ask(teacher, school: ctx.fixtures.schoolA)
            let request = try #require(try await HelpRequest.query(on: app.db).first())
            let withdrawPath = "/support/requests/\(try request.requireID())/withdraw"
            #expect(try await teacher.get("/support").contains("href=\"\(withdrawPath)\""))
            let withdrawing = try await teacher.get(withdrawPath)
            #expect(withdrawing.status == .ok)
            #expect(withdrawing.contains("Colleagues no longer see it"))
            #expect(try await HelpRequest.find(request.id, on: app.db)?.status == .open)
            #expect(try await teacher.post(withdrawPath).status == .seeOther)
            #expect(try await HelpRequest.find(request.id, on: app.db)?.status == .withdrawn)
        }
    }

    @Test("A removed colleague can be restored for 30 days, in their role, by those who manage the staff; then only an invitation brings them back")
    func memberRestored() async throws {
        try await withApp { app, ctx in
            let counsellorID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.counsellorA).first()?.requireID())
            let membership = try #require(
                try await Membership.query(on: app.db).filter(\.$user.$id == counsellorID).filter(\.$school.$id == ctx.fixtures.schoolA).first())
            let role = membership.role
            let leader = ctx.browser(language: "en")
            try await leader.login(Fixtures.leaderA)
            let school = "/schools/\(ctx.fixtures.schoolA)"
            let asking = try await leader.get(school + "/members/\(try membership.requireID())/remove")
            #expect(
                asking.contains("For 30 days you can restore them, in the same role, from the school&#39;s page.")
                    || asking.contains("For 30 days you can restore them, in the same role, from the school's page."))
            let removed = try await leader.post(school + "/members/\(try membership.requireID())/remove")
            #expect(removed.location == school)
            #expect(try await Membership.query(on: app.db).filter(\.$user.$id == counsellorID).filter(\.$school.$id == ctx.fixtures.schoolA).count() == 0)

            // The school's page lists the removal with a button that restores; a teacher's does not.
            let page = try await leader.get(school)
            #expect(page.contains("Removed in the last 30 days"))
            let change = try #require(
                try await StaffChange.query(on: app.db).filter(\.$user.$id == counsellorID).filter(\.$kind == .left).first())
            let restorePath = school + "/removed/\(try change.requireID())/restore"
            #expect(page.contains("action=\"\(restorePath)\""))
            let teacher = ctx.browser(language: "en")
            try await teacher.login(Fixtures.teacherA)
            #expect(!(try await teacher.get(school)).contains("Removed in the last 30 days"))
            #expect(try await teacher.post(restorePath).status == .forbidden)

            // Restored: back in the same role, which starts again (a support role's cooling-off
            // is not skipped), and the staff record says so.
            let restored = try await leader.post(restorePath)
            #expect(restored.status == .seeOther)
            let back = try #require(
                try await Membership.query(on: app.db).filter(\.$user.$id == counsellorID).filter(\.$school.$id == ctx.fixtures.schoolA).first())
            #expect(back.role == role)
            #expect(back.roleSince == ctx.clock.now)
            #expect(try await StaffChange.query(on: app.db).filter(\.$user.$id == counsellorID).filter(\.$kind == .restored).count() == 1)
            #expect(!(try await leader.get(school)).contains("action=\"\(restorePath)\""))
            // Twice (a double click): once restored, the second says it cannot, and adds nothing.
            let twice = try await leader.post(restorePath)
            #expect(twice.location == school)
            #expect(try await Membership.query(on: app.db).filter(\.$user.$id == counsellorID).filter(\.$school.$id == ctx.fixtures.schoolA).count() == 1)
            #expect(try await StaffChange.query(on: app.db).filter(\.$kind == .restored).count() == 1)

            // Removed again, and 31 days later: no longer restorable.
            _ = try await leader.post(school + "/members/\(try back.requireID())/remove")
            let second = try #require(
                try await StaffChange.query(on: app.db).filter(\.$user.$id == counsellorID).filter(\.$kind == .left)
                    .sort(\.$occurredAt, .descending).first())
            ctx.clock.advance(by: 31 * 24 * 3600)
            let again = ctx.browser(language: "en")
            try await again.login(Fixtures.leaderA)
            #expect(!(try await again.get(school)).contains("Removed in the last 30 days"))
            let late = try await again.post(school + "/removed/\(try second.requireID())/restore")
            #expect(late.location == school)
            #expect(try await Membership.query(on: app.db).filter(\.$user.$id == counsellorID).filter(\.$school.$id == ctx.fixtures.schoolA).count() == 0)
        }
    }

    @Test("Closing a survey and deleting a question ask first; the page's controls close and delete nothing")
    func surveyCloseAndQuestionDelete() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser(language: "en")
            try await leader.login(Fixtures.leaderA)
            let created = try await leader.post(
                "/surveys", form: ["scope": "school:\(ctx.fixtures.schoolA)", "title": "Staff needs", "language": "en", "template": ""])
            let path = try #require(created.location)
            _ = try await leader.post(path + "/sections", form: ["section_title": "About support"])
            _ = try await leader.post(
                path + "/questions",
                form: [
                    "section": "0", "kind": "single_choice", "variable": "had_mentor", "text": "Did you have a mentor?", "required": "1", "options": "Yes\nNo",
                ])
            _ = try await leader.post(path + "/questions", form: ["section": "0", "kind": "long_text", "variable": "wish", "text": "What would help?"])
            let survey = try #require(try await Survey.query(on: app.db).first())

            let deletePath = path + "/questions/wish/delete"
            #expect(try await leader.get(path).contains("href=\"\(deletePath)\""))
            let asking = try await leader.get(deletePath)
            #expect(asking.status == .ok)
            #expect(asking.contains("What would help?"))
            #expect(asking.contains("action=\"\(deletePath)\""))
            #expect(try await Survey.find(survey.id, on: app.db)?.definition.question("wish") != nil)
            #expect(try await leader.post(deletePath).status == .seeOther)
            #expect(try await Survey.find(survey.id, on: app.db)?.definition.question("wish") == nil)
            #expect(try await leader.get(deletePath).status == .notFound)

            _ = try await leader.post(path + "/publish", form: ["anonymous": "1"])
            // Published: its questions are fixed, so there is nothing to ask about.
            #expect(try await leader.get(path + "/questions/had_mentor/delete").status == .conflict)
            let closePath = path + "/close"
            #expect(try await leader.get(path).contains("href=\"\(closePath)\""))
            let closing = try await leader.get(closePath)
            #expect(closing.status == .ok)
            #expect(closing.contains("It has 0 answers so far."))
            #expect(closing.contains("A closed survey does not open again."))
            #expect(try await Survey.find(survey.id, on: app.db)?.status == .open)
            #expect(try await leader.post(closePath).status == .seeOther)
            #expect(try await Survey.find(survey.id, on: app.db)?.status == .closed)
            // Closed: the address no longer asks; it says why.
            let after = try await leader.get(closePath)
            #expect(after.status == .seeOther)
            #expect(after.location == path)
        }
    }

    @Test("Taking a step out of a course and retiring a protocol ask first; the page's controls retire nothing")
    func stepAndProtocolRetire() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser(language: "en")
            try await teacher.login(Fixtures.teacherA)
            #expect(
                try await teacher.post(
                    "/support/observation/protocols",
                    form: ["school": "\(ctx.fixtures.schoolA)", "name": "Wait time", "look_fors": "Pauses after questions\nWho answers"]
                ).status == .seeOther)
            let item = try #require(try await SchoolProtocol.query(on: app.db).first())
            let retirePath = "/support/observation/protocols/\(try item.requireID())/retire"
            #expect(try await teacher.get("/support/observation/protocols").contains("href=\"\(retirePath)\""))
            let asking = try await teacher.get(retirePath)
            #expect(asking.status == .ok)
            #expect(asking.contains("Cycles that already follow it keep it"))
            #expect(try await SchoolProtocol.find(item.id, on: app.db)?.retiredAt == nil)
            #expect(try await teacher.post(retirePath).status == .seeOther)
            #expect(try await SchoolProtocol.find(item.id, on: app.db)?.retiredAt != nil)
            // Another member of the school may not retire it, nor see the page that asks.
            let colleague = ctx.browser(language: "en")
            try await colleague.login(Fixtures.counsellorA)
            #expect(try await colleague.get(retirePath).status == .forbidden)
        }
    }
}
