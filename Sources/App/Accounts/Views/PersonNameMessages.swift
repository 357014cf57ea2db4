import Domain

/// Which name a message is about.
enum PersonNameField { case given, family }

extension PersonName.Problem {
    /// What to tell the person. `sizeMessage` is the form's own wording for an empty or
    /// overlong name ("Enter a given name…", "Enter your given name…").
    func message(_ field: PersonNameField, sizeMessage: String, _ l: Localizer) -> String {
        switch (self, field) {
        case (.empty, _), (.tooLong, _): sizeMessage
        case (.forbiddenCharacter, .given):
            l.t("The given name contains a control character or a hidden mark that changes the direction of text. Type it again without them.")
        case (.forbiddenCharacter, .family):
            l.t("The family name contains a control character or a hidden mark that changes the direction of text. Type it again without them.")
        }
    }

    /// The API's wording (English, like its other validation details).
    var apiMessage: String {
        switch self {
        case .empty, .tooLong: "must have 1 to \(PersonName.maximumLength) characters"
        case .forbiddenCharacter: "must not contain control characters or bidirectional formatting characters"
        }
    }
}
