import Domain
import Foundation

extension SurveyExport {
    /// How a CSV is written: the plain one that R, SPSS and other statistics programs read,
    /// or one that a spreadsheet opens straight into columns (issue 18, point 5).
    ///
    /// Excel splits a CSV at the list separator of the computer's region, which is `;`
    /// wherever the decimal mark is a comma (Latvia, Czechia, Italy, Greece, Georgia and
    /// most of Europe), and reads the file as UTF-8 only when it starts with a byte order
    /// mark; without both a Latvian spreadsheet shows one column of broken letters.
    struct CSVFormat: Equatable, Sendable {
        var separator: Character = ","
        /// Written in place of the `.` of a number's answer.
        var decimalMark = "."
        var byteOrderMark = false

        /// RFC 4180, as the SPSS syntax and the R script read it.
        static let plain = CSVFormat()

        /// As Excel opens it in `language`'s region: that region's decimal mark, `;` between
        /// fields where the decimal mark is a comma, and a byte order mark. Lines end in CRLF
        /// in both formats.
        static func spreadsheet(_ language: Language) -> CSVFormat {
            let mark = FormatterCache.shared.decimalSeparator(locale: language.localeIdentifier)
            return CSVFormat(separator: mark == "," ? ";" : ",", decimalMark: mark, byteOrderMark: true)
        }

        /// One line of fields, each quoted where it must be.
        func line(_ fields: [String]) -> String { fields.map(quote).joined(separator: String(separator)) }

        /// A field, quoted when it holds the separator, a quote or a line break. A leading `=`,
        /// `+`, `-` or `@` would run as a formula in a spreadsheet (CSV injection), so such a
        /// text starts with `'`; numbers, including negative missing codes, stay as they are.
        func quote(_ value: String) -> String {
            var v = value
            let isNumber = Double(decimalMark == "." ? v : v.replacingOccurrences(of: decimalMark, with: ".")) != nil
            if let first = v.first, "=+@".contains(first) || (first == "-" && !isNumber) { v = "'" + v }
            return v.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || v != value
                ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
        }

        /// The whole file: lines ending in CRLF, after the byte order mark if there is one.
        func file(_ lines: [String]) -> String { (byteOrderMark ? "\u{FEFF}" : "") + lines.map { $0 + "\r\n" }.joined() }

        /// A number's answer (stored as `2.5`) with the decimal mark of the format.
        func number(_ value: String) -> String {
            decimalMark == "." || Double(value) == nil ? value : value.replacingOccurrences(of: ".", with: decimalMark)
        }
    }
}
