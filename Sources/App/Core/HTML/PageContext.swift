import Domain
import Vapor

/// What every page needs from the request, gathered once, so that views never see the
/// request itself: the language, who is signed in, the form token, the current path
/// (for the language switcher) and a notice left by the previous action.
struct PageContext: Sendable {
    var localizer: Localizer
    var userName: String?
    /// The signed-in person's given name: the header's account menu is labelled with it.
    var givenName: String?
    var isAdmin: Bool
    var csrfToken: String
    var currentPath: String
    var notice: String?
    /// Unread notifications of the signed-in person (shown in the header).
    var unread: Int = 0
    /// Leaders and coordinators see "Surveys" in the header.
    var mayRunSurveys = false

    var isSignedIn: Bool { userName != nil }
    func t(_ message: String, _ arguments: [String: String] = [:]) -> String { localizer.t(message, arguments) }
}

extension Request {
    func pageContext() -> PageContext {
        var path = url.path
        if let query = url.query, !query.isEmpty { path += "?" + query }
        return PageContext(
            localizer: localizer, userName: currentUser?.fullName, givenName: currentUser?.givenName, isAdmin: currentUser?.isAdmin ?? false,
            csrfToken: csrfToken, currentPath: path, notice: storage[NoticeKey.self],
            unread: storage[UnreadNotificationsKey.self] ?? 0, mayRunSurveys: storage[MayRunSurveysKey.self] ?? false)
    }
}

/// The header's counts, filled once per page by a middleware of the module that knows them
/// (`NotificationCountMiddleware`): Core reads them here without knowing any feature.
struct UnreadNotificationsKey: StorageKey { typealias Value = Int }
struct MayRunSurveysKey: StorageKey { typealias Value = Bool }
