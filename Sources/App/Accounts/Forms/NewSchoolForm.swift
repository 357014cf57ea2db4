import Domain
import Fluent
import Vapor

/// The administrator's form for a new school (`AdminController.createSchool`).
struct NewSchoolForm: Content {
    var school_name: String?
    var school_code: String?
    var school_country: String?
    var school_city: String?
    var school_language: String?
    var school_network: String?

    /// What was typed, trimmed, codes in capitals: shown again beside the problems.
    var draft: AdminPage.SchoolDraft {
        AdminPage.SchoolDraft(
            name: (school_name ?? "").trimmingCharacters(in: .whitespaces),
            code: (school_code ?? "").trimmingCharacters(in: .whitespaces).uppercased(),
            country: (school_country ?? "").trimmingCharacters(in: .whitespaces).uppercased(),
            city: (school_city ?? "").trimmingCharacters(in: .whitespaces),
            language: school_language ?? "en", networkID: school_network ?? "")
    }

    /// The problems of `draft` by field, worded for the person (a code another school uses is
    /// one), and the network it joins when one of `networks` was chosen.
    func problems(_ draft: AdminPage.SchoolDraft, networks: Set<UUID>, on db: any Database, _ l: Localizer) async throws
        -> (errors: [String: String], networkID: UUID?)
    {
        var errors: [String: String] = [:]
        if draft.name.isEmpty || draft.name.count > 200 { errors["school_name"] = l.t("Enter the school's name (at most 200 characters).") }
        if !(2...30).contains(draft.code.count) || !draft.code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            errors["school_code"] = l.t("Enter a code of 2 to 30 letters, digits or hyphens, e.g. LV-RIGA-45.")
        } else if try await School.query(on: db).filter(\.$code == draft.code).count() > 0 {
            errors["school_code"] = l.t("Another school already uses this code.")
        }
        if draft.country.count != 2 || !draft.country.allSatisfy({ $0.isASCII && $0.isLetter }) {
            errors["school_country"] = l.t("Enter the two-letter country code, e.g. LV, CZ, IT.")
        }
        if draft.city.isEmpty || draft.city.count > 100 { errors["school_city"] = l.t("Enter the city or town (at most 100 characters).") }
        if Language(rawValue: draft.language) == nil { errors["school_language"] = l.t("Choose a language.") }
        var networkID: UUID?
        if !draft.networkID.isEmpty {
            networkID = UUID(uuidString: draft.networkID)
            if networkID.map(networks.contains) != true { errors["school_network"] = l.t("Choose a network from the list.") }
        }
        return (errors, networkID)
    }
}
