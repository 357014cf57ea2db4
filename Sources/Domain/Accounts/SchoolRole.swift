import Foundation

/// A person's role in one school. Support staff (counsellor, school psychologist,
/// pedagogical adviser) coach, supervise and facilitate; leaders run the school's
/// professional development. Coordinator (of a network) and admin (of the instance)
/// are not school roles: see `NetworkCoordinator` and `User.isAdmin` in the app.
public enum SchoolRole: String, CaseIterable, Sendable, Codable {
    case teacher
    case counsellor
    case psychologist
    case pedagogicalAdviser = "pedagogical_adviser"
    case leader

    public var isSupportStaff: Bool {
        switch self {
        case .counsellor, .psychologist, .pedagogicalAdviser: true
        case .teacher, .leader: false
        }
    }

    /// Reads a role as written in a roster file: our own codes, OneRoster's
    /// (`teacher`, `administrator`, `aide`, `counselor`) and a few plain synonyms.
    public init?(rosterValue: String) {
        let value = rosterValue.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if let role = SchoolRole(rawValue: value) {
            self = role
            return
        }
        switch value {
        case "counselor": self = .counsellor
        case "school_psychologist": self = .psychologist
        case "adviser", "advisor", "pedagogical_advisor": self = .pedagogicalAdviser
        case "administrator", "principal", "head_teacher", "headteacher", "deputy": self = .leader
        default: return nil
        }
    }
}
