import Broadsheet
import BroadsheetImport
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Where and how the server listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// How often the server looks for changes made by other processes.
    public var watchInterval: Duration
    /// Wire and partner feeds the server polls and imports from (`serve --feed`).
    public var feeds: [URL]
    /// How often each feed is fetched (with a conditional GET).
    public var feedInterval: Duration
    /// How often it looks for scheduled articles that are due.
    public var scheduleInterval: Duration
    /// Origins whose pages may call the API from a browser (CORS); none by default.
    public var corsOrigins: [String]
    /// Addresses of reverse proxies whose `X-Forwarded-For` names the real client.
    public var trustedProxies: [String]
    /// A listener of its own for `/metrics`, which the public address then does not answer.
    public var metricsListener: MetricsListener?
    /// Told the metrics listener's port once it listens (tests ask for port 0).
    var metricsListening: @Sendable (Int) async -> Void = { _ in }
    /// What the scheduled publisher takes as the time (tests move it instead of waiting).
    var scheduleNow: @Sendable () -> Date = { Date() }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, watchInterval: Duration = .milliseconds(250), feeds: [URL] = [],
        feedInterval: Duration = .seconds(300), scheduleInterval: Duration = .seconds(1), corsOrigins: [String] = [],
        trustedProxies: [String] = [], metricsListener: MetricsListener? = nil
    ) {
        self.host = host
        self.port = port
        self.watchInterval = watchInterval
        self.feeds = feeds
        self.feedInterval = feedInterval
        self.scheduleInterval = scheduleInterval
        self.corsOrigins = corsOrigins
        self.trustedProxies = trustedProxies
        self.metricsListener = metricsListener
    }
}

/// What the `Server` header says.
let serverName = "Broadsheet"

/// Builds the application the server runs and the tests drive: the same routes and middleware,
/// whatever store and theme are passed in.
public func buildApplication(
    site: Site, configuration: ServerConfiguration = ServerConfiguration(),
    logger: Logger = Logger(label: "broadsheet")
) -> Application<RouterResponder<BroadsheetRequestContext>> {
    Telemetry.bootstrap()
    var app = Application(
        router: buildRouter(
            site: site, metrics: Telemetry.registry, corsOrigins: configuration.corsOrigins,
            trustedProxies: configuration.trustedProxies, servingMetrics: configuration.metricsListener == nil),
        server: ReaderHTTP1Channel.builder(
            answers: CachedPageAnswers(
                cache: site.cache, logger: logger, metrics: CachedPageMetrics(), serverName: serverName)),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: serverName),
        services: backgroundServices(site: site, configuration: configuration, logger: logger),
        logger: logger)
    if let listener = configuration.metricsListener {
        app.addServices(
            buildMetricsApplication(
                site: site, listener: listener, logger: logger, onRunning: configuration.metricsListening))
    }
    return app
}

/// What runs beside the HTTP server: the archive watcher, and the feed poller when feeds are configured.
func backgroundServices(site: Site, configuration: ServerConfiguration, logger: Logger) -> [any Service] {
    var services: [any Service] = [
        ArchiveWatcher(site: site, interval: configuration.watchInterval, logger: logger),
        ScheduledPublisher(
            workflow: site.store, cache: site.cache, interval: configuration.scheduleInterval,
            now: configuration.scheduleNow, logger: logger),
    ]
    if !configuration.feeds.isEmpty {
        let importer = Importer(store: site.store, publication: site.publication)
        services.append(
            FeedPollingService(
                poller: FeedPoller(feeds: configuration.feeds, importer: importer),
                interval: configuration.feedInterval, logger: logger))
    }
    return services
}

/// Every route of the site and the API, behind the access log, metrics and error pages;
/// `/metrics` too unless `servingMetrics` is false (it has a `MetricsListener` of its own).
public func buildRouter(
    site: Site, metrics: PrometheusCollectorRegistry, corsOrigins: [String] = [], trustedProxies: [String] = [],
    servingMetrics: Bool = true
) -> Router<BroadsheetRequestContext> {
    // HEAD answers as GET without the body: crawlers, CDNs and link checkers ask for headers only.
    let router = Router(context: BroadsheetRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeadersMiddleware())
    if !trustedProxies.isEmpty { router.add(middleware: ClientAddressMiddleware(trustedProxies: Set(trustedProxies))) }
    if !corsOrigins.isEmpty { router.add(middleware: APICORSMiddleware(origins: Set(corsOrigins))) }
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorPageMiddleware(site: site))
    ReaderController(site: site).addRoutes(to: router)
    ClippingController(site: site).addRoutes(to: router)
    IIIFImageController(site: site).addRoutes(to: router)
    IIIFPresentationController(site: site).addRoutes(to: router)
    EditionBookController(site: site).addRoutes(to: router)
    APIController(site: site).addRoutes(to: router)
    PrintedPagesAPIController(site: site).addRoutes(to: router)
    NewsroomController(site: site).addRoutes(to: router)
    RecordController(site: site).addRoutes(to: router)
    SessionController(site: site).addRoutes(to: router)
    AccountsController(site: site).addRoutes(to: router)
    ImportController(site: site).addRoutes(to: router)
    SearchController(site: site).addRoutes(to: router)
    FeedController(site: site).addRoutes(to: router)
    SitemapController(site: site).addRoutes(to: router)
    OperationsController(site: site, metrics: metrics).addRoutes(to: router, servingMetrics: servingMetrics)
    let desk = router.group().add(middleware: DeskMiddleware(site: site))
    DeskController(site: site).addRoutes(to: desk)
    DeskArticleController(site: site).addRoutes(to: desk)
    DeskRevisionsController(site: site).addRoutes(to: desk)
    DeskEditionController(site: site).addRoutes(to: desk)
    DeskAdminController(site: site).addRoutes(to: desk)
    return router
}
