import Plot
import Vapor

/// Turns every error into a response a person or client can use: a page in the
/// person's language for the site, the one JSON error shape under `/api/`. A 500 never
/// shows internals: the details go to the log with the request id, the page shows the id.
struct AppErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return respond(to: request, error: error)
        }
    }

    func respond(to request: Request, error: any Error) -> Response {
        let status: HTTPResponseStatus
        var headers = HTTPHeaders()
        let databaseUnavailable = DatabaseUnavailable.matches(error)
        if let abort = error as? any AbortError {
            status = abort.status
            headers = abort.headers
        } else if error is DecodingError {
            status = .badRequest
        } else if databaseUnavailable {
            status = .serviceUnavailable
            headers.replaceOrAdd(name: .retryAfter, value: DatabaseUnavailable.retryAfter)
        } else {
            status = .internalServerError
        }
        let requestID = request.headers.first(name: .xRequestId) ?? request.id
        if status.code >= 500 {
            request.logger.error("\(error)", metadata: ["request-id": .string(requestID)])
        } else {
            request.logger.debug("\(status.code) \(error)")
        }
        if let location = headers.first(name: .location), (300..<400).contains(status.code) {
            return request.redirect(to: location, redirectType: .normal)
        }
        if request.url.path.hasPrefix("/api/") {
            return apiResponse(request, status: status, error: error, headers: headers, databaseUnavailable: databaseUnavailable)
        }
        let response = request.render(
            ErrorPage.view(
                request.pageContext(), status: status, requestID: requestID,
                identifier: databaseUnavailable ? DatabaseUnavailable.identifier : (error as? Abort)?.identifier),
            status: status)
        if let retryAfter = headers.first(name: .retryAfter) { response.headers.replaceOrAdd(name: .retryAfter, value: retryAfter) }
        return response
    }

    private func apiResponse(
        _ request: Request, status: HTTPResponseStatus, error: any Error, headers: HTTPHeaders, databaseUnavailable: Bool
    ) -> Response {
        var details: [APIErrorBody.Detail] = []
        let message: String
        if let validation = error as? APIValidationError {
            details = validation.details
            message = validation.reason
        } else if databaseUnavailable {
            message = "The service is unavailable for a moment. Try again after the seconds in Retry-After."
        } else if status.code >= 500 {
            message = "Something went wrong on our side. It has been logged."
        } else if let abort = error as? any AbortError, !abort.reason.isEmpty, abort.reason != status.reasonPhrase {
            message = abort.reason
        } else if error is DecodingError {
            message = "The request body could not be read as the expected JSON."
        } else {
            message = status.reasonPhrase
        }
        let body = APIErrorBody(error: .init(status: Int(status.code), code: status.errorCode, message: message, details: details))
        let response = Response(status: status)
        for (name, value) in headers where name.lowercased() != "content-length" { response.headers.replaceOrAdd(name: name, value: value) }
        try? response.content.encode(body, as: .json)
        return response
    }
}
