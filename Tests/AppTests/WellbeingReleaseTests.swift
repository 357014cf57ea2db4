import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue 14 for the well-being figures: read twice, after the reader's own check-in, after
/// inviting accounts or changing the settings, no figure may give one person's answer away.
@Suite("Well-being figures over time and against the reader's own inputs")
struct WellbeingReleaseTests {
    static let october = ISO8601DateFormatter().date(from: "2026-10-15T12:00:00Z")!

    /// A member of a school. `since`: when their role began (nil: before roles were dated).
    @discardableResult
    static func member(_ email: String, _ school: UUID, role: SchoolRole = .teacher, since: Date? = nil, _ ctx: TestContext) async throws -> String {
        let user = User(email: email, givenName: "P", familyName: email, passwordHash: try ctx.app.password.hash(Fixtures.password))
        try await user.save(on: ctx.app.db)
        try await Membership(userID: try user.requireID(), schoolID: school, role: role, since: since).save(on: ctx.app.db)
        return email
    }

    @discardableResult
    static func checkIn(_ email: String, who5: Int = 4, _ ctx: TestContext) async throws -> Browser.Page {
        let browser = ctx.browser()
        try await browser.login(email)
        return try await browser.post("/wellbeing", form: WellbeingTests.answers(who5: who5, cbi: 25, keep: true))
    }

    /// The report as the API gives it to `email`.
    static func report(_ school: UUID, as email: String, _ ctx: TestContext) async throws -> WellbeingAPI.SchoolReport {
        let user = try #require(try await User.query(on: ctx.app.db).filter(\.$email == email).first())
        let token = try await APITokens.issue(name: "t", for: user, scopes: .all, expiresAt: ctx.clock.now.addingTimeInterval(86_400), on: ctx.app.db)
        var report: WellbeingAPI.SchoolReport?
        try await ctx.app.testing().test(.GET, "/api/v1/wellbeing/schools/\(school)", headers: ["Authorization": "Bearer \(token)"]) { res async throws in
            #expect(res.status == .ok)
            report = try res.content.decode(WellbeingAPI.SchoolReport.self)
        }
        return try #require(report)
    }

    static func network(_ id: UUID, _ ctx: TestContext) async throws -> WellbeingAPI.NetworkReport {
        let user = try #require(try await User.query(on: ctx.app.db).filter(\.$email == Fixtures.coordinator).first())
        let token = try await APITokens.issue(name: "t", for: user, scopes: .all, expiresAt: ctx.clock.now.addingTimeInterval(86_400), on: ctx.app.db)
        var report: WellbeingAPI.NetworkReport?
        try await ctx.app.testing().test(.GET, "/api/v1/wellbeing/networks/\(id)", headers: ["Authorization": "Bearer \(token)"]) { res async throws in
            report = try res.content.decode(WellbeingAPI.NetworkReport.self)
        }
        return try #require(report)
    }

