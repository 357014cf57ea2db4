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
            try await leader.post("/schools/\(ctx.fixtures.schoolA)/invitations/\(try invitation.requireID())/cancel")
            #expect(try await ctx.browser().get(secondLink).status == .notFound)
            #expect(try await Invitation.query(on: app.db).count() == 0)
        }
    }
}
