import Domain
import Fluent
import Foundation
import Vapor

/// Meetings: planning one in the zone of the people meeting, and the calendar files.
enum Meetings {
    /// The zones offered when planning a meeting: those of the schools Collegium serves first.
    static let zones = [
        "Europe/Riga", "Europe/Prague", "Europe/Rome", "Europe/Athens", "Asia/Tbilisi",
        "Europe/Tallinn", "Europe/Vilnius", "Europe/Berlin", "Europe/London", "UTC",
    ]

    /// The usual zone of a school's country.
    static func zone(forCountry country: String) -> String {
        switch country.uppercased() {
        case "LV": "Europe/Riga"
        case "CZ": "Europe/Prague"
        case "IT": "Europe/Rome"
        case "GR": "Europe/Athens"
        case "GE": "Asia/Tbilisi"
        case "EE": "Europe/Tallinn"
        case "LT": "Europe/Vilnius"
        case "DE": "Europe/Berlin"
        case "GB", "UK": "Europe/London"
        default: "UTC"
        }
    }

    /// `2026-12-03` and `15:30` in `zone`, as an instant; nil if either is malformed.
    static func instant(date: String, time: String, zone: String) -> Date? {
        let t = time.split(separator: ":").compactMap { Int($0) }
        guard t.count >= 2, let day = CalendarDay(date), let timeZone = TimeZone(identifier: zone) else { return nil }
        return day.date(hour: t[0], minute: t[1], in: timeZone)
    }

    /// The calendar entry of a meeting; its agenda only where the `Policy` lets the person
    /// read it (`readAgenda`: not before agreeing to a case group's confidentiality).
    static func event(_ meeting: Meeting, title: String, host: String, showsAgenda: Bool) -> ICalendar.Event {
        ICalendar.Event(
            uid: "\(meeting.id?.uuidString ?? UUID().uuidString)@\(host)", start: meeting.startsAt,
            durationMinutes: meeting.durationMinutes, summary: title, description: showsAgenda ? meeting.agenda : "",
            location: meeting.place.isEmpty ? meeting.onlineLink : meeting.place,
            url: meeting.onlineLink.isEmpty ? nil : meeting.onlineLink, sequence: meeting.sequence,
            cancelled: meeting.cancelled, updated: meeting.updatedAt ?? meeting.createdAt ?? meeting.startsAt)
    }

    /// The calendar file an e-mail about `meetings` carries. Its title is neutral, and it has
    /// no agenda: the same file goes to every participant, and what each may read of the
    /// engagement (an asker's hidden name, a case group's agenda) differs.
    static func mailCalendar(_ meetings: [Meeting], host: String, now: Date) -> MailMessage.CalendarFile? {
        guard !meetings.isEmpty else { return nil }
        let events = meetings.sorted { $0.startsAt < $1.startsAt }.map { event($0, title: "Collegium", host: host, showsAgenda: false) }
        return .init(filename: "collegium-meeting.ics", ics: ICalendar.calendar(name: "Collegium", events: events, now: now))
    }

    /// The meetings of `engagementID` that start at `starts` (those just planned).
    static func planned(in engagementID: UUID, starting starts: [Date], on db: any Database) async throws -> [Meeting] {
        try await Meeting.query(on: db).filter(\.$engagement.$id == engagementID).filter(\.$startsAt ~~ starts).filter(\.$cancelled == false).all()
    }

    /// The meetings from `from` on of `engagements` (already read, so they are not read
    /// again), in the order they start.
    static func meetings(in engagements: [Engagement], from: Date, on db: any Database) async throws -> [(Meeting, Engagement)] {
        let byID = Dictionary(engagements.compactMap { e in e.id.map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
        guard !byID.isEmpty else { return [] }
        let meetings = try await Meeting.query(on: db).filter(\.$engagement.$id ~~ Array(byID.keys)).filter(\.$startsAt >= from)
            .sort(\.$startsAt).all()
        return meetings.compactMap { meeting in byID[meeting.$engagement.id].map { (meeting, $0) } }
    }

    /// A person's meetings across their engagements, for their calendar feed and the home
    /// page, from `from` (and, if given, starting before `until`).
    static func meetings(of userID: UUID, from: Date, until: Date? = nil, on db: any Database) async throws -> [(Meeting, Engagement)] {
        let engagementIDs = try await EngagementParticipant.query(on: db).filter(\.$user.$id == userID).all().map { $0.$engagement.id }
        guard !engagementIDs.isEmpty else { return [] }
        let query = Meeting.query(on: db).filter(\.$engagement.$id ~~ engagementIDs).filter(\.$startsAt >= from)
        if let until { query.filter(\.$startsAt < until) }
        let meetings = try await query.with(\.$engagement).sort(\.$startsAt).all()
        return meetings.map { ($0, $0.engagement) }
    }

    static func response(_ text: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

/// Planning meetings.
extension Meetings {
    /// A meeting, or a series of them, as planned (`MeetingForm.validated`).
    struct Plan: Sendable {
        /// The first meeting's start.
        var start: Date
        /// The zone the people meeting plan in; a series keeps its local time across changes of season.
        var zone: String
        var durationMinutes: Int
        var place: String
        var link: String
        var agenda: String
        /// For a peer observation: which step of the cycle.
        var step: Meeting.Step?
        var repeats: Recurrence
        var count: Int
    }

    /// Saves the meeting, or each of the series, in the engagement; returns when each starts.
    static func schedule(_ plan: Plan, in engagementID: UUID, on db: any Database) async throws -> [Date] {
        let starts = plan.repeats.starts(from: plan.start, count: plan.count, timeZone: TimeZone(identifier: plan.zone) ?? .gmt)
        try await db.writeTransaction { db in
            for startsAt in starts {
                let meeting = Meeting(
                    engagementID: engagementID, startsAt: startsAt, timeZone: plan.zone, durationMinutes: plan.durationMinutes,
                    place: plan.place, onlineLink: plan.link, agenda: plan.agenda)
                meeting.step = plan.step
                try await meeting.save(on: db)
            }
        }
        return starts
    }
}
