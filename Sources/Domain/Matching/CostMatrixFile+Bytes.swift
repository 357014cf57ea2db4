/// Reading a cost matrix straight from the file's bytes (issue 16, point 9). A 1000 × 1000
/// matrix is a million cells: read as Swift `Character`s through `CSVReader` (quotes, grapheme
/// clusters, a `String` per cell) it took seconds for a solve of milliseconds. Most files are
/// plain numbers, so those are read here byte by byte; anything else (a quote, a name, a
/// character outside ASCII, a row of another length) goes the general way, which also words
/// the problems. Both ways give the same matrix for the same file (`CostMatrixFileTests`).
extension CostMatrixFile {
    /// `bytes` as the file holds them (UTF-8, with or without a byte order mark).
    public init(bytes: [UInt8]) throws {
        if let costs = Self.plainNumbers(bytes), let first = costs.first, !first.isEmpty {
            self.init(costs: costs)
        } else {
            // A file in another encoding (a spreadsheet's Windows-1257 export, say) is refused,
            // not read with its names garbled.
            guard let text = String(validating: bytes, as: UTF8.self) else { throw Problem.csv("the file is not UTF-8 text: save it as CSV UTF-8") }
            try self.init(csv: text)
        }
    }

    init(costs: [[Double?]]) {
        self.costs = costs
        rowLabels = nil
        columnLabels = nil
    }

    /// The matrix when every cell is a number or empty and every row as long as the first;
    /// nil when the general reader must decide.
    public static func plainNumbers(_ bytes: [UInt8]) -> [[Double?]]? {
        let comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";"), newline = UInt8(ascii: "\n"), ret = UInt8(ascii: "\r")
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        // The separator, as CSVReader chooses it: semicolons when the first line has more of them.
        var commas = 0, semicolons = 0, i = start
        while i < bytes.count, bytes[i] != newline, !(bytes[i] == ret && i + 1 < bytes.count && bytes[i + 1] == newline) {
            if bytes[i] == comma { commas += 1 } else if bytes[i] == semicolon { semicolons += 1 }
            i += 1
        }
        let separator = semicolons > commas ? semicolon : comma
        var rows: [[Double?]] = []
        var row: [Double?] = []
        var width: Int?
        var cellStart = start, allEmpty = true
        i = start
        while i <= bytes.count {
            let byte: UInt8 = i < bytes.count ? bytes[i] : newline
            if byte == separator || byte == newline || byte == ret {
                guard let cell = number(bytes, from: cellStart, to: i) else { return nil }
                if cell != nil { allEmpty = false }
                row.append(cell)
                if byte != separator {
                    // A row of empty cells is skipped, as the general reader skips it.
                    if !allEmpty {
                        if width == nil { width = row.count }
                        guard row.count == width else { return nil }
                        rows.append(row)
                    }
                    row.removeAll(keepingCapacity: true)
                    allEmpty = true
                    if byte == ret, i + 1 < bytes.count, bytes[i + 1] == newline { i += 1 }
                }
                cellStart = i + 1
            } else if byte >= 0x80 || byte == UInt8(ascii: "\"") {
                return nil
            }
            i += 1
        }
        return rows.isEmpty ? nil : rows
    }

    /// A cell between `from` and `to`: `.some(nil)` when empty, `.some(value)` for a finite
    /// number, nil when it is anything else.
    private static func number(_ bytes: [UInt8], from: Int, to: Int) -> Double?? {
        var a = from, b = to
        while a < b, bytes[a] == 0x20 || bytes[a] == 0x09 { a += 1 }
        while b > a, bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 { b -= 1 }
        if a == b { return .some(nil) }
        // Whole numbers of up to 15 digits are exact in a Double: read them here.
        var negative = false, j = a
        if bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { negative = bytes[j] == UInt8(ascii: "-"); j += 1 }
        if j < b, b - j <= 15 {
            var value = 0, digits = true
            for k in j..<b {
                let d = bytes[k] &- UInt8(ascii: "0")
                guard d < 10 else { digits = false; break }
                value = value * 10 + Int(d)
            }
            if digits { return .some(negative ? -Double(value) : Double(value)) }
        }
        // Decimals and exponents: the standard library's reading, as the general reader uses.
        var text = ""
        text.unicodeScalars.reserveCapacity(b - a)
        for k in a..<b { text.unicodeScalars.append(Unicode.Scalar(bytes[k])) }
        guard let value = Double(text), value.isFinite else { return nil }
        return .some(value)
    }
}
