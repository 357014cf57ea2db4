import Domain
import Foundation

/// The names people see for roles and countries, in their language.
enum RoleNames {
    static func name(_ role: SchoolRole, _ l: Localizer) -> String {
        switch role {
        case .teacher: l.t("Teacher")
        case .counsellor: l.t("Counsellor")
        case .psychologist: l.t("School psychologist")
        case .pedagogicalAdviser: l.t("Pedagogical adviser")
        case .leader: l.t("Leader")
        }
    }

    static func options(_ l: Localizer) -> [(value: String, label: String)] {
        SchoolRole.allCases.map { ($0.rawValue, name($0, l)) }
    }
}

enum CountryNames {
    /// The country's name from the locale data (ICU), e.g. "LV" → "Latvija" in Latvian.
    static func name(_ code: String, _ l: Localizer) -> String {
        Locale(identifier: l.language.localeIdentifier).localizedString(forRegionCode: code) ?? code
    }
}
