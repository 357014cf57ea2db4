import Fluent
import SQLKit
import Vapor

/// Probes for load balancers and orchestrators, and the metrics endpoint. None needs a login.
struct OperationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.healthz.pathComponents, use: healthz)
        routes.get(SiteURL.readyz.pathComponents, use: readyz)
        routes.get(SiteURL.metrics.pathComponents, use: metrics)
    }

    /// The process is alive.
    func healthz(req: Request) -> Response {
        plain("ok\n")
    }

    /// The process can serve: its database answers.
    func readyz(req: Request) async -> Response {
        do {
            guard let sql = req.db as? any SQLDatabase else { return plain("ok\n") }
            _ = try await sql.raw("SELECT 1").all()
            return plain("ok\n")
        } catch {
            req.logger.warning("readiness check failed: \(error)")
            return plain("database unavailable\n", status: .serviceUnavailable)
        }
    }

    func metrics(req: Request) -> Response {
        var buffer: [UInt8] = []
        AppMetrics.registry().emit(into: &buffer)
        let response = Response(status: .ok, body: .init(data: Data(buffer)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }

    private func plain(_ text: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .plainText
        return response
    }
}
