/// What a new password must satisfy. Length is what matters (NIST SP 800-63B §3.1.1.2):
/// at least 10 characters, no composition rules. bcrypt reads only the first 72 bytes,
/// so longer passwords are refused rather than silently cut.
public enum PasswordRules {
    public static let minimumLength = 10
    public static let maximumBytes = 72

    public enum Problem: Equatable, Sendable {
        case tooShort(minimum: Int)
        case tooLong
        case mismatch
    }

    public static func check(_ password: String, confirmation: String) -> [Problem] {
        var problems: [Problem] = []
        if password.count < minimumLength { problems.append(.tooShort(minimum: minimumLength)) }
        if password.utf8.count > maximumBytes { problems.append(.tooLong) }
        if password != confirmation { problems.append(.mismatch) }
        return problems
    }
}
