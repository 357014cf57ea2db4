import Domain
import Fluent
import Vapor

/// Imports a staff roster into one school: every row is checked first (`RosterImport`),
/// then all invitations are made in one transaction and only then emailed, so a file
/// with any bad row changes nothing.
struct RosterImporter {
    let req: Request

    enum Outcome {
        case imported(count: Int)
        case rejected([String])
    }

    func run(csv: String, into school: School) async throws -> Outcome {
        let schoolID = try school.requireID()
        let members = try await Membership.query(on: req.db).filter(\.$school.$id == schoolID).with(\.$user).all()
        let existing = Set(members.compactMap { EmailAddress($0.user.email) })
        // An uploaded file is not decoded by `NULInput`: its NULs become U+FFFD here (issue #14).
        let validation = RosterImport.validate(TextInput.replacingNUL(csv), schoolCodes: [school.code.lowercased()], existingMembers: existing)
        let rows: [RosterImport.Row]
        switch validation {
        case .failure(let list):
            return .rejected(list.problems.map { RosterMessages.text($0, req.localizer, schoolCode: school.code) })
        case .success(let valid):
            rows = valid
        }
        let service = InvitationService(req: req)
        let made = try await req.db.writeTransaction { db in
            var made: [(Invitation, String)] = []
            for row in rows {
                made.append(
                    try await service.create(
                        .init(email: row.email, givenName: row.givenName, familyName: row.familyName, role: row.role, language: row.language),
                        school: school, on: db))
            }
            return made
        }
        return .imported(count: made.count)
    }
}

/// Roster problems in the person's language, each naming its line.
enum RosterMessages {
    static func text(_ problem: RosterImport.Problem, _ l: Localizer, schoolCode: String) -> String {
        let message: String
        switch problem {
        case .emptyFile:
            return l.t("The file has no staff rows. The first row names the columns; each further row is one person.")
        case .unreadable:
            message = l.t("a quoted value is never closed")
        case .missingColumns(let columns):
            return l.t(
                "The file lacks these columns: {columns}. The first row must name givenName, familyName, email, role and school.",
                ["columns": columns.map(\.rawValue).joined(separator: ", ")])
        case .tooManyRows(let maximum):
            return l.t("The file has more than {count} rows. Split it into smaller files.", ["count": l.number(maximum)])
        case .missingValue(_, let column):
            message = l.t("{column} is empty", ["column": column.rawValue])
        case .invalidEmail(_, let value):
            message = l.t("\"{value}\" is not an email address", ["value": value])
        case .unknownRole(_, let value):
            message = l.t("\"{value}\" is not a role; use teacher, counsellor, psychologist, pedagogical_adviser or leader", ["value": value])
        case .unknownSchool(_, let value):
            message = l.t("\"{value}\" is not this school's code; use {code}", ["value": value, "code": schoolCode])
        case .duplicateEmail(_, let firstLine):
            message = l.t("the same email address is already on line {line}", ["line": l.number(firstLine)])
        case .wrongFieldCount(_, let expected, let found):
            message = l.t("{found} values where the header has {expected}", ["found": l.number(found), "expected": l.number(expected)])
        case .alreadyMember(_, let email):
            message = l.t("{email} already belongs to this school", ["email": email])
        case .invalidName(_, let column, .forbiddenCharacter):
            message = l.t("{column} contains a control character or a hidden mark that changes the direction of text", ["column": column.rawValue])
        case .invalidName(_, let column, _):
            message = l.t("{column} is longer than {count} characters", ["column": column.rawValue, "count": l.number(PersonName.maximumLength)])
        case .unknownLanguage(_, let value):
            message = l.t("language \"{value}\" is not one of en, lv, cs, it, el, ka", ["value": value])
        }
        return l.t("Line {line}: {problem}", ["line": l.number(problem.line ?? 0), "problem": message])
    }
}
