import Domain
import Foundation
import Vapor

/// Starting a peer observation cycle: the school, the colleagues invited to observe, the
/// focus and the protocol.
struct ObservationStartForm: Content {
    var school: String?
    var observers: [String]?
    var focus: String?
    var `protocol`: String?

    var focusText: String { (focus ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    var observerIDs: Set<UUID> { Set((observers ?? []).compactMap(UUID.init(uuidString:))) }

    /// The protocol chosen: a ready one, or one of `schoolProtocols` of the school chosen
    /// (as "school:<id>"); nil for anything else.
    func protocolChoice(school schoolID: UUID?, among schoolProtocols: [SchoolProtocol]) -> ObservationCycles.ProtocolChoice? {
        if let ready = self.protocol.flatMap(ObservationProtocol.init(rawValue:)) { return .ready(ready) }
        // A school's own protocol is chosen as "school:<id>", and must be one of that school's.
        guard let raw = self.protocol, raw.hasPrefix("school:"), let id = UUID(uuidString: String(raw.dropFirst(7))),
            let own = schoolProtocols.first(where: { $0.id == id && $0.$school.id == schoolID })
        else { return nil }
        return .school(own)
    }

    /// What stands in the way of the cycle, each next to its field, in the person's language.
    /// `school`: the school chosen, if it is one of the person's; `colleagues`: those of it who
    /// may be invited; `choice`: the protocol chosen, if it is one.
    func problems(school: School?, colleagues: Set<UUID>, protocol choice: ObservationCycles.ProtocolChoice?, _ l: Localizer) -> [String: String] {
        let chosen = observerIDs, focus = focusText
        var errors: [String: String] = [:]
        if school == nil { errors["school"] = l.t("Choose your school.") }
        if chosen.isEmpty || chosen.count > 3 || !chosen.isSubset(of: colleagues) {
            errors["observers"] = l.t("Invite one, two or three colleagues of your school (not its leaders).")
        }
        if focus.isEmpty || focus.count > 500 { errors["focus"] = l.t("Say what you want to learn about your teaching (under 500 characters).") }
        if choice == nil { errors["protocol"] = l.t("Choose a protocol.") }
        return errors
    }
}
