import Domain
import Foundation
import Vapor

/// Starting a study group, or a supervision or intervision group.
struct NewGroupForm: Content {
    var kind: String?
    var school: String?
    var name: String?
    var purpose: String?
    var members: [String]?
    var supervisor: String?
    /// The slug of the course a study group follows.
    var course: String?

    var groupName: String { (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    var groupPurpose: String { (purpose ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    /// The colleagues invited.
    var memberIDs: Set<UUID> { Set((members ?? []).compactMap(UUID.init(uuidString:))) }
    var supervisorID: UUID? { supervisor.flatMap(UUID.init(uuidString:)) }

    /// What stands in the way of a group of `kind` started by `starter` in `school` (nil: no
    /// school of theirs was chosen), each next to its field, in the person's language.
    /// `candidates`: the colleagues who may be invited.
    func problems(kind: Engagement.Form, school: School?, candidates: Set<UUID>, starter: UUID, _ l: Localizer) -> [String: String] {
        let name = groupName, purpose = groupPurpose, chosen = memberIDs
        var errors: [String: String] = [:]
        if school == nil { errors["school"] = l.t("Choose your school.") }
        // A group's name shows on every member's pages: the characters people's names refuse are refused (issue #14).
        if name.isEmpty || name.count > 120 {
            errors["name"] = l.t("Give the group a name (under 120 characters).")
        } else if name.unicodeScalars.contains(where: PersonName.isForbidden) {
            errors["name"] = l.t("The name contains a control character or a hidden mark that changes the direction of text. Type it again without them.")
        }
        if purpose.isEmpty || purpose.count > 1000 {
            errors["purpose"] =
                kind == .studyGroup
                ? l.t("Say which course or topic the group follows (under 1,000 characters).")
                : l.t("Say what the group is for (under 1,000 characters).")
        }
        if !Groups.invited.contains(chosen.count) || !chosen.isSubset(of: candidates) {
            errors["members"] =
                kind.isConfidentialGroup
                ? l.t("Choose from 2 to 12 colleagues of your school (not its leaders).")
                : l.t("Choose from 2 to 12 colleagues.")
        }
        if kind == .supervision, supervisorID.map({ $0 != starter && !chosen.contains($0) }) ?? true {
            errors["supervisor"] = l.t("Choose the supervisor among the group's members.")
        }
        return errors
    }
}
