import Domain
import Foundation
import Vapor

/// Planning a meeting, or a series of them, in an engagement.
struct MeetingForm: Content {
    var date: String?
    var time: String?
    var time_zone: String?
    var duration: String?
    var place: String?
    var online_link: String?
    var agenda: String?
    /// For a peer observation: which step of the cycle.
    var step: String?
    /// `once`, `weekly`, `fortnightly` or `monthly`, with the number of meetings.
    var repeats: String?
    var count: String?

    var placeText: String { (place ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    var linkText: String { (online_link ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    var agendaText: String { (agenda ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The meeting as planned in an engagement of `form`, or the problems by field, in the
    /// person's language.
    func validated(in form: Engagement.Form, _ l: Localizer) -> (plan: Meetings.Plan?, errors: [String: String]) {
        let zone = time_zone ?? ""
        let start = Meetings.instant(date: date ?? "", time: time ?? "", zone: zone)
        let duration = Int((self.duration ?? "").trimmingCharacters(in: .whitespaces))
        let place = placeText, link = linkText, agenda = agendaText
        var errors: [String: String] = [:]
        if !Meetings.zones.contains(zone) {
            errors["time_zone"] = l.t("Choose a time zone from the list.")
        } else if start == nil {
            errors["date"] = l.t("Enter a date and a time, for example 2026-12-03 and 15:30.")
        }
        if duration.map({ !(10...480).contains($0) }) ?? true { errors["duration"] = l.t("Enter a length from 10 to 480 minutes.") }
        if place.count > 200 { errors["place"] = l.t("Keep the place under 200 characters.") }
        if !link.isEmpty,
            link.count > 500 || !(link.lowercased().hasPrefix("https://") || link.lowercased().hasPrefix("http://")) || URL(string: link)?.host == nil
        {
            errors["online_link"] = l.t("Enter a web address starting with https://.")
        }
        if agenda.count > 2000 { errors["agenda"] = l.t("Keep the agenda under 2,000 characters.") }
        let step = (self.step ?? "").isEmpty ? nil : Meeting.Step(rawValue: self.step ?? "")
        if !(self.step ?? "").isEmpty, step == nil || form != .observation { errors["step"] = l.t("Choose a step from the list.") }
        let repeats = Recurrence(rawValue: self.repeats ?? "once")
        let rawCount = (self.count ?? "").trimmingCharacters(in: .whitespaces)
        let count = rawCount.isEmpty ? 1 : Int(rawCount)
        if repeats == nil { errors["repeats"] = l.t("Choose how often the meeting repeats.") }
        if count.map({ !(1...Recurrence.maximumCount).contains($0) }) ?? true {
            errors["count"] = l.t("Enter a number of meetings from 1 to 20.")
        } else if repeats != .once && repeats != nil && count == 1 {
            errors["count"] = l.t("A repeating meeting needs at least two dates: enter how many.")
        }
        guard errors.isEmpty, let start, let duration, let repeats, let count else { return (nil, errors) }
        return (
            Meetings.Plan(
                start: start, zone: zone, durationMinutes: duration, place: place, link: link, agenda: agenda,
                step: step, repeats: repeats, count: count), [:]
        )
    }
}
