import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A minimal browser for tests: keeps cookies between requests, sends the CSRF token with
/// forms like the real pages do, and can log in.
final class Browser: @unchecked Sendable {
    let app: Application
    let acceptLanguage: String?
    private(set) var cookies: [String: String] = [:]

    init(app: Application, acceptLanguage: String? = nil) {
        self.app = app
        self.acceptLanguage = acceptLanguage
    }

    struct Page {
        var status: HTTPStatus
        var headers: HTTPHeaders
        var body: String
        var location: String? { headers.first(name: .location) }
        func contains(_ text: String) -> Bool { body.contains(text) }
    }

    @discardableResult
    func get(_ path: String, headers extra: HTTPHeaders = [:]) async throws -> Page {
        try await send(.GET, path, headers: extra)
    }

    /// Posts a form, adding the `_csrf` field from the cookie unless `csrf` is false.
    @discardableResult
    func post(_ path: String, form: [String: String] = [:], csrf: Bool = true) async throws -> Page {
        if csrf && cookies["collegium_csrf"] == nil { try await get("/login") }
        var fields = form
        if csrf { fields["_csrf"] = cookies["collegium_csrf"] }
        let body = fields.map { "\(escape($0.key))=\(escape($0.value))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a form whose fields may repeat (`members[]` twice), adding `_csrf`.
    @discardableResult
    func post(_ path: String, fields: [(String, String)]) async throws -> Page {
        if cookies["collegium_csrf"] == nil { try await get("/login") }
        let all = fields + [("_csrf", cookies["collegium_csrf"] ?? "")]
        let body = all.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a multipart form with one file, as the import page does.
    @discardableResult
    func upload(_ path: String, field: String, filename: String, content: String, fields: [String: String] = [:]) async throws -> Page {
        if cookies["collegium_csrf"] == nil { try await get("/login") }
        let boundary = "----collegium-test-boundary"
        var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(cookies["collegium_csrf"] ?? "")\r\n"
        for (name, value) in fields { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
        body +=
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a multipart form with one binary file (an image) of `contentType`.
    @discardableResult
    func upload(_ path: String, field: String, filename: String, bytes: [UInt8], contentType: String) async throws -> Page {
        if cookies["collegium_csrf"] == nil { try await get("/login") }
        let boundary = "----collegium-test-boundary"
        var body = ByteBuffer(string: "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(cookies["collegium_csrf"] ?? "")\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: body)
    }

    @discardableResult
    func login(_ email: String, password: String = Fixtures.password) async throws -> Page {
        try await get("/login")
        return try await post("/login", form: ["email": email, "password": password])
    }

    func send(_ method: HTTPMethod, _ path: String, headers extra: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let acceptLanguage { headers.replaceOrAdd(name: .acceptLanguage, value: acceptLanguage) }
        var page: Page?
        try await app.testing().test(method, path, headers: headers, body: body) { response in
            for (name, cookie) in (response.headers.setCookie?.all ?? [:]) {
                if cookie.maxAge == 0 || (cookie.expires.map { $0.timeIntervalSince1970 < 1 } ?? false) {
                    cookies[name] = nil
                } else {
                    cookies[name] = cookie.string
                }
            }
            page = Page(status: response.status, headers: response.headers, body: response.body.string)
        }
        return page!
    }

    private func escape(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
