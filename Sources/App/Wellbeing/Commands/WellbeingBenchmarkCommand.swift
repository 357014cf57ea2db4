import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// `collegium bench-wellbeing [--schools 100] [--staff 200] [--periods 24] [--runs 20]`:
/// times the network-wide well-being figures (the grouped query plus the guard) on a
/// throwaway SQLite database filled with synthetic check-ins. Run it through
/// `benchmarks/wellbeing-aggregate` against a database of its own, never a real one.
struct WellbeingBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "schools") var schools: Int?
        @Option(name: "staff") var staff: Int?
        @Option(name: "periods") var periods: Int?
        @Option(name: "runs") var runs: Int?
        init() {}
    }

    var help: String { "Times the network-wide well-being aggregate on synthetic data (benchmark)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let schoolCount = signature.schools ?? 100, staff = signature.staff ?? 200
        let periodCount = signature.periods ?? 24, runs = signature.runs ?? 20
        try await SchemaSetup.migrate(app)
        guard let sql = app.db as? any SQLDatabase else { return }

        let fill = Date()
        let network = Network(name: "Benchmark network \(UUID().uuidString.prefix(8))")
        try await network.save(on: app.db)
        var schools: [School] = []
        for i in 0..<schoolCount {
            let school = School(
                name: "Benchmark school \(i)", code: "BENCH-\(UUID().uuidString.prefix(8))", country: "LV",
                city: "Rīga", language: "lv", networkID: network.id)
            try await school.save(on: app.db)
            schools.append(school)
        }
        var random = SeededRandom(seed: 7)
        let periods = (0..<periodCount).map { String(format: "%04d-%02d", 2000 + $0 / 12, $0 % 12 + 1) }
        for school in schools {
            let schoolID = try school.requireID()
            // One statement per school and period (200 rows): quick enough without a transaction.
            do {
                for period in periods {
                    var rows: [[any SQLExpression]] = []
                    for person in 0..<staff {
                        let category = person < 10 ? "leadership" : (person < 30 ? "support" : "teaching")
                        rows.append([
                            SQLBind(UUID()), SQLBind(period), SQLBind(category),
                            SQLBind(Double(random.next() % 26) * 4), SQLBind(Double(random.next() % 5) * 25), SQLBind(schoolID),
                        ])
                    }
                    try await sql.insert(into: WellbeingAnswer.schema)
                        .columns("id", "period", "category", "wellbeing", "burnout", "school_id")
                        .rows(rows).run()
                }
            }
        }
        try await WellbeingCells.rebuild(on: app.db)
        context.console.print("filled \(schoolCount * staff * periodCount) check-ins in \(String(format: "%.1f", Date().timeIntervalSince(fill))) s")

        let now = Date(timeIntervalSince1970: 4_102_444_800)  // 2100: every period has ended
        var timings: [Double] = []
        var shown = 0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let figures = try await WellbeingFigures.load(family: schools, now: now, on: app.db)
            let report = try figures.networkReport(network)
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            shown = report.periods.reduce(0) { $0 + $1.schools.filter(\.figure.shown).count }
        }
        timings.sort()
        // The guard alone, on the same number of cells, to tell it apart from the database.
        var cells: [WellbeingReport<String>.Cell] = []
        let schoolKeys = try schools.map { try $0.requireID().uuidString }
        for school in schoolKeys {
            for period in periods {
                for (category, n) in [(StaffCategory.leadership, 10), (.support, 20), (.teaching, staff - 30)] {
                    var stats = CheckInStats()
                    for _ in 0..<max(0, n) { stats.add(CheckInScores(wellbeing: 60, burnout: 40)) }
                    cells.append(.init(school: school, category: category, period: period, stats: stats))
                }
            }
        }
        var guardTimings: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = WellbeingReport(cells: cells, schools: schoolKeys, minimumGroup: 5)
            guardTimings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        guardTimings.sort()
        // Reading the running sums alone (the query and turning rows into values).
        let ids = try schools.map { try $0.requireID() }
        var readTimings: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try await WellbeingCells.read(schoolIDs: ids, on: app.db)
            readTimings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        readTimings.sort()
        context.console.print(
            String(
                format: "of which reading the %d cells: median %.1f ms; the guard and figures over them: median %.1f ms",
                cells.count, readTimings[readTimings.count / 2], guardTimings[guardTimings.count / 2]))
        context.console.print(
            String(
                format:
                    "network-wide aggregate, %d schools × %d staff × %d periods: median %.1f ms, best %.1f ms, worst %.1f ms over %d runs (%d school figures shown)",
                schoolCount, staff, periodCount, timings[timings.count / 2], timings.first!, timings.last!, runs, shown))
    }
}
