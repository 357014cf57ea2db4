import Foundation

/// The settings form, checked. A kind without a choice keeps its current one.
struct NotificationSettingsForm {
    var deliveries: [AppNotification.Kind: NotificationPreference.Delivery]
    var timeZone: String
    var digestHour: Int
    var errors: [String] = []

    init(_ fields: [String: [String]], current: NotificationSettingsPage.Model, _ l: Localizer) {
        deliveries = current.deliveries
        timeZone = current.timeZone
        digestHour = current.digestHour
        let badChoice = l.t("Choose at once, morning summary or only in Collegium for each kind.")
        for kind in AppNotification.Kind.allCases {
            guard let raw = fields["kind.\(kind.rawValue)"]?.last else { continue }
            if let delivery = NotificationPreference.Delivery(rawValue: raw) {
                deliveries[kind] = delivery
            } else if !errors.contains(badChoice) {
                errors.append(badChoice)
            }
        }
        if let raw = fields["digest_hour"]?.last {
            if let hour = Int(raw), MailSchedule.hours.contains(hour) { digestHour = hour } else { errors.append(l.t("Choose an hour from the list.")) }
        }
        if let raw = fields["time_zone"]?.last {
            if NotificationSettingsPage.zones(including: current.timeZone).contains(raw) {
                timeZone = raw
            } else {
                errors.append(l.t("Choose a time zone from the list."))
            }
        }
    }
}
