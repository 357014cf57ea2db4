import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The network's figures as its coordinator reads them, on the page and through the API:
/// the numbers themselves, worked out by hand below, not only that the page answered
/// (issue 15: both were checked by status alone).
@Suite("Well-being figures of a network")
struct WellbeingNetworkTests {
    /// School A: six check-ins, WHO-5 items at 4, 4, 4, 3, 3, 3 (scores 80, 80, 80, 60, 60, 60):
    /// mean 70, sample SD √(6·10²/5) = 10.95. School B: five at 2 (score 40): mean 40, SD 0.
    /// All eleven: mean 620/11 = 56.36, SD √((38 000 − 620²/11)/10) = 17.48. Every CBI item at 25:
    /// burnout 25, SD 0. WHO-5 bands: 50 and above is "high", 28–49 "middle".
    static func checkIns(_ ctx: TestContext) async throws {
        for (i, who5) in [4, 4, 4, 3, 3, 3].enumerated() {
            try await WellbeingReleaseTests.checkIn(try await WellbeingReleaseTests.member("a\(i)@example.org", ctx.fixtures.schoolA, ctx), who5: who5, ctx)
        }
        for i in 0..<5 {
            try await WellbeingReleaseTests.checkIn(try await WellbeingReleaseTests.member("b\(i)@example.org", ctx.fixtures.schoolB, ctx), who5: 2, ctx)
        }
        ctx.clock.advance(by: 34 * 86_400)  // 18 November: October has ended
    }

    /// The rows of the page's figure tables, each cell's text (tags dropped).
    static func rows(_ page: Browser.Page) -> [[String]] {
        page.body.matches(of: /<tr[^>]*>(.*?)<\/tr>/).map { row in
            String(row.1).matches(of: /<t[dh][^>]*>(.*?)<\/t[dh]>/).map { String($0.1).replacing(/<[^>]+>/, with: "") }
        }
    }

    @Test("The coordinator's page shows each school's count and figures and the network's, for the period that ended")
    func page() async throws {
        try await withApp(clock: TestClock(WellbeingReleaseTests.october)) { _, ctx in
            try await Self.checkIns(ctx)
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            let page = try await coordinator.get("/networks/\(ctx.fixtures.network)/wellbeing")
            #expect(page.status == .ok)
            #expect(page.contains("<h1>Staff well-being across Network N</h1>"))
            #expect(page.contains("<h2>October 2026</h2>"))
            #expect(
                Self.rows(page) == [
                    ["School", "Checked in", "Well-being", "Burnout"],
                    ["All schools", "11", "56 (SD 17)", "25 (SD 0)"],
                    ["School A", "6", "70 (SD 11)", "25 (SD 0)"],
                    ["School B", "5", "40 (SD 0)", "25 (SD 0)"],
                ])
            #expect(!page.contains("School C"), "another network's school")
            #expect(!page.contains("November 2026"), "the period under way shows no figures")

            let latvian = ctx.browser(language: "lv")
            try await latvian.login(Fixtures.coordinator)
            let lv = try await latvian.get("/networks/\(ctx.fixtures.network)/wellbeing")
            #expect(lv.contains("<h1>Darbinieku labbūtība tīklā Network N</h1>"))
            #expect(Self.rows(lv).dropFirst().first == ["Visas skolas", "11", "56 (SN 17)", "25 (SN 0)"])
        }
    }

    @Test("The API gives the coordinator the same figures: counts, means, SDs and bands per school and for the network")
    func api() async throws {
        try await withApp(clock: TestClock(WellbeingReleaseTests.october)) { _, ctx in
            try await Self.checkIns(ctx)
            let report = try await WellbeingReleaseTests.network(ctx.fixtures.network, ctx)
            #expect(report.networkId == ctx.fixtures.network)
            #expect(report.minimumGroup == 5)
            #expect(report.periods.map(\.period) == ["2026-10"], "the period under way has no figures")
            let october = try #require(report.periods.first)
            let total = october.total
            #expect(total.shown && total.count == 11)
            #expect(total.wellbeingMean == 56.4 && total.wellbeingSD == 17.5)
            #expect(total.burnoutMean == 25 && total.burnoutSD == 0)
            #expect(total.wellbeingBands == ["low": 0, "middle": 5, "high": 6])
            #expect(total.burnoutBands == ["low": 11, "middle": 0, "high": 0])
            #expect(october.schools.map(\.schoolName) == ["School A", "School B"])
            #expect(october.schools.map(\.schoolId) == [ctx.fixtures.schoolA, ctx.fixtures.schoolB])
            #expect(october.schools.map(\.participants) == [6, 5])
            #expect(october.schools.map(\.figure.wellbeingMean) == [70, 40])
            #expect(october.schools.map(\.figure.wellbeingSD) == [11, 0])
            #expect(october.schools.map(\.figure.burnoutMean) == [25, 25])
            #expect(october.schools.map(\.figure.wellbeingBands) == [["low": 0, "middle": 0, "high": 6], ["low": 0, "middle": 5, "high": 0]])
        }
    }
}
