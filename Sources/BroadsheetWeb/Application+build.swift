import Broadsheet
import Hummingbird
import Logging
import Prometheus

/// Where and how the server listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// How often the server looks for changes made by other processes.
    public var watchInterval: Duration
    /// How often it looks for scheduled articles that are due.
    public var scheduleInterval: Duration
    /// Origins whose pages may call the API from a browser (CORS); none by default.
    public var corsOrigins: [String]

    public init(
        host: String = "127.0.0.1", port: Int = 8080, watchInterval: Duration = .milliseconds(250),
        scheduleInterval: Duration = .seconds(1), corsOrigins: [String] = []
    ) {
        self.host = host
        self.port = port
        self.watchInterval = watchInterval
        self.scheduleInterval = scheduleInterval
        self.corsOrigins = corsOrigins
    }
}

/// Builds the application the server runs and the tests drive: the same routes and middleware,
/// whatever store and theme are passed in.
public func buildApplication(
    site: Site, configuration: ServerConfiguration = ServerConfiguration(),
    logger: Logger = Logger(label: "broadsheet")
) -> some ApplicationProtocol {
    Telemetry.bootstrap()
    return Application(
        router: buildRouter(site: site, metrics: Telemetry.registry, corsOrigins: configuration.corsOrigins),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "Broadsheet"),
        services: [
            ArchiveWatcher(site: site, interval: configuration.watchInterval, logger: logger),
            ScheduledPublisher(site: site, interval: configuration.scheduleInterval, logger: logger),
        ],
        logger: logger)
}

/// Every route of the site and the API, behind the access log, metrics and error pages.
public func buildRouter(site: Site, metrics: PrometheusCollectorRegistry, corsOrigins: [String] = [])
    -> Router<BroadsheetRequestContext>
{
    // HEAD answers as GET without the body: crawlers, CDNs and link checkers ask for headers only.
    let router = Router(context: BroadsheetRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeadersMiddleware())
    if !corsOrigins.isEmpty { router.add(middleware: APICORSMiddleware(origins: Set(corsOrigins))) }
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorPageMiddleware(site: site))
    ReaderController(site: site).addRoutes(to: router)
    APIController(site: site).addRoutes(to: router)
    NewsroomController(site: site).addRoutes(to: router)
    RecordController(site: site).addRoutes(to: router)
    SessionController(site: site).addRoutes(to: router)
    ImportController(site: site).addRoutes(to: router)
    SearchController(site: site).addRoutes(to: router)
    FeedController(site: site).addRoutes(to: router)
    SitemapController(site: site).addRoutes(to: router)
    OperationsController(site: site, metrics: metrics).addRoutes(to: router)
    return router
}
