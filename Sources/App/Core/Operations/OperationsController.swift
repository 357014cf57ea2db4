import Crypto
import Fluent
import SQLKit
import Vapor

/// Probes for load balancers and orchestrators, which need no login, and the metrics
/// endpoint, which only the operator's `METRICS_TOKEN` opens.
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

    /// Per-route counters show when people act (each check-in, each answer saved), so they
    /// are served only to the bearer of `METRICS_TOKEN`, compared in constant time; without
    /// a configured token the endpoint does not exist (404), and a wrong token gets the same
    /// 404, so a scanner learns nothing (issue #14).
    func metrics(req: Request) throws -> Response {
        guard let expected = req.application.config.metricsToken,
            let sent = req.headers.bearerAuthorization?.token,
            Self.sameSecret(sent, expected)
        else { throw Abort(.notFound) }
        var buffer: [UInt8] = []
        AppMetrics.registry().emit(into: &buffer)
        let response = Response(status: .ok, body: .init(data: Data(buffer)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }

    /// Equal digests, compared by swift-crypto in constant time: neither the content nor
    /// the length of the configured token leaks through the time a refusal takes.
    static func sameSecret(_ sent: String, _ expected: String) -> Bool {
        SHA256.hash(data: Data(sent.utf8)) == SHA256.hash(data: Data(expected.utf8))
    }

    private func plain(_ text: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .plainText
        return response
    }
}
