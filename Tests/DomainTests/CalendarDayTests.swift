import Domain
import Foundation
import Testing

@Suite("Calendar days")
struct CalendarDayTests {
    @Test("Reads YYYY-MM-DD and writes it back the same")
    func readsAndWrites() throws {
        for text in ["2026-12-01", "2028-02-29", "2000-01-01", "2100-12-31", "2026-04-30"] {
            #expect(CalendarDay(text)?.description == text)
        }
        let day = try #require(CalendarDay("2026-03-07"))
        #expect((day.year, day.month, day.day) == (2026, 3, 7))
    }

    @Test("Refuses what is not a day: another shape, a day that does not exist, a year out of range")
    func refuses() {
        for text in [
            "", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01 ", " 2026-01-01", "2026-01-01T00:00",
            "2026-02-29", "2100-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
            "1999-12-31", "2101-01-01", "２０２６-01-01", "+026-01-01", "2026--1-01", "abcd-ef-gh",
        ] {
            #expect(CalendarDay(text) == nil, "\(text)")
        }
    }

    @Test("The day of a moment depends on the zone; the start of a day comes back to the same day")
    func moments() throws {
        let moment = try #require(ISO8601DateFormatter().date(from: "2026-11-30T23:30:00Z"))
        #expect(CalendarDay(moment).description == "2026-11-30")
        #expect(CalendarDay(moment, in: TimeZone(identifier: "Europe/Riga")).description == "2026-12-01")
        let riga = try #require(TimeZone(identifier: "Europe/Riga"))
        let nine = try #require(CalendarDay("2026-12-01")?.date(hour: 9, minute: 15, in: riga))
        #expect(nine == ISO8601DateFormatter().date(from: "2026-12-01T07:15:00Z"))
        #expect(CalendarDay(nine, in: riga).description == "2026-12-01")
        #expect(CalendarDay("2026-12-01")?.date(hour: 24) == nil)
        // Summer time begins in Riga at 03:00 on 29 March 2026: 03:30 never happens there.
        #expect(CalendarDay("2026-03-29")?.date(hour: 3, minute: 30, in: riga) == nil)
        #expect(CalendarDay("2026-03-29")?.date(hour: 4, minute: 30, in: riga) == ISO8601DateFormatter().date(from: "2026-03-29T01:30:00Z"))
        #expect(CalendarDay("2026-03-29")?.date(hour: 3, minute: 30) != nil, "in UTC every time of day exists")
        #expect(CalendarDay("2026-12-01")?.date(minute: 60) == nil)
    }

    @Test("Days compare as the calendar runs")
    func order() throws {
        let days = ["2026-12-01", "2026-02-28", "2027-01-01", "2026-11-30"].compactMap(CalendarDay.init)
        #expect(days.sorted().map(\.description) == ["2026-02-28", "2026-11-30", "2026-12-01", "2027-01-01"])
    }
}
