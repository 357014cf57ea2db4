import Domain
import Vapor

/// The invite form as posted: the person's names, address and role, and the language of
/// their invitation e-mail.
struct InviteForm: Content {
    var email: String?
    var given_name: String?
    var family_name: String?
    var role: String?
    var language: String?

    /// The invitation to make, or nil with each problem written next to its field in `model`.
    func draft(checking model: inout InvitePage.Model, _ l: Localizer) -> InvitationService.Draft? {
        let email = EmailAddress(model.email)
        let role = SchoolRole(rawValue: model.role)
        let language = Language(rawValue: model.language)
        // Names follow the one rule for people's names (`PersonName`: no control or bidi characters).
        let givenCheck = PersonName.validate(model.givenName)
        let familyCheck = PersonName.validate(model.familyName)
        if case .failure(let problem) = givenCheck {
            model.fieldErrors["given_name"] = problem.message(.given, sizeMessage: l.t("Enter a given name (at most 100 characters)."), l)
        }
        if case .failure(let problem) = familyCheck {
            model.fieldErrors["family_name"] = problem.message(.family, sizeMessage: l.t("Enter a family name (at most 100 characters)."), l)
        }
        if email == nil { model.fieldErrors["email"] = l.t("Enter an email address like name@school.org.") }
        if role == nil { model.fieldErrors["role"] = l.t("Choose a role.") }
        if language == nil { model.fieldErrors["language"] = l.t("Choose a language from the list.") }
        guard model.fieldErrors.isEmpty, let email, let role, let language, case .success(let given) = givenCheck,
            case .success(let family) = familyCheck
        else { return nil }
        return .init(email: email, givenName: given, familyName: family, role: role, language: language)
    }
}
