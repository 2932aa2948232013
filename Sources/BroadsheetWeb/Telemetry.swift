import Metrics
import Prometheus

/// The process's one metrics registry. swift-metrics can be bootstrapped once per process,
/// so every application built here (the server's, or many in tests) shares it.
public enum Telemetry {
    public static let registry = PrometheusCollectorRegistry()

    private static let bootstrapped: Void = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }()

    /// Points swift-metrics at `registry`; calling it again does nothing.
    public static func bootstrap() {
        _ = bootstrapped
    }
}
