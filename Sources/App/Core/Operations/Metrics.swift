import Metrics
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Prometheus metrics for operators. Vapor reports request counts and durations through
/// swift-metrics once a backend is bootstrapped; the backend can be set only once per
/// process, so every `Application` in the process (tests make many) shares one registry.
enum AppMetrics {
    private static let bootstrapped = NIOLockedValueBox<PrometheusCollectorRegistry?>(nil)

    static func registry() -> PrometheusCollectorRegistry {
        bootstrapped.withLockedValue { existing in
            if let existing { return existing }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(CoarseRouteMetricsFactory(base: PrometheusMetricsFactory(registry: registry)))
            existing = registry
            return registry
        }
    }
}

/// Per-route counters scraped every few seconds tell when someone acted: a counter on the
/// check-in route that moves at 10:02 says someone checked in at 10:02, and the access
/// pattern around it may say who (issue #14). So the labels Vapor gives are coarsened:
/// every write (POST, PUT, PATCH, DELETE) is counted under one path, `(write)`, and every
/// well-being page under `(wellbeing)`. Operators keep volumes, statuses and latencies;
/// no single person's act stands out. A list of "sensitive" write routes would go stale
/// as routes are added; folding every write cannot.
struct CoarseRouteMetricsFactory: MetricsFactory {
    let base: PrometheusMetricsFactory

    static func coarsen(_ dimensions: [(String, String)]) -> [(String, String)] {
        let method = dimensions.first(where: { $0.0 == "method" })?.1 ?? ""
        guard let path = dimensions.first(where: { $0.0 == "path" })?.1 else { return dimensions }
        let coarse: String
        if !["GET", "HEAD", "OPTIONS", "undefined"].contains(method) {
            coarse = "(write)"
        } else if path == "/wellbeing" || path.hasPrefix("/wellbeing/") || path.hasPrefix("/api/v1/wellbeing") {
            coarse = "(wellbeing)"
        } else {
            return dimensions
        }
        return dimensions.map { $0.0 == "path" ? ("path", coarse) : $0 }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        base.makeCounter(label: label, dimensions: Self.coarsen(dimensions))
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        base.makeFloatingPointCounter(label: label, dimensions: Self.coarsen(dimensions))
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        base.makeMeter(label: label, dimensions: Self.coarsen(dimensions))
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        base.makeRecorder(label: label, dimensions: Self.coarsen(dimensions), aggregate: aggregate)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        base.makeTimer(label: label, dimensions: Self.coarsen(dimensions))
    }

    func destroyCounter(_ handler: any CounterHandler) { base.destroyCounter(handler) }
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) { base.destroyFloatingPointCounter(handler) }
    func destroyMeter(_ handler: any MeterHandler) { base.destroyMeter(handler) }
    func destroyRecorder(_ handler: any RecorderHandler) { base.destroyRecorder(handler) }
    func destroyTimer(_ handler: any TimerHandler) { base.destroyTimer(handler) }
}
