import Vapor

/// The one shape of every JSON API failure:
/// `{"error": {"status": 404, "code": "not_found", "message": "…", "details": [...]}}`.
struct APIErrorBody: Content {
    struct Detail: Content, Equatable {
        var field: String?
        var message: String
    }

    struct Payload: Content {
        var status: Int
        var code: String
        var message: String
        var details: [Detail]
    }

    var error: Payload
}

/// A validation failure from the API, with one detail per problem.
struct APIValidationError: AbortError {
    var details: [APIErrorBody.Detail]
    var status: HTTPResponseStatus { .unprocessableEntity }
    var reason: String { "The request was understood but some values are not acceptable." }
}

extension HTTPResponseStatus {
    /// A stable machine-readable code for an HTTP status.
    var errorCode: String {
        switch code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 422: "validation_failed"
        case 429: "too_many_requests"
        default: code >= 500 ? "internal_error" : "error"
        }
    }
}

extension Request {
    /// A body the API reads must say it is JSON: 415 otherwise, before anything is decoded.
    func requireJSON() throws {
        guard headers.contentType == .json else { throw Abort(.unsupportedMediaType, reason: "Send application/json.") }
    }
}
