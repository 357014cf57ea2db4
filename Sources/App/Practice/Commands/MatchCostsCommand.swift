import Domain
import Foundation
import Vapor

/// `collegium match-costs FILE.csv [--capacity FILE]`: the mentoring solver on any cost
/// matrix, so anyone can check it against another solver (see `benchmarks/match-costs`).
/// Rows are mentees, columns mentors, a cell the cost of that pair, an empty cell a
/// forbidden pair; `--capacity` gives each mentor's number of places (default 1). Prints
/// JSON: the assignment (0-based row and column, as scipy's `linear_sum_assignment`
/// gives them), its total cost, and the solver's time. A bad file exits with 65.
struct MatchCostsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
        @Option(name: "capacity", help: "A file of capacities, one per column") var capacity: String?
        init() {}
    }

    var help: String { "Solves a mentee × mentor cost matrix (CSV) and prints the optimal assignment as JSON." }

    struct Output: Encodable {
        struct Pair: Encodable {
            var row: Int
            var column: Int?
            var cost: Double?
            var rowLabel: String?
            var columnLabel: String?

            /// An unmatched row says `"column": null` rather than leaving the key out.
            func encode(to encoder: any Encoder) throws {
                enum Key: String, CodingKey { case row, column, cost, rowLabel, columnLabel }
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(row, forKey: .row)
                try container.encode(column, forKey: .column)
                try container.encode(cost, forKey: .cost)
                try container.encodeIfPresent(rowLabel, forKey: .rowLabel)
                try container.encodeIfPresent(columnLabel, forKey: .columnLabel)
            }
        }
        var rows: Int
        var columns: Int
        var assigned: Int
        var totalCost: Double
        var solveMilliseconds: Double
        var assignment: [Pair]
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        do {
            let file = try CostMatrixFile(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: signature.file))))
            let capacities = try signature.capacity.map { try CostMatrixFile.capacities(try String(contentsOfFile: $0, encoding: .utf8)) }
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try Matching.solve(costs: file.costs, capacities: capacities)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            let output = Output(
                rows: file.costs.count, columns: file.costs.first?.count ?? 0, assigned: result.matchedCount,
                totalCost: result.totalCost, solveMilliseconds: (elapsed * 10).rounded() / 10,
                assignment: result.mentorOf.enumerated().map { row, column in
                    Output.Pair(
                        row: row, column: column, cost: column.flatMap { file.costs[row][$0] },
                        rowLabel: file.rowLabels?[row], columnLabel: column.flatMap { file.columnLabels?[$0] })
                })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(output) + Data("\n".utf8))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile || error.code == .fileReadUnknown {
            FileHandle.standardError.write(Data("match-costs: cannot read the file: \(error.localizedDescription)\n".utf8))
            exit(66)  // EX_NOINPUT
        } catch let problem as CostMatrixFile.Problem {
            FileHandle.standardError.write(Data("match-costs: \(problem)\n".utf8))
            exit(65)  // EX_DATAERR
        } catch let problem as Matching.Problem {
            FileHandle.standardError.write(Data("match-costs: \(problem)\n".utf8))
            exit(65)
        }
    }
}
