import Domain
import Vapor

/// Accepting an invitation: a newcomer sets their names and password; someone who already
/// has an account types its password.
struct InvitationAcceptForm: Content {
    var given_name: String?
    var family_name: String?
    var password: String?
    var password_confirmation: String?

    /// A newcomer's names (as typed, else the invitation's) and password, checked; or what
    /// is wrong with them, in the person's language. Names follow the one rule for people's
    /// names (`PersonName`: no control or bidi characters).
    func newcomer(givenName: String, familyName: String, _ l: Localizer) -> (newcomer: InvitationService.Newcomer?, errors: [String]) {
        let givenCheck = PersonName.validate(givenName)
        let familyCheck = PersonName.validate(familyName)
        var errors: [String] = []
        if case .failure(let problem) = givenCheck {
            errors.append(problem.message(.given, sizeMessage: l.t("Enter your given name (at most 100 characters)."), l))
        }
        if case .failure(let problem) = familyCheck {
            errors.append(problem.message(.family, sizeMessage: l.t("Enter your family name (at most 100 characters)."), l))
        }
        let password = self.password ?? ""
        errors += PasswordRules.check(password, confirmation: password_confirmation ?? "")
            .map { PasswordMessages.text($0, l) }
        guard errors.isEmpty, case .success(let given) = givenCheck, case .success(let family) = familyCheck else {
            return (nil, errors)
        }
        return (InvitationService.Newcomer(givenName: given, familyName: family, password: password), [])
    }
}
