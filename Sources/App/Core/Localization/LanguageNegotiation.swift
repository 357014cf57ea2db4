import Domain
import Vapor

/// Chooses the language of a response: the signed-in person's saved choice, else the
/// language cookie (set by the switcher), else the browser's `Accept-Language`, else English.
struct LanguageMiddleware: AsyncMiddleware {
    static let cookieName = "collegium_lang"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.storage[LanguageKey.self] = Self.negotiate(request)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: .contentLanguage, value: request.language.rawValue)
        response.headers.add(name: .vary, value: "Accept-Language, Cookie")
        return response
    }

    static func negotiate(_ request: Request) -> Language {
        if let saved = request.currentUser?.language, let language = Language(rawValue: saved) {
            return language
        }
        if let cookie = request.cookies[cookieName]?.string, let language = Language(rawValue: cookie) {
            return language
        }
        return AcceptLanguage.bestMatch(request.headers.first(name: .acceptLanguage)) ?? .source
    }
}

struct LanguageKey: StorageKey { typealias Value = Language }

extension Request {
    /// The language this response is in (see `LanguageMiddleware`).
    var language: Language {
        storage[LanguageKey.self] ?? LanguageMiddleware.negotiate(self)
    }

    var localizer: Localizer { application.translator.localizer(for: language) }

    func t(_ message: String, _ arguments: [String: String] = [:]) -> String {
        localizer.t(message, arguments)
    }
}
