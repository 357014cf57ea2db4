import Domain
import Foundation
import Testing

@Suite("Case consultation, names and recurring meetings")
struct GroupRulesTests {
    @Test("The protocol runs in the handbook's order and lasts an hour at its default timings")
    func protocolSteps() {
        #expect(CaseStep.allCases.first == .opening)
        #expect(CaseStep.allCases.last == .processReflection)
        #expect(CaseStep.defaultTotalMinutes == 60)
        #expect(CaseStep.hypotheses.next == .advice)
        #expect(CaseStep.processReflection.next == nil)
        #expect(CaseStep.questions < CaseStep.advice)
    }

    @Test("The timer counts down, then shows how far a step has run over")
    func timer() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(CaseTimer.secondsLeft(stepStartedAt: start, minutes: 10, now: start) == 600)
        #expect(CaseTimer.secondsLeft(stepStartedAt: start, minutes: 10, now: start.addingTimeInterval(605)) == -5)
        #expect(CaseTimer.clock(605) == "10:05")
        #expect(CaseTimer.clock(59) == "0:59")
        #expect(CaseTimer.clock(-90) == "-1:30")
    }

    @Test("A colleague's name is found by full name, by family name and in inflected Latvian forms")
    func names() {
        let staff = ["Anna Bērziņa", "Jānis Kalniņš", "Eva Novák", "Li Wu"]
        #expect(NameMentions.find(in: "I spoke with Anna Bērziņa after the lesson", names: staff) == ["Anna Bērziņa"])
        #expect(NameMentions.find(in: "Kalniņam bija grūti ar šo klasi", names: staff) == ["Jānis Kalniņš"])
        #expect(NameMentions.find(in: "paziņoju Kalniņa kungam", names: staff) == ["Jānis Kalniņš"])
        #expect(NameMentions.find(in: "NOVÁK said no", names: staff) == ["Eva Novák"])
        #expect(NameMentions.find(in: "A pupil in year 7 and a colleague in my department", names: staff).isEmpty)
        // Given names alone are too common to flag, and short family names need the whole name.
        #expect(NameMentions.find(in: "Anna wrote to me", names: staff).isEmpty)
        #expect(NameMentions.find(in: "a wunderbar idea", names: staff).isEmpty)
        #expect(NameMentions.find(in: "Li Wu came in late", names: staff) == ["Li Wu"])
        #expect(NameMentions.find(in: "", names: staff).isEmpty)
    }

    @Test("Weekly meetings keep their local time across the change from summer time")
    func recurrence() throws {
        let riga = try #require(TimeZone(identifier: "Europe/Riga"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = riga
        // 15:30 on Thursday 15 October 2026, summer time; the clocks go back on 25 October.
        let start = try #require(calendar.date(from: DateComponents(year: 2026, month: 10, day: 15, hour: 15, minute: 30)))
        let starts = Recurrence.weekly.starts(from: start, count: 4, timeZone: riga)
        #expect(starts.count == 4)
        for date in starts {
            #expect(calendar.component(.hour, from: date) == 15)
            #expect(calendar.component(.minute, from: date) == 30)
            #expect(calendar.component(.weekday, from: date) == 5)
        }
        #expect(starts[2].timeIntervalSince(starts[1]) == 7 * 86400 + 3600, "the week with the change is an hour longer")
        #expect(Recurrence.once.starts(from: start, count: 5, timeZone: riga) == [start])
        #expect(Recurrence.fortnightly.starts(from: start, count: 3, timeZone: riga).last.map { calendar.component(.day, from: $0) } == 12)
        #expect(Recurrence.weekly.starts(from: start, count: 99, timeZone: riga).count == Recurrence.maximumCount)
    }

    @Test("Monthly meetings on the 31st fall on the last day of shorter months and come back to the 31st")
    func monthly() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let start = try #require(calendar.date(from: DateComponents(year: 2027, month: 1, day: 31, hour: 9)))
        let days = Recurrence.monthly.starts(from: start, count: 3, timeZone: utc).map { calendar.component(.day, from: $0) }
        #expect(days == [31, 28, 31])
    }
}
