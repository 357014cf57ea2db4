import Domain
import Foundation
import Testing

@Suite("iCalendar (RFC 5545)")
struct ICalendarTests {
    let event = ICalendar.Event(
        uid: "m1@collegium.test", start: Date(timeIntervalSince1970: 1_796_396_400), durationMinutes: 45,
        summary: "Collegium: Working with parents (Jānis Ozols, Mārtiņš Eglītis)",
        description: "Bring two messages; no names.\nThen: a plan, step by step",
        location: "Room 204, 2nd floor", url: "https://meet.example.org/abc", sequence: 2, cancelled: false,
        updated: Date(timeIntervalSince1970: 1_796_000_000))

    @Test("A calendar with one event: CRLF lines, UTC times, escaped text, the fields calendars need")
    func oneEvent() {
        let text = ICalendar.calendar(name: "Collegium", events: [event], now: Date(timeIntervalSince1970: 1_796_100_000))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("DTSTART:20261204T150000Z"))
        #expect(unfolded.contains("DTEND:20261204T154500Z"))
        #expect(unfolded.contains("UID:m1@collegium.test"))
        #expect(unfolded.contains("SEQUENCE:2"))
        #expect(unfolded.contains("STATUS:CONFIRMED"))
        #expect(unfolded.contains("DESCRIPTION:Bring two messages\\; no names.\\nThen: a plan\\, step by step"))
        #expect(unfolded.contains("LOCATION:Room 204\\, 2nd floor"))
        #expect(unfolded.contains("URL:https://meet.example.org/abc"))
    }

    @Test("Long lines are folded at 75 octets without splitting a letter")
    func folding() {
        let line = "SUMMARY:" + String(repeating: "ā", count: 60)
        let folded = ICalendar.fold(line)
        for part in folded.components(separatedBy: "\r\n") { #expect(part.utf8.count <= 75) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
    }

    @Test("A cancelled meeting says so, for calendars that already have it")
    func cancelled() {
        var cancelled = event
        cancelled.cancelled = true
        #expect(ICalendar.calendar(name: "C", events: [cancelled], now: Date()).contains("STATUS:CANCELLED"))
    }
}
