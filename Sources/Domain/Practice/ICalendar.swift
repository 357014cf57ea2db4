import Foundation

/// iCalendar (RFC 5545) for meetings: one `.ics` file per meeting, and a person's feed.
/// Times are written in UTC (`…Z`), which every calendar (Google, Outlook, Apple) reads
/// without a VTIMEZONE block and shows in the reader's own zone; the meeting's zone is
/// kept in Collegium for showing and editing it.
public enum ICalendar {
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var start: Date
        public var durationMinutes: Int
        public var summary: String
        public var description: String
        public var location: String
        public var url: String?
        /// Goes up with each change, so calendars replace their copy (RFC 5545 3.8.7.4).
        public var sequence: Int
        public var cancelled: Bool
        public var updated: Date

        public init(
            uid: String, start: Date, durationMinutes: Int, summary: String, description: String, location: String,
            url: String?, sequence: Int, cancelled: Bool, updated: Date
        ) {
            self.uid = uid
            self.start = start
            self.durationMinutes = durationMinutes
            self.summary = summary
            self.description = description
            self.location = location
            self.url = url
            self.sequence = sequence
            self.cancelled = cancelled
            self.updated = updated
        }
    }

    /// A calendar with the events, CRLF line ends, long lines folded at 75 octets.
    public static func calendar(name: String, events: [Event], now: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Collegium//Collegial support//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(name),
        ]
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + escape(event.uid),
                "DTSTAMP:" + utc(now),
                "LAST-MODIFIED:" + utc(event.updated),
                "DTSTART:" + utc(event.start),
                "DTEND:" + utc(event.start.addingTimeInterval(Double(event.durationMinutes) * 60)),
                "SEQUENCE:" + String(event.sequence),
                "STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"),
                "SUMMARY:" + escape(event.summary),
            ]
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + escape(event.description)) }
            if !event.location.isEmpty { lines.append("LOCATION:" + escape(event.location)) }
            if let url = event.url, !url.isEmpty { lines.append("URL:" + url) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20261124T150000Z`.
    public static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// TEXT values: backslash, semicolon and comma escaped, line breaks as `\n` (3.3.11).
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space (3.1), never
    /// splitting a UTF-8 character.
    public static func fold(_ line: String) -> String {
        var result = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result
    }
}
