import Domain
import Foundation
import Testing

@Suite("CSV reading")
struct CSVReaderTests {
    @Test("Quoted fields, doubled quotes, line breaks inside quotes, CRLF and a BOM")
    func rfc4180() throws {
        let rows = try CSVReader.read("\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,row\r\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "", "row"]])
        #expect(rows.map(\.line) == [1, 2, 4])
    }

    @Test("Semicolons, as spreadsheets write them where the decimal mark is a comma")
    func semicolons() throws {
        #expect(try CSVReader.read("a;b\n1,5;2\n").map(\.fields) == [["a", "b"], ["1,5", "2"]])
    }

    @Test("An unclosed quote is an error naming the row's line")
    func unclosed() {
        #expect(throws: CSVReader.Problem.unterminatedQuote(line: 2)) { try CSVReader.read("a,b\n\"open,x\n") }
    }
}

@Suite("Roster import")
struct RosterImportTests {
    @Test("A clean file gives one row per person, with normalised email, role and school code")
    func clean() throws {
        let result = RosterImport.validate("Given Name,family_name,EMAIL,Role,School\nAnna,Kalniņa,Anna@Example.org,Teacher,lv-1\n", schoolCodes: ["LV-1"])
        let rows = try result.get()
        #expect(rows.count == 1)
        #expect(rows[0].email.value == "anna@example.org")
        #expect(rows[0].role == .teacher)
        #expect(rows[0].schoolCode == "lv-1")
        #expect(rows[0].line == 2)
    }

    @Test("Every problem is reported, each with its line, and no rows are returned")
    func problems() {
        let csv = """
            givenName,familyName,email,role,school
            Anna,Kalniņa,anna@example.org,teacher,LV-1
            ,Ozols,ozols@example.org,teacher,LV-1
            Rita,Ozola,rita@,leader,LV-1
            Juris,K,juris@example.org,janitor,LV-1
            Ieva,L,ieva@example.org,teacher,XX-9
            Anna,Two,anna@example.org,teacher,LV-1
            only,three,fields
            Old,Member,old@example.org,teacher,LV-1
            """
        guard case .failure(let list) = RosterImport.validate(csv, schoolCodes: ["LV-1"], existingMembers: [EmailAddress("old@example.org")!]) else {
            Issue.record("expected problems"); return
        }
        #expect(
            list.problems == [
                .missingValue(line: 3, column: .givenName),
                .invalidEmail(line: 4, value: "rita@"),
                .unknownRole(line: 5, value: "janitor"),
                .unknownSchool(line: 6, value: "XX-9"),
                .duplicateEmail(line: 7, firstLine: 2),
                .wrongFieldCount(line: 8, expected: 5, found: 3),
                .alreadyMember(line: 9, email: "old@example.org"),
            ])
    }

    @Test("Missing columns and empty files are reported before any row")
    func structure() {
        #expect(
            RosterImport.validate("name,email\nA,a@example.org", schoolCodes: [])
                == .failure(ProblemList([.missingColumns([.givenName, .familyName, .role, .school])])))
        #expect(RosterImport.validate("", schoolCodes: []) == .failure(ProblemList([.emptyFile])))
        #expect(RosterImport.validate("givenName,familyName,email,role,school\n", schoolCodes: []) == .failure(ProblemList([.emptyFile])))
    }

    @Test(
        "OneRoster and everyday role names are understood",
        arguments: [
            ("administrator", SchoolRole.leader), ("counselor", .counsellor), ("Pedagogical Adviser", .pedagogicalAdviser),
            ("school psychologist", .psychologist), ("teacher", .teacher),
        ])
    func roles(value: String, role: SchoolRole) {
        #expect(SchoolRole(rosterValue: value) == role)
    }
}

@Suite("Accounts rules")
struct AccountRulesTests {
    @Test("Email addresses are trimmed and lower-cased; nonsense is refused")
    func emails() {
        #expect(EmailAddress("  Ilze.Berzina@Skola.LV ")?.value == "ilze.berzina@skola.lv")
        for bad in ["", "no-at", "a@b", "a@@b.lv", "a b@c.lv", "<a@b.lv>", "a@.lv", "a@b..lv"] {
            #expect(EmailAddress(bad) == nil, "\(bad)")
        }
    }

    @Test("Passwords need length, not tricks, and must match their confirmation")
    func passwords() {
        #expect(PasswordRules.check("ten chars!", confirmation: "ten chars!").isEmpty)
        #expect(PasswordRules.check("short", confirmation: "short") == [.tooShort(minimum: 10)])
        #expect(PasswordRules.check(String(repeating: "ā", count: 40), confirmation: String(repeating: "ā", count: 40)) == [.tooLong])
        #expect(PasswordRules.check("long enough password", confirmation: "other") == [.mismatch])
    }

    @Test("Login throttle: free failures, then a doubling delay after the latest one, capped, never a lock")
    func throttle() {
        let rule = LoginThrottle.Rule(freeFailures: 5, firstDelay: 30, maximumDelay: 900)
        let throttle = LoginThrottle(window: 3600, accountFromClient: rule)
        let now = Date(timeIntervalSince1970: 10_000)
        let four = (1...4).map { now.addingTimeInterval(Double(-$0 * 60)) }
        #expect(throttle.retryAfter(rule, others: four, now: now) == nil)
        let five = four + [now.addingTimeInterval(-10)]
        #expect(throttle.retryAfter(rule, others: five, now: now) == 20)
        #expect(throttle.retryAfter(rule, others: five + [now], now: now) == 60)
        #expect(rule.delay(afterFailures: 100) == 900, "the delay is capped: the owner is never locked out")
        let old = four + [now.addingTimeInterval(-4000)]
        #expect(throttle.retryAfter(rule, others: old, now: now) == nil, "failures age out of the window")
    }
}
