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

    /// The process can serve: it is not stopping, and its database answers within a second.
    /// Always answered within about a second, so that a balancer's probe never times out
    /// on a node that could say what is wrong (issue 20).
    func readyz(req: Request) async -> Response {
        if req.application.drain.isDraining { return unavailable("shutting down\n") }
        do {
            guard let sql = req.db as? any SQLDatabase else { return plain("ok\n") }
            guard try await Deadline.value(within: Self.readinessTimeout, { try await sql.raw("SELECT 1").run() }) != nil else {
                req.logger.warning("readiness check: the database did not answer within \(Self.readinessTimeout) s")
                return unavailable("database not answering\n")
            }
            return plain("ok\n")
        } catch {
            req.logger.warning("readiness check failed: \(error)")
            return unavailable("database unavailable\n")
        }
    }

    /// Seconds `/readyz` waits for the database's answer.
    static let readinessTimeout = 1.0

    private func unavailable(_ text: String) -> Response {
        let response = plain(text, status: .serviceUnavailable)
        response.headers.replaceOrAdd(name: .retryAfter, value: "5")
        return response
    }

    /// Per-route counters show when people act (each check-in, each answer saved), so they
    /// are served only to the bearer of `METRICS_TOKEN`, compared in constant time; without
    /// a configured token the endpoint does not exist (404), and a wrong token gets the same
    /// 404, so a scanner learns nothing (issue #14).
    func metrics(req: Request) async throws -> Response {
        guard let expected = req.application.config.metricsToken,
            let sent = req.headers.bearerAuthorization?.token,
            Self.sameSecret(sent, expected)
        else { throw Abort(.notFound) }
        var buffer: [UInt8] = []
        AppMetrics.registry().emit(into: &buffer)
        buffer += Array(await OperationalGauges.render(req.application, on: req.db, now: req.now).utf8)
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
