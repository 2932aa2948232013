import Broadsheet
import Hummingbird
import Prometheus

/// What operators and browsers fetch besides pages: health, metrics and the theme's static files.
struct OperationsController<Context: RequestContext> {
    let site: Site
    let metrics: PrometheusCollectorRegistry

    /// The public routes; `/metrics` among them unless it has a listener of its own.
    func addRoutes(to router: Router<Context>, servingMetrics: Bool = true) {
        router.get(SiteURL.health.route, use: health)
        if servingMetrics { router.get(SiteURL.metrics.route, use: prometheus) }
        router.get(SiteURL.staticFile(.key).route, use: staticFile)
    }

    /// What a `MetricsListener` answers.
    func addMonitoringRoutes(to router: Router<Context>) {
        router.get(SiteURL.health.route, use: health)
        router.get(SiteURL.metrics.route, use: prometheus)
    }

    /// 200 when the database answers, 503 when it does not.
    @Sendable func health(_ request: Request, context: Context) async throws -> Response {
        do {
            _ = try await site.store.latestEditionDate()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        } catch {
            context.logger.error("health check failed: \(error)")
            return Response(
                status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "database unavailable\n")))
        }
    }

    @Sendable func prometheus(_ request: Request, context: Context) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
    }

    @Sendable func staticFile(_ request: Request, context: Context) async throws -> Response {
        guard let name = context.parameters.get("file"), let file = site.theme.staticFiles[name] else {
            throw HTTPError(.notFound, message: "There is no such file.")
        }
        return try file.page.response(from: request, context: context)
    }
}
