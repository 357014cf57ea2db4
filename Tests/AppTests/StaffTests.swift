import Domain
import Fluent
import Testing
import Vapor

@testable import App

@Suite("Looking after a school's staff")
struct StaffTests {
    func membership(_ email: String, _ school: UUID, _ app: Application) async throws -> Membership {
        let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
        return try #require(
            try await Membership.query(on: app.db)
                .filter(\.$user.$id == user.requireID()).filter(\.$school.$id == school).first())
    }

    @Test("A leader changes a colleague's role and removes someone; their account stays")
    func roleAndRemove() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let teacher = try await membership(Fixtures.teacherA, ctx.fixtures.schoolA, app)
            let changed = try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/members/\(try teacher.requireID())/role", form: ["role": "pedagogical_adviser"])
            #expect(changed.status == .seeOther)
            #expect(try await membership(Fixtures.teacherA, ctx.fixtures.schoolA, app).role == .pedagogicalAdviser)
            #expect(try await leader.get("/schools/\(ctx.fixtures.schoolA)").contains("is now Pedagogical adviser"))

            let counsellor = try await membership(Fixtures.counsellorA, ctx.fixtures.schoolA, app)
            #expect(try await leader.post("/schools/\(ctx.fixtures.schoolA)/members/\(try counsellor.requireID())/remove").status == .seeOther)
            #expect(try await Membership.query(on: app.db).filter(\.$id == counsellor.requireID()).count() == 0)
            #expect(try await User.query(on: app.db).filter(\.$email == Fixtures.counsellorA).count() == 1)
        }
    }

    @Test("The last leader can be neither demoted nor removed")
    func lastLeader() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let own = try await membership(Fixtures.leaderA, ctx.fixtures.schoolA, app)
            try await leader.post("/schools/\(ctx.fixtures.schoolA)/members/\(try own.requireID())/role", form: ["role": "teacher"])
            try await leader.post("/schools/\(ctx.fixtures.schoolA)/members/\(try own.requireID())/remove")
            #expect(try await membership(Fixtures.leaderA, ctx.fixtures.schoolA, app).role == .leader)
            #expect(try await leader.get("/schools/\(ctx.fixtures.schoolA)").contains("at least one leader"))
        }
    }

    @Test("Only people who manage a school's staff may change it, and only within that school")
    func denied() async throws {
        try await withApp { app, ctx in
            let counsellor = try await membership(Fixtures.counsellorA, ctx.fixtures.schoolA, app)
            let path = "/schools/\(ctx.fixtures.schoolA)/members/\(try counsellor.requireID())/remove"
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(try await teacher.post(path).status == .forbidden)
            let leaderB = ctx.browser()
            try await leaderB.login(Fixtures.leaderB)
            #expect(try await leaderB.post(path).status == .notFound)
            // A membership of school A addressed through school B is not found either.
            #expect(try await leaderB.post("/schools/\(ctx.fixtures.schoolB)/members/\(try counsellor.requireID())/remove").status == .notFound)
            #expect(try await Membership.query(on: app.db).filter(\.$id == counsellor.requireID()).count() == 1)
        }
    }

    @Test("A pending invitation is resent with a new link, or cancelled so its link stops working")
    func resendAndCancel() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "slow@example.org", "given_name": "S", "family_name": "Low", "role": "teacher"])
            let firstLink = try #require(try await ctx.mailbox.lastLinkPath(to: "slow@example.org"))
            var invitation = try #require(try await Invitation.query(on: app.db).filter(\.$email == "slow@example.org").first())
            try await leader.post("/schools/\(ctx.fixtures.schoolA)/invitations/\(try invitation.requireID())/resend")
            let secondLink = try #require(try await ctx.mailbox.lastLinkPath(to: "slow@example.org"))
            #expect(firstLink != secondLink)
            #expect(try await ctx.browser().get(firstLink).status == .notFound)
            let second = try await ctx.browser().get(secondLink)
            #expect(
                second.status == .ok && second.contains("<h1>Join School A</h1>") && second.contains("slow@example.org"), "the new link opens the invitation")

            invitation = try #require(try await Invitation.query(on: app.db).filter(\.$email == "slow@example.org").first())
            // Cancelling asks first: the school page links to the question, which cancels nothing.
            let cancelPath = "/schools/\(ctx.fixtures.schoolA)/invitations/\(try invitation.requireID())/cancel"
            #expect(try await leader.get("/schools/\(ctx.fixtures.schoolA)").contains("class=\"button-link invitation-cancel\" href=\"\(cancelPath)\""))
            let asking = try await leader.get(cancelPath)
            #expect(asking.status == .ok && asking.contains("Cancel the invitation to slow@example.org?"))
            #expect(asking.contains("id=\"confirm-form\" method=\"post\" action=\"\(cancelPath)\""))
            #expect(try await ctx.browser().get(secondLink).status == .ok, "asking cancelled nothing")
            try await leader.post(cancelPath)
            #expect(try await ctx.browser().get(secondLink).status == .notFound)
            #expect(try await Invitation.query(on: app.db).count() == 0)
        }
    }

    @Test("The staff list is one line per person, searched without diacritics and filtered by role; role and removal are on the person's page")
    func staffListAndMemberPage() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            try await Fixtures.addMember("zane.bērziņa@example.org", school: a, role: .teacher, on: app)
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let all = try await leader.get("/schools/\(a)")
            #expect(all.contains("4 members of staff"))
            #expect(all.contains("class=\"member-link\""))
            #expect(!all.contains("/role\""), "no role form on the list")
            #expect(!all.contains("member-remove"), "no removal on the list")

            // "berzina" finds Bērziņa; a role filter keeps that role only.
            let found = try await leader.get("/schools/\(a)?q=berzina")
            #expect(found.contains("zane.bērziņa Tester") && !found.contains("teacher.a Tester"))
            #expect(found.contains("1 of 4 shown."))
            let counsellors = try await leader.get("/schools/\(a)?role=counsellor")
            #expect(counsellors.contains("counsellor.a Tester") && !counsellors.contains("teacher.a Tester"))
            #expect(try await leader.get("/schools/\(a)?q=nobody-like-this").contains("Nobody on the staff matches."))
            // A teacher sees names only: the address is no search key for them.
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(try await teacher.get("/schools/\(a)?q=counsellor.a%40").contains("Nobody on the staff matches."))
            #expect(try await leader.get("/schools/\(a)?q=counsellor.a%40").contains("counsellor.a Tester"))
            #expect(!(try await teacher.get("/schools/\(a)")).contains("class=\"member-link\""))

            // The person's page: their address, the role form, the removal that asks first.
            let member = try await membership(Fixtures.teacherA, a, app)
            let page = try await leader.get("/schools/\(a)/members/\(try member.requireID())")
            #expect(page.status == .ok)
            #expect(page.contains("teacher.a@example.org"))
            #expect(page.contains("id=\"role-form\""))
            #expect(page.contains("/schools/\(a)/members/\(try member.requireID())/remove"))
            let changed = try await leader.post("/schools/\(a)/members/\(try member.requireID())/role", form: ["role": "counsellor"])
            #expect(changed.location == "/schools/\(a)/members/\(try member.requireID())", "back to the person's page")

            // The only leader's page offers neither a role change nor removal.
            let own = try await membership(Fixtures.leaderA, a, app)
            let ownPage = try await leader.get("/schools/\(a)/members/\(try own.requireID())")
            #expect(ownPage.contains("only-leader") && !ownPage.contains("id=\"role-form\"") && !ownPage.contains("member-remove"))

            // Those who do not manage the staff never see the page.
            #expect(try await teacher.get("/schools/\(a)/members/\(try member.requireID())").status == .forbidden)
            let leaderB = ctx.browser()
            try await leaderB.login(Fixtures.leaderB)
            #expect(try await leaderB.get("/schools/\(a)/members/\(try member.requireID())").status == .notFound)
        }
    }

    @Test("A leader who makes themselves a teacher (another leader remains) goes back to the school page they may still open")
    func selfDemotion() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            try await Fixtures.addMember("second.leader@example.org", school: a, role: .leader, on: app)
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let own = try await membership(Fixtures.leaderA, a, app)
            let changed = try await leader.post("/schools/\(a)/members/\(try own.requireID())/role", form: ["role": "teacher"])
            #expect(changed.location == "/schools/\(a)")
            let school = try await leader.get("/schools/\(a)")
            #expect(school.status == .ok && school.contains("is now Teacher"))
        }
    }
    @Test("A large staff is listed 20 names a page; the pages keep the search and role, and a page past the end shows the last")
    func staffListPages() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            // 3 in the fixtures and 28 more: two pages.
            for n in 1...28 { try await Fixtures.addMember("pupil.teacher\(n < 10 ? "0" : "")\(n)@example.org", school: a, role: .teacher, on: app) }
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let first = try await leader.get("/schools/\(a)")
            #expect(first.contains("31 members of staff") && first.contains("Names 1–20 of 31"))
            #expect(first.body.components(separatedBy: "class=\"member-link\"").count - 1 == 20)
            #expect(first.contains("href=\"/schools/\(a)?page=2#staff-heading\" rel=\"next\""))
            #expect(!first.contains("rel=\"prev\""))
            let second = try await leader.get("/schools/\(a)?page=2")
            #expect(second.contains("Names 21–31 of 31") && !second.contains("rel=\"next\""))
            #expect(second.body.components(separatedBy: "class=\"member-link\"").count - 1 == 11)
            #expect(second.contains("teacher.a Tester"), "the names after the 20th")
            #expect(try await leader.get("/schools/\(a)?page=99").contains("Names 21–31 of 31"))
            #expect(try await leader.get("/schools/\(a)?page=nonsense").contains("Names 1–20 of 31"))
            // A filter that keeps 29 teachers pages too, and its links keep the filter.
            let teachers = try await leader.get("/schools/\(a)?q=teacher&role=teacher")
            #expect(teachers.contains("29 of 31 shown.") && teachers.contains("Names 1–20 of 29"))
            #expect(teachers.contains("href=\"/schools/\(a)?q=teacher&amp;role=teacher&amp;page=2#staff-heading\""))
            // A short list has no pages.
            #expect(!(try await leader.get("/schools/\(a)?role=leader")).contains("list-pager"))
        }
    }
    @Test("The five newest invitations are open on the school page; older ones fold under \"N more invitations\"")
    func olderInvitationsFold() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            for n in 1...7 {
                let form = ["email": "invited\(n)@example.org", "given_name": "Invited", "family_name": "Person\(n)", "role": "teacher", "language": "en"]
                #expect(try await leader.post("/schools/\(a)/invitations", form: form).status == .seeOther)
            }
            let page = try await leader.get("/schools/\(a)")
            let open = try #require(page.body.components(separatedBy: "id=\"older-invitations\"").first)
            #expect(open.components(separatedBy: "class=\"button-link invitation-cancel\"").count - 1 == 5)
            #expect(page.contains("<summary>2 more invitations</summary>"))
            #expect(page.body.components(separatedBy: "class=\"button-link invitation-cancel\"").count - 1 == 7, "every one can still be cancelled")
        }
    }
}
