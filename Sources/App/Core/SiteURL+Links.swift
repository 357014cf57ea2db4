import Foundation
import Vapor

/// Links built from `SiteURL`: paths, query strings, absolute URLs.
extension SiteURL {
    /// The path for a link, e.g. `/schools/4F1C…`.
    var path: String {
        "/" + pathComponents.map(\.description).joined(separator: "/")
    }

    /// The path with a query string, each name and value percent-encoded (only RFC 3986's
    /// unreserved characters stay as they are), in the order given:
    /// `SiteURL.courseEdit(.value(slug)).path(["lang": "lv"])` is `/courses/…/edit?lang=lv`.
    /// No link glues `"?name=" + value` by hand, so no value can end the query early.
    func path(_ query: KeyValuePairs<String, String>) -> String {
        Self.withQuery(path, query)
    }

    /// `path` followed by `query`, percent-encoded as `path(_:)` does.
    static func withQuery(_ path: String, _ query: KeyValuePairs<String, String>) -> String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { encoded($0.key) + "=" + encoded($0.value) }.joined(separator: "&")
    }

    /// `path` followed by a query built at run time (only the pairs a link needs), encoded
    /// as above.
    static func withQuery(_ path: String, _ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { encoded($0.0) + "=" + encoded($0.1) }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// An absolute URL for emails, from `PUBLIC_URL`.
    func absolute(_ config: AppConfig) -> String { config.publicBase + path }

    static func component<T>(_ parameter: Parameter<T>, _ key: String) -> PathComponent {
        switch parameter {
        case .key: .parameter(key)
        case .value(let value): .constant("\(value)")
        }
    }
}

extension Request {
    /// A UUID path parameter; a malformed one is simply a page that does not exist.
    func uuidParameter(_ key: String) throws -> UUID {
        guard let raw = parameters.get(key), let id = UUID(uuidString: raw) else { throw Abort(.notFound) }
        return id
    }
}
