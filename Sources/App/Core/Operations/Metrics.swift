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
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            existing = registry
            return registry
        }
    }
}
