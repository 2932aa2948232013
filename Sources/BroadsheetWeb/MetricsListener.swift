import Hummingbird
import Logging
import NIOCore

/// Where `/metrics` is served when it should not be public (`serve --metrics-address`): a second
/// listener, usually on a private interface only Prometheus reaches, answering `/metrics` and
/// `/healthz` and nothing else. The public address then answers 404 for `/metrics`, as operators
/// expect of counters that name routes, outcomes and error rates.
public struct MetricsListener: Sendable, Equatable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `HOST:PORT`, `[IPv6]:PORT`, or `:PORT` for 127.0.0.1.
    public init(parsing text: String) throws(MetricsListenerError) {
        guard let colon = text.lastIndex(of: ":") else { throw MetricsListenerError(text: text) }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty && !text.hasPrefix("[") { host = "127.0.0.1" }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { throw MetricsListenerError(text: text) }
        self.init(host: host, port: port)
    }
}

/// A metrics address that is not `HOST:PORT`.
public struct MetricsListenerError: Error, CustomStringConvertible {
    public var text: String
    public var description: String {
        "expected HOST:PORT (127.0.0.1:9090, [::1]:9090 or :9090) with a port from 0 to 65535, found '\(text)'"
    }
}

/// The second application behind a `MetricsListener`: `/metrics` and `/healthz`, without the
/// site's middleware (its requests are not the site's traffic).
func buildMetricsApplication(
    site: Site, listener: MetricsListener, logger: Logger,
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = Router(context: BroadsheetRequestContext.self)
    OperationsController<BroadsheetRequestContext>(site: site, metrics: Telemetry.registry)
        .addMonitoringRoutes(to: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(listener.host, port: listener.port), serverName: "Broadsheet"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? listener.port
            let host = listener.host.contains(":") ? "[\(listener.host)]" : listener.host
            logger.info("serving /metrics at http://\(host):\(port)/metrics")
            await onRunning(port)
        },
        logger: logger)
}
