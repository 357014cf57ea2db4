import Foundation

/// Validates a staff roster file before anything is written: the whole file is checked,
/// every bad row is reported with its line and reason, and only a file without problems
/// is imported (all rows or none).
///
/// Columns follow OneRoster 1.2 `users.csv` names where one exists (`givenName`,
/// `familyName`, `email`, `role`) plus `school`, the school's code as Collegium shows
/// it. Headers are matched without regard to case, spaces or underscores.
public struct RosterImport: Sendable {
    public struct Row: Equatable, Sendable {
        public var line: Int
        public var givenName: String
        public var familyName: String
        public var email: EmailAddress
        public var role: SchoolRole
        /// The school code as written in the file, normalised to lower case.
        public var schoolCode: String
        /// The optional `language` column: the language of the person's invitation e-mail
        /// (nil: the school's).
        public var language: Language? = nil
    }

    public enum Column: String, CaseIterable, Sendable {
        case givenName, familyName, email, role, school
    }

    public enum Problem: Equatable, Sendable, Error {
        case emptyFile
        case unreadable(line: Int)
        case missingColumns([Column])
        case missingValue(line: Int, column: Column)
        case invalidEmail(line: Int, value: String)
        case unknownRole(line: Int, value: String)
        case unknownSchool(line: Int, value: String)
        case duplicateEmail(line: Int, firstLine: Int)
        case wrongFieldCount(line: Int, expected: Int, found: Int)
        case tooManyRows(maximum: Int)
        case alreadyMember(line: Int, email: String)
        /// A name that breaks `PersonName`'s rule (too long, or a control or bidi character).
        case invalidName(line: Int, column: Column, problem: PersonName.Problem)
        /// A `language` value that is not one of Collegium's languages' codes.
        case unknownLanguage(line: Int, value: String)

        public var line: Int? {
            switch self {
            case .emptyFile, .missingColumns, .tooManyRows: nil
            case .unreadable(let line), .missingValue(let line, _), .invalidEmail(let line, _),
                .unknownRole(let line, _), .unknownSchool(let line, _), .duplicateEmail(let line, _),
                .wrongFieldCount(let line, _, _), .alreadyMember(let line, _), .invalidName(let line, _, _),
                .unknownLanguage(let line, _):
                line
            }
        }
    }

    public static let maximumRows = 5_000

    /// `schoolCodes` are the codes of the schools the importing person may add staff to;
    /// `existingMembers` are people who already belong there (they need no invitation).
    public static func validate(
        _ text: String, schoolCodes: Set<String>, existingMembers: Set<EmailAddress> = []
    ) -> Result<[Row], ProblemList> {
        let records: [CSVReader.Row]
        do { records = try CSVReader.read(text) } catch {
            if case .unterminatedQuote(let line) = error { return .failure(.init([.unreadable(line: line)])) }
            return .failure(.init([.emptyFile]))
        }
        guard let header = records.first else { return .failure(.init([.emptyFile])) }
        let columnIndex = indexColumns(header.fields)
        // Optional: a file without it invites everyone in the school's language.
        let languageIndex = header.fields.firstIndex { $0.lowercased().filter(\.isLetter) == "language" }
        let missing = Column.allCases.filter { columnIndex[$0] == nil }
        if !missing.isEmpty { return .failure(.init([.missingColumns(missing)])) }
        let body = records.dropFirst()
        if body.isEmpty { return .failure(.init([.emptyFile])) }
        if body.count > maximumRows { return .failure(.init([.tooManyRows(maximum: maximumRows)])) }

        let knownSchools = Set(schoolCodes.map { $0.lowercased() })
        var rows: [Row] = []
        var problems: [Problem] = []
        var firstLineOfEmail: [EmailAddress: Int] = [:]
        for record in body {
            if record.fields.count != header.fields.count {
                problems.append(.wrongFieldCount(line: record.line, expected: header.fields.count, found: record.fields.count))
                continue
            }
            func value(_ column: Column) -> String {
                record.fields[columnIndex[column]!].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            var rowProblems: [Problem] = []
            for column in Column.allCases where value(column).isEmpty {
                rowProblems.append(.missingValue(line: record.line, column: column))
            }
            // Names are shown on colleagues' pages: the one rule for people's names applies.
            for column in [Column.givenName, .familyName] where !value(column).isEmpty {
                if case .failure(let problem) = PersonName.validate(value(column)) {
                    rowProblems.append(.invalidName(line: record.line, column: column, problem: problem))
                }
            }
            let email = EmailAddress(value(.email))
            if email == nil && !value(.email).isEmpty {
                rowProblems.append(.invalidEmail(line: record.line, value: value(.email)))
            }
            let role = SchoolRole(rosterValue: value(.role))
            if role == nil && !value(.role).isEmpty {
                rowProblems.append(.unknownRole(line: record.line, value: value(.role)))
            }
            let school = value(.school).lowercased()
            if !school.isEmpty && !knownSchools.contains(school) {
                rowProblems.append(.unknownSchool(line: record.line, value: value(.school)))
            }
            if let email, existingMembers.contains(email) {
                rowProblems.append(.alreadyMember(line: record.line, email: email.value))
            }
            if let email, let first = firstLineOfEmail[email] {
                rowProblems.append(.duplicateEmail(line: record.line, firstLine: first))
            } else if let email {
                firstLineOfEmail[email] = record.line
            }
            let languageValue = languageIndex.map { record.fields[$0].trimmingCharacters(in: .whitespacesAndNewlines).lowercased() } ?? ""
            let language = Language(rawValue: languageValue)
            if language == nil && !languageValue.isEmpty {
                rowProblems.append(.unknownLanguage(line: record.line, value: languageValue))
            }
            if rowProblems.isEmpty, let email, let role {
                rows.append(
                    Row(
                        line: record.line, givenName: value(.givenName), familyName: value(.familyName),
                        email: email, role: role, schoolCode: school, language: language))
            }
            problems += rowProblems
        }
        return problems.isEmpty ? .success(rows) : .failure(.init(problems))
    }

    static func indexColumns(_ header: [String]) -> [Column: Int] {
        var result: [Column: Int] = [:]
        for (index, name) in header.enumerated() {
            let key = name.lowercased().filter { $0.isLetter }
            let column: Column? =
                switch key {
                case "givenname", "firstname": .givenName
                case "familyname", "lastname", "surname": .familyName
                case "email", "emailaddress": .email
                case "role": .role
                case "school", "schoolcode", "schoolsourcedid", "orgsourcedids": .school
                default: nil
                }
            if let column, result[column] == nil { result[column] = index }
        }
        return result
    }
}

/// Every problem found in a roster file, in file order.
public struct ProblemList: Error, Equatable, Sendable {
    public var problems: [RosterImport.Problem]
    public init(_ problems: [RosterImport.Problem]) { self.problems = problems }
}
