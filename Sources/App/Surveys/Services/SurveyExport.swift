import Domain
import Fluent
import Foundation
import Vapor

/// The downloads researchers expect: the responses as CSV (one row per response, coded
/// values), its codebook, and the SPSS syntax and R script that read the CSV with its
/// labels. For an anonymous survey the background attributes a row carries are protected
/// by `ExportAnonymizer` (the codebook says which were withheld and why), dates are months,
/// and with fewer than five responses no row is exported.
struct SurveyExport {
    /// Missing codes, as in the codebook.
    static let notAnswered = "-99"
    static let notAsked = "-98"

    struct Attribute {
        var name: String
        var label: String
    }

    let survey: Survey
    let definition: SurveyDefinition
    let responses: [SurveyResponse]
    let language: String
    let schoolNames: [UUID: String]
    let emails: [UUID: String]
    /// The reader's minimum groups (raised when they answered the survey themselves).
    var thresholds = SurveyReport.Thresholds.standard
    /// Wording changed after the first answer, listed in the codebook.
    var corrections: [SurveyCorrection] = []

    /// The export of a survey's released responses (none before it has ended), with the names
    /// of their schools and, for an identified survey, the respondents' emails.
    static func load(_ survey: Survey, req: Request) async throws -> SurveyExport {
        let responses = try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == survey.requireID()).filter(\.$released == true).all()
        let schools = try await School.query(on: req.db).filter(\.$id ~~ Array(Set(responses.compactMap { $0.$school.id }))).all()
        var emails: [UUID: String] = [:]
        if !survey.anonymous {
            for user in try await User.query(on: req.db).filter(\.$id ~~ responses.compactMap { $0.$user.id }).all() { emails[user.id ?? UUID()] = user.email }
        }
        var export = SurveyExport(
            survey: survey, definition: try survey.definition, responses: responses, language: req.localizer.language.rawValue,
            schoolNames: Dictionary(schools.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a }),
            emails: emails)
        export.thresholds = try await SurveyReport.readerThresholds(survey, req: req)
        export.corrections = try await SurveyCorrection.query(on: req.db).filter(\.$survey.$id == survey.requireID()).sort(\.$madeOn).all()
        return export
    }

    /// Text questions whose answers are exported: in an anonymous survey only those with at
    /// least the report's minimum for free text (`PrivacyThresholds.freeText`), as on the
    /// report; fewer are withheld whole (issue 14, class 4).
    var shownTexts: Set<String> {
        var shown = Set<String>()
        for (_, q) in definition.questions where q.kind.isText {
            let given = responses.filter { !($0.answers[q.variable] ?? "").isEmpty }.count
            if !survey.anonymous || given >= thresholds.freeText { shown.insert(q.variable) }
        }
        return shown
    }

    /// Background attributes, from the most general to the most specific.
    var attributeOrder: [Attribute] {
        [
            Attribute(name: "meta_country", label: "Country (ISO 3166 code)"), Attribute(name: "meta_role", label: "Role in the school"),
            Attribute(name: "meta_language", label: "Language the survey was answered in"),
            Attribute(name: survey.anonymous ? "meta_month" : "meta_submitted", label: survey.anonymous ? "Month submitted (YYYY-MM)" : "Date submitted"),
            Attribute(name: "meta_school", label: "School"),
        ]
    }

    func background(_ r: SurveyResponse) -> [String: String] {
        var values: [String: String] = [
            "meta_country": r.country, "meta_role": r.role, "meta_language": r.language,
            "meta_school": r.$school.id.flatMap { schoolNames[$0] } ?? "",
        ]
        if survey.anonymous { values["meta_month"] = String(r.submittedOn.prefix(7)) } else { values["meta_submitted"] = r.submittedOn }
        return values
    }

    /// What is exported of the background, and of the rows.
    var decision: ExportAnonymizer.Decision {
        let order = attributeOrder.map(\.name)
        guard survey.anonymous else { return .init(kept: order, withheld: []) }
        return ExportAnonymizer.protect(records: responses.map(background), order: order, minimum: thresholds.figures)
    }

    var exportsRows: Bool { !survey.anonymous || responses.count >= thresholds.figures }

    /// Column names: the response number, kept attributes, the email for an identified
    /// survey, then one column per export variable.
    func columns(_ decision: ExportAnonymizer.Decision) -> [String] {
        ["response"] + decision.kept + (survey.anonymous ? [] : ["meta_email"]) + definition.exportVariables
    }

    /// The responses, one row each, written in `format` (plain for R and SPSS, or as a
    /// spreadsheet opens it): the same rows and the same protections either way.
    func csv(_ format: CSVFormat = .plain) -> String {
        let decision = decision
        var lines = [format.line(columns(decision))]
        guard exportsRows else { return format.file(lines) }
        let texts = shownTexts
        // Rows in a stable order that says nothing about when each came: by their answers.
        let rows = responses.sorted { $0.answersJSON < $1.answersJSON }
        for (index, response) in rows.enumerated() {
            let values = background(response)
            let answers = definition.pruned(response.answers)
            var row = [String(index + 1)] + decision.kept.map { values[$0] ?? "" }
            if !survey.anonymous { row.append(response.$user.id.flatMap { emails[$0] } ?? "") }
            for (_, q) in definition.questions {
                let shown = definition.isShown(q, given: answers)
                let names: [String] =
                    switch q.kind {
                    case .matrix: q.rows.map(\.variable)
                    case .multipleChoice: q.options.map { q.variable + "_" + String($0.value) }
                    default: [q.variable]
                    }
                for name in names {
                    if q.kind.isText && !texts.contains(q.variable) {
                        row.append("")
                    } else if let value = answers[name] {
                        row.append(q.kind == .number ? format.number(value) : value)
                    } else if q.kind.isText {
                        row.append("")
                    } else {
                        row.append(shown ? Self.notAnswered : Self.notAsked)
                    }
                }
            }
            lines.append(format.line(row))
        }
        return format.file(lines)
    }

    func text(_ t: LocalizedText) -> String { t.text(language, fallback: definition.baseLanguage) }

    /// One entry per exported column: name, label, kind, value labels, missing codes.
    struct Entry {
        var variable: String
        var label: String
        var type: String
        var values: [(code: String, label: String)]
        var missing: Bool
        var ordinal: Bool
    }

    func entries(_ decision: ExportAnonymizer.Decision) -> [Entry] {
        var result = [
            Entry(variable: "response", label: "Response number (in no particular order)", type: "number", values: [], missing: false, ordinal: false)
        ]
        for attribute in attributeOrder where decision.kept.contains(attribute.name) {
            result.append(Entry(variable: attribute.name, label: attribute.label, type: "text", values: [], missing: false, ordinal: false))
        }
        if !survey.anonymous {
            result.append(Entry(variable: "meta_email", label: "Email of the respondent", type: "text", values: [], missing: false, ordinal: false))
        }
        for (_, q) in definition.questions {
            let values = q.options.map { (String($0.value), text($0.label)) }
            switch q.kind {
            case .matrix:
                for row in q.rows {
                    result.append(
                        Entry(
                            variable: row.variable, label: text(q.text) + " – " + text(row.text), type: "number", values: values, missing: true, ordinal: true))
                }
            case .multipleChoice:
                for option in q.options {
                    result.append(
                        Entry(
                            variable: q.variable + "_" + String(option.value), label: text(q.text) + " – " + text(option.label), type: "number",
                            values: [("0", "not chosen"), ("1", "chosen")], missing: true, ordinal: false))
                }
            case .likert, .singleChoice:
                result.append(Entry(variable: q.variable, label: text(q.text), type: "number", values: values, missing: true, ordinal: q.kind == .likert))
            case .number:
                result.append(Entry(variable: q.variable, label: text(q.text), type: "number", values: [], missing: true, ordinal: false))
            case .shortText, .longText:
                result.append(Entry(variable: q.variable, label: text(q.text), type: "text", values: [], missing: false, ordinal: false))
            }
        }
        return result
    }

    /// The codebook in `format`; its notes follow the variables, one `# …` line each.
    func codebook(_ format: CSVFormat = .plain) -> String {
        let decision = decision
        var lines = [format.line(["variable", "label", "type", "values", "missing"])]
        for e in entries(decision) {
            let values = e.values.map { $0.code + "=" + $0.label }.joined(separator: "; ")
            lines.append(
                format.line([
                    e.variable, e.label, e.type, values,
                    e.missing ? "\(Self.notAnswered)=not answered; \(Self.notAsked)=not asked (its condition was not met)" : "",
                ]))
        }
        var notes: [String] = []
        if survey.anonymous {
            notes.append("The survey is anonymous: no names, addresses or times of day are kept; dates are given as months.")
            for name in decision.withheld {
                notes.append(
                    "\(name) is withheld: exported with the other attributes it would leave a combination shared by fewer than \(thresholds.figures) respondents."
                )
            }
            if !exportsRows { notes.append("Fewer than \(thresholds.figures) responses: no rows are exported.") }
            let texts = shownTexts
            for (_, q) in definition.questions where q.kind.isText && !texts.contains(q.variable) {
                notes.append("\(q.variable) is withheld: fewer than \(thresholds.freeText) people answered it in words.")
            }
        }
        for c in corrections {
            let line = "Corrected on \(c.madeOn) (\(c.language), \(c.textKey)): \"\(c.before)\" became \"\(c.after)\". Reason: \(c.reason)"
            notes.append(line.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))
        }
        notes.append("Text answers are empty when not given. Rows are in no particular order.")
        // Plain notes stay as they were, for readers that skip `#` lines (R's comment.char); a
        // spreadsheet gets each note whole in one cell.
        return format.file(lines + notes.map { format == .plain ? "# " + $0 : format.line(["# " + $0]) })
    }

    static func spssString(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\n", with: " ") + "'" }

    func spss(csvName: String) -> String {
        let entries = entries(decision)
        var out = [
            "* SPSS syntax for \(csvName), written by Collegium.", "* Set the path in FILE to where you saved the CSV.",
            "GET DATA /TYPE=TXT /FILE='\(csvName)' /ENCODING='UTF8' /DELCASE=LINE /DELIMITERS=',' /QUALIFIER='\"'",
            "  /ARRANGEMENT=DELIMITED /FIRSTCASE=2 /VARIABLES=",
        ]
        out += entries.map { "  \($0.variable) \($0.type == "number" ? "F8.2" : "A5000")" }
        out[out.count - 1] += "."
        out.append("VARIABLE LABELS")
        out += entries.enumerated().map { i, e in "  \(e.variable) \(Self.spssString(e.label))" + (i == entries.count - 1 ? "." : "") }
        let labelled = entries.filter { !$0.values.isEmpty }
        if !labelled.isEmpty {
            out.append("VALUE LABELS")
            for (i, e) in labelled.enumerated() {
                out.append("  " + (i == 0 ? "" : "/") + e.variable + " " + e.values.map { $0.code + " " + Self.spssString($0.label) }.joined(separator: " "))
            }
            out[out.count - 1] += "."
        }
        let withMissing = entries.filter(\.missing).map(\.variable)
        if !withMissing.isEmpty { out.append("MISSING VALUES " + withMissing.joined(separator: " ") + " (\(Self.notAnswered), \(Self.notAsked)).") }
        let ordinal = entries.filter(\.ordinal).map(\.variable)
        if !ordinal.isEmpty { out.append("VARIABLE LEVEL " + ordinal.joined(separator: " ") + " (ORDINAL).") }
        out.append("EXECUTE.")
        return out.joined(separator: "\n") + "\n"
    }

    static func rString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: " ") + "\""
    }

    func r(csvName: String) -> String {
        let entries = entries(decision)
        var out = [
            "# R script for \(csvName), written by Collegium.", "# Reads the responses with their labels; missing codes become NA.",
            "d <- read.csv(\(Self.rString(csvName)), encoding = \"UTF-8\", stringsAsFactors = FALSE,",
            "              na.strings = c(\"\(Self.notAnswered)\", \"\(Self.notAsked)\"))",
        ]
        for e in entries {
            if !e.values.isEmpty {
                out.append(
                    "d$\(e.variable) <- factor(d$\(e.variable), levels = c(\(e.values.map(\.code).joined(separator: ", "))), labels = c("
                        + e.values.map { Self.rString($0.label) }.joined(separator: ", ") + ")" + (e.ordinal ? ", ordered = TRUE" : "") + ")")
            }
            out.append("attr(d$\(e.variable), \"label\") <- \(Self.rString(e.label))")
        }
        out.append("str(d)")
        return out.joined(separator: "\n") + "\n"
    }
}
