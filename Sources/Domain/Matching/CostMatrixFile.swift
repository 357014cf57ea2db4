import Foundation

/// A cost matrix in a CSV file, as `collegium match-costs` reads it: one row per mentee,
/// one column per mentor, a number per cell, an empty cell for a forbidden pair. A first
/// row of names and a first column of names are recognised and kept as labels.
/// Commas or semicolons separate cells (`CSVReader`); numbers use a decimal point.
public struct CostMatrixFile: Sendable, Equatable {
    public var costs: [[Double?]]
    public var rowLabels: [String]?
    public var columnLabels: [String]?

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case csv(String)
        case empty
        case notANumber(line: Int, column: Int, text: String)
        case raggedRow(line: Int, expected: Int, found: Int)
        case badCapacity(position: Int, text: String)

        public var description: String {
            switch self {
            case .csv(let reason): reason
            case .empty: "the file holds no costs"
            case .notANumber(let line, let column, let text): "line \(line), column \(column): \"\(text)\" is not a number"
            case .raggedRow(let line, let expected, let found): "line \(line) has \(found) cells where the first row has \(expected)"
            case .badCapacity(let position, let text): "capacity \(position): \"\(text)\" is not a whole number of 0 or more"
            }
        }
    }

    public init(csv text: String) throws {
        let rows: [CSVReader.Row]
        do { rows = try CSVReader.read(text).filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } } } catch {
            throw Problem.csv("\(error)")
        }
        guard var first = rows.first else { throw Problem.empty }
        func number(_ cell: String) -> Double? { Double(cell.trimmingCharacters(in: .whitespaces)) }
        func isText(_ cell: String) -> Bool {
            let trimmed = cell.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && number(trimmed) == nil
        }
        var data = rows
        // A row of names holds no number at all (a typo in a row of costs leaves numbers beside it).
        if first.fields.contains(where: isText) && !first.fields.contains(where: { number($0) != nil }) {
            data.removeFirst()
        } else {
            first = CSVReader.Row(line: 0, fields: [])
        }
        let labelled = !data.isEmpty && data.allSatisfy { isText($0.fields.first ?? "") }
        let width = data.first.map { $0.fields.count - (labelled ? 1 : 0) } ?? 0
        var costs: [[Double?]] = []
        for row in data {
            let cells = labelled ? Array(row.fields.dropFirst()) : row.fields
            guard cells.count == width else { throw Problem.raggedRow(line: row.line, expected: width, found: cells.count) }
            costs.append(
                try cells.enumerated().map { column, cell -> Double? in
                    let trimmed = cell.trimmingCharacters(in: .whitespaces)
                    if trimmed.isEmpty { return nil }
                    guard let value = number(trimmed), value.isFinite else {
                        throw Problem.notANumber(line: row.line, column: column + 1 + (labelled ? 1 : 0), text: trimmed)
                    }
                    return value
                })
        }
        guard !costs.isEmpty, width > 0 else { throw Problem.empty }
        self.costs = costs
        rowLabels = labelled ? data.map { $0.fields[0].trimmingCharacters(in: .whitespaces) } : nil
        columnLabels = first.fields.isEmpty ? nil : Array(first.fields.dropFirst(labelled ? 1 : 0)).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Capacities: whole numbers separated by commas, semicolons or line breaks.
    public static func capacities(_ text: String) throws -> [Int] {
        let parts = text.split(whereSeparator: { ",;\n\r\t".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return try parts.enumerated().map { index, part in
            guard let value = Int(part), value >= 0 else { throw Problem.badCapacity(position: index + 1, text: part) }
            return value
        }
    }
}