    static func encoded(_ period: WellbeingAPI.SchoolPeriod?) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(period.map { [$0] } ?? []), as: UTF8.self)
    }

    @Test("Before/after: a cadence change and a new check-in leave a period's figures, once shown, as they were")
    func cadenceChange() async throws {
        try await withApp(clock: TestClock(Self.october)) { _, ctx in
            let a = ctx.fixtures.schoolA
            for i in 0..<6 { try await Self.checkIn(try await Self.member("t\(i)@example.org", a, ctx), who5: 3 + i % 2, ctx) }
            ctx.clock.advance(by: 34 * 86_400)  // 18 November: October has ended
            let before = try await Self.report(a, as: Fixtures.leaderA, ctx)
            let october = try #require(before.periods.first { $0.period == "2026-10" })
            #expect(october.total.shown)

            // Monthly → every three months: the current term would contain October.
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let saved = try await leader.post("/schools/\(a)/wellbeing/settings", form: ["cadence": "termly", "minimum_group": "5"])
            #expect(saved.status == .seeOther)
            #expect(try await leader.get("/schools/\(a)/wellbeing").contains("id=\"pending-settings\""), "the leader sees when the change begins")
            try await Self.checkIn(Fixtures.teacherA, who5: 0, ctx)

            let after = try await Self.report(a, as: Fixtures.leaderA, ctx)
            let afterOctober = try Self.encoded(after.periods.first { $0.period == "2026-10" })
            let beforeOctober = try Self.encoded(october)
            #expect(afterOctober == beforeOctober, "the released October figures did not move")
            #expect(after.openPeriod.period == "2026-11", "November keeps the cadence it began with")
            ctx.clock.advance(by: 20 * 86_400)  // 8 December: the new cadence begins at the boundary
            #expect(try await Self.report(a, as: Fixtures.leaderA, ctx).openPeriod.period == "2026-12")
        }
    }

    @Test("Self-supplied: the leader's own check-in does not count toward the minimum of five")
    func leadersOwnCheckIn() async throws {
        try await withApp(clock: TestClock(Self.october)) { _, ctx in
            let a = ctx.fixtures.schoolA
            for i in 0..<4 { try await Self.checkIn(try await Self.member("t\(i)@example.org", a, ctx), ctx) }
            try await Self.checkIn(Fixtures.leaderA, who5: 1, ctx)
            try await Self.member("t4@example.org", a, ctx)
            ctx.clock.advance(by: 34 * 86_400)
            let report = try await Self.report(a, as: Fixtures.leaderA, ctx)
            let october = try #require(report.periods.first { $0.period == "2026-10" })
            #expect(!october.total.shown, "four answers besides the leader's own: the leader could take theirs out")
            #expect(october.participants == nil, "no count beside a withheld figure")
            let page = ctx.browser()
            try await page.login(Fixtures.leaderA)
            let html = try await page.get("/schools/\(a)/wellbeing")
            #expect(!html.contains("5 of "), "the page withholds the count too")

            // A fifth colleague in November: five without the leader, figures shown.
            for i in 0..<5 { try await Self.checkIn("t\(i)@example.org", ctx) }
            try await Self.checkIn(Fixtures.leaderA, ctx)
            ctx.clock.advance(by: 30 * 86_400)
            let december = try await Self.report(a, as: Fixtures.leaderA, ctx)
            #expect(december.periods.first { $0.period == "2026-11" }?.total.shown == true)
            #expect(december.periods.first { $0.period == "2026-11" }?.participants == 6)
        }
    }

    @Test("Roster: accounts that joined after the period began do not count; from the next period they do")
    func newAccounts() async throws {
        try await withApp(clock: TestClock(Self.october)) { _, ctx in
            let a = ctx.fixtures.schoolA
            for i in 0..<4 { try await Self.checkIn(try await Self.member("t\(i)@example.org", a, ctx), ctx) }
            // The leader invites a fifth account mid-October, and it checks in.
            let newcomer = try await Self.member("second.address@example.org", a, since: ctx.clock.now, ctx)
            let page = try await Self.checkIn(newcomer, who5: 0, ctx)
            #expect(page.contains("id=\"not-in-figures\""), "the newcomer is told their check-in is theirs alone")
            ctx.clock.advance(by: 34 * 86_400)
            let report = try await Self.report(a, as: Fixtures.leaderA, ctx)
            #expect(report.periods.first { $0.period == "2026-10" }?.total.shown != true)
            #expect(report.openPeriod.participants == 0)

            for email in ["t0@example.org", "t1@example.org", "t2@example.org", "t3@example.org", newcomer] { try await Self.checkIn(email, ctx) }
            ctx.clock.advance(by: 30 * 86_400)
            let later = try await Self.report(a, as: Fixtures.leaderA, ctx)
            #expect(later.periods.first { $0.period == "2026-11" }?.total.shown == true, "joined before November began: counts in November")
        }
    }

    @Test("Network: the reader's own and newcomers' check-ins do not make a school's figure, nor the total, appear; later check-ins move nothing")
    func networkFigures() async throws {
        try await withApp(clock: TestClock(Self.october)) { _, ctx in
            let a = ctx.fixtures.schoolA, b = ctx.fixtures.schoolB
            for i in 0..<6 { try await Self.checkIn(try await Self.member("a\(i)@example.org", a, ctx), ctx) }
            for i in 0..<3 { try await Self.checkIn(try await Self.member("b\(i)@example.org", b, ctx), ctx) }
            try await Self.checkIn(Fixtures.leaderB, ctx)
            try await Self.checkIn(try await Self.member("b.new@example.org", b, since: ctx.clock.now, ctx), ctx)
            ctx.clock.advance(by: 34 * 86_400)
            let before = try await Self.network(ctx.fixtures.network, ctx)
            let october = try #require(before.periods.first { $0.period == "2026-10" })
            let schoolB = try #require(october.schools.first { $0.schoolId == b })
            #expect(!schoolB.figure.shown, "three colleagues, the leader and a newcomer: too few that count")
            #expect(schoolB.participants == nil)
            #expect(!october.total.shown, "the total would give school B away as total minus school A")
            #expect(october.schools.first { $0.schoolId == a }?.figure.shown == true)

            try await Self.checkIn(try await Self.member("b.late@example.org", b, ctx), who5: 0, ctx)
            let after = try await Self.network(ctx.fixtures.network, ctx)
            let again = try #require(after.periods.first { $0.period == "2026-10" })
            #expect(again.total.shown == october.total.shown && again.schools.map(\.figure.count) == october.schools.map(\.figure.count))
        }
    }
}
