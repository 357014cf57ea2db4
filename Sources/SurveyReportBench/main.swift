import Domain
import Foundation

// Generates RESPONSES responses × 40 Likert items (codes 1–5, about 3% unanswered) with a
// country (4) and a role (5) each, writes them as CSV for DuckDB (the path is the first
// argument), counts them as they "arrive" into a `SurveyTally`, then times the full report
// (every question by country and by role, with statistics and suppression) from the kept
// counts, and, for comparison, a recount from the raw answers. Prints JSON.

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: survey-report-bench <csv-path> [responses]\n".utf8))
    exit(2)
}
let path = arguments[1]
let n = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let questions = 40, countries = 4, roles = 5

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

// Counting as responses arrive.
var tally = SurveyTally(questions: questions, codes: 5, groupings: [countries, roles])
let ingestStart = ContinuousClock.now
answers.withUnsafeBufferPointer { buffer in
    for r in 0..<n {
        tally.add(answers: UnsafeBufferPointer(rebasing: buffer[(r * questions)..<((r + 1) * questions)]),
                  groups: [Int(groups[r * 2]), Int(groups[r * 2 + 1])])
    }
}
let ingestMs = milliseconds(ingestStart)

// The report from the kept counts: median of 21 runs.
let guardian = AnonymityGuard(minimumGroup: 5)
var times: [Double] = []
var report: [[[SurveyTally.Figure]]] = []
for _ in 0..<21 {
    let start = ContinuousClock.now
    report = guardian.minimumGroup > 0 ? tally.report(guard: guardian) : []
    times.append(milliseconds(start))
}
times.sort()

// For comparison: the same counts recomputed from the raw answers.
let scanStart = ContinuousClock.now
var scan = SurveyTally(questions: questions, codes: 5, groupings: [countries, roles])
answers.withUnsafeBufferPointer { buffer in
    for r in 0..<n {
        scan.add(answers: UnsafeBufferPointer(rebasing: buffer[(r * questions)..<((r + 1) * questions)]),
                 groups: [Int(groups[r * 2]), Int(groups[r * 2 + 1])])
    }
}
_ = scan.report(guard: guardian)
let scanMs = milliseconds(scanStart)

// Counts for the comparison with DuckDB: q1 by country, q40 by role.
let check = [
    "q1_country0": report[0][0][0].counts.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ","),
    "q40_role4": report[39][1][4].counts.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ","),
]
let output: [String: Any] = [
    "responses": n, "questions": questions,
    "ingestMillisecondsTotal": ingestMs, "ingestNanosecondsPerResponse": ingestMs * 1e6 / Double(n),
    "reportMillisecondsMedian": times[times.count / 2], "recountMilliseconds": scanMs, "check": check,
]
let json = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
