import Domain
import Vapor

/// Every form, JSON body and query string is decoded through these, so a NUL byte never
/// reaches a handler: it becomes U+FFFD (`TextInput`). PostgreSQL refuses NUL in text and
/// the request would end in a 500 (issue #14). One place, not a check in each of the
/// app's many forms. Multipart bodies are left as they are: their files are parsed by
/// importers whose every value is validated (names refuse control characters).
enum NULInput {
    /// Installs the decoders; `configure` calls it once per application (the content
    /// configuration is process-wide, and the same decoders every time).
    static func install() {
        ContentConfiguration.global.use(decoder: NULSafeDecoder(base: URLEncodedFormDecoder(), format: .urlEncoded), for: .urlEncodedForm)
        ContentConfiguration.global.use(decoder: NULSafeDecoder(base: JSONDecoder.custom(dates: .iso8601), format: .json), for: .json)
        ContentConfiguration.global.use(decoder: NULSafeDecoder(base: JSONDecoder.custom(dates: .iso8601), format: .json), for: .jsonAPI)
        ContentConfiguration.global.use(urlDecoder: NULSafeQueryDecoder(base: URLEncodedFormDecoder()))
    }
}

struct NULSafeDecoder: ContentDecoder {
    enum Format { case urlEncoded, json }
    let base: any ContentDecoder
    let format: Format

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(decodable, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
        userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        let bytes = body.readableBytesView
        let cleaned =
            switch format {
            case .urlEncoded: TextInput.replacingNUL(urlEncoded: bytes)
            case .json: TextInput.replacingNUL(json: bytes)
            }
        return try base.decode(decodable, from: cleaned.map { ByteBuffer(bytes: $0) } ?? body, headers: headers, userInfo: userInfo)
    }
}

struct NULSafeQueryDecoder: URLQueryDecoder {
    let base: any URLQueryDecoder

    func decode<D: Decodable>(_ decodable: D.Type, from url: URI) throws -> D {
        try decode(decodable, from: url, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from url: URI, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        guard let query = url.query, let cleaned = TextInput.replacingNUL(urlEncoded: query.utf8) else {
            return try base.decode(decodable, from: url, userInfo: userInfo)
        }
        var copy = url
        copy.query = String(decoding: cleaned, as: UTF8.self)
        return try base.decode(decodable, from: copy, userInfo: userInfo)
    }
}

/// Route parameters are decoded from the path before any middleware runs, so a `%00` in
/// the path cannot be replaced: no id, slug or token holds one, so the answer is 404.
struct NULPathMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.path.utf8.contains(0) || request.url.path.range(of: "%00") != nil {
            throw Abort(.notFound)
        }
        return try await next.respond(to: request)
    }
}
