import Domain
import Foundation

// `benchmarks/survey-report`'s Swift half. Generates RESPONSES responses × 40 Likert items
// (codes 1–5, about 3% unanswered) with a country (4) and a role (5) each, writes them as
// CSV for DuckDB (the path is the first argument), and times two different things:
//
// - the RECOUNT, the fair comparison with DuckDB: a fresh `SurveyTally` fed every raw
//   answer, then the full report (every question by country and by role: counts, mean,
//   median, standard deviation, suppression). DuckDB's GROUP BY does the same work over
//   the same rows, so these two are like with like. One warm-up, then RUNS runs.
// - the REPORT FROM KEPT COUNTS, what the product does: the counters are kept as
//   responses arrive (timed here per response as "ingest"), so a report reads counters,
//   never responses. Not comparable with DuckDB, which recounts.
//
// Prints JSON: both timings (median, min, max), the ingest cost, whether the kept counts
// and the recount give the same report, and every figure of the recount for the script
// to compare with DuckDB's, cell by cell.

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: survey-report-bench <csv-path> [responses] [runs]\n".utf8))
    exit(2)
}
let path = arguments[1]
let n = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let runs = max(arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5, 1)
let questions = 40, countries = 4, roles = 5
let groupingNames = ["country", "role"]

var random = SeededRandom(seed: 20_261_129)
var answers = [UInt8](repeating: 0, count: n * questions)
var groups = [UInt8](repeating: 0, count: n * 2)
for r in 0..<n {
    let country = Int.random(in: 0..<countries, using: &random), role = Int.random(in: 0..<roles, using: &random)
    groups[r * 2] = UInt8(country)
    groups[r * 2 + 1] = UInt8(role)
    for q in 0..<questions {
        // Each question leans its own way, each country a little differently.
        let roll = Int.random(in: 0..<100, using: &random)
        answers[r * questions + q] = roll < 3 ? 0 : UInt8(1 + (roll + q * 7 + country * 11) % 5)
    }
}

// The CSV DuckDB reads: country, role, q1…q40 (empty when unanswered).
var csv = "country,role," + (1...questions).map { "q\($0)" }.joined(separator: ",") + "\n"
csv.reserveCapacity(n * (questions * 2 + 6))
for r in 0..<n {
    csv += String(groups[r * 2]) + "," + String(groups[r * 2 + 1])
    for q in 0..<questions {
        let code = answers[r * questions + q]
        csv += code == 0 ? "," : "," + String(code)
    }
    csv += "\n"
}
try csv.write(toFile: path, atomically: false, encoding: .utf8)
csv = ""

func milliseconds(_ start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

/// Median, fastest and slowest of `runs` timed runs of `body`, after one untimed warm-up
/// (the first run pays for page faults and cold caches, which neither side should be charged).
/// On the main actor, as the top-level variables its bodies touch are (Swift 6).
@MainActor func timed(runs: Int, _ body: () -> Void) -> [String: Double] {
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        body()
        times.append(milliseconds(start))
    }
    times.sort()
    return ["median": times[times.count / 2], "min": times[0], "max": times[times.count - 1], "runs": Double(runs)]
}

/// Feeds every raw answer into `tally`, as responses arriving would.
@MainActor func count(into tally: inout SurveyTally) {
    answers.withUnsafeBufferPointer { buffer in
        for r in 0..<n {
            tally.add(
                answers: UnsafeBufferPointer(rebasing: buffer[(r * questions)..<((r + 1) * questions)]),
                groups: [Int(groups[r * 2]), Int(groups[r * 2 + 1])])
        }
    }
}

let guardian = AnonymityGuard(minimumGroup: PrivacyThresholds.figures)

// What the product does: counting as responses arrive…
var kept = SurveyTally(questions: questions, codes: 5, groupings: [countries, roles])
let ingestStart = ContinuousClock.now
count(into: &kept)
let ingestMs = milliseconds(ingestStart)

// …then the report from the kept counts.
var report: [[[SurveyTally.Figure]]] = []
let reportTimes = timed(runs: 21) { report = kept.report(guard: guardian) }

// Like with like: the full recount from the raw answers, the work DuckDB's GROUP BY does.
var recounted: [[[SurveyTally.Figure]]] = []
let recountTimes = timed(runs: runs) {
    var tally = SurveyTally(questions: questions, codes: 5, groupings: [countries, roles])
    count(into: &tally)
    recounted = tally.report(guard: guardian)
}

// Every figure of the recount, for the script to compare with DuckDB's:
// [question (1-based), grouping name, group value, n, mean, median, sd, [count of code 1…5]].
// A withheld group (none at this size) carries nothing, so it is only counted.
var figures: [[Any]] = []
var withheld = 0
for (q, byGrouping) in recounted.enumerated() {
    for (g, byValue) in byGrouping.enumerated() {
        for (v, figure) in byValue.enumerated() {
            guard figure.withheld == nil else {
                withheld += 1
                continue
            }
            figures.append([
                q + 1, groupingNames[g], v, figure.n,
                figure.mean ?? NSNull(), figure.median ?? NSNull(), figure.standardDeviation ?? NSNull(),
                (1...5).map { figure.counts[$0] ?? 0 },
            ])
        }
    }
}

/// The same figures to the last count, and the same statistics to 12 significant digits:
/// not `==`, since a `Distribution` sums its squares in its dictionary's order, which two
/// equal dictionaries need not share, so a standard deviation may differ in its last bit.
func sameReport(_ a: [[[SurveyTally.Figure]]], _ b: [[[SurveyTally.Figure]]]) -> Bool {
    func close(_ x: Double?, _ y: Double?) -> Bool {
        guard let x, let y else { return x == nil && y == nil }
        return abs(x - y) <= 1e-12 * max(abs(x), abs(y), 1)
    }
    let left = a.flatMap { $0.flatMap { $0 } }, right = b.flatMap { $0.flatMap { $0 } }
    return left.count == right.count
        && zip(left, right).allSatisfy { x, y in
            x.n == y.n && x.counts == y.counts && x.withheld == y.withheld
                && close(x.mean, y.mean) && close(x.median, y.median) && close(x.standardDeviation, y.standardDeviation)
        }
}

let output: [String: Any] = [
    "responses": n, "questions": questions,
    "ingestMillisecondsTotal": ingestMs, "ingestNanosecondsPerResponse": ingestMs * 1e6 / Double(n),
    "reportMilliseconds": reportTimes, "recountMilliseconds": recountTimes,
    "keptAgreesWithRecount": sameReport(report, recounted), "figures": figures, "withheld": withheld,
]
let json = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
