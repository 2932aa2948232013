import ArgumentParser
import Broadsheet
import BroadsheetImport
import BroadsheetPostgres
import BroadsheetWeb
import Foundation
import Hummingbird
import Logging

/// `broadsheet serve`: the reader site and the API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the site and the API."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var paper: PublicationOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Option(help: "A folder of templates/ and static/ files that replace the bundled ones.")
    var theme: String?

    @Option(
        name: .customLong("cors-origin"),
        help: "An origin whose pages may call the API from a browser, e.g. https://desk.example.org (repeatable).")
    var corsOrigins: [String] = []

    @Option(
        name: .customLong("trusted-proxy"),
        help: "The address of a reverse proxy whose X-Forwarded-For names the real client (repeatable).")
    var trustedProxies: [String] = []

    @Option(
        name: .customLong("metrics-address"),
        help: ArgumentHelp(
            "Serve /metrics (and /healthz) on this HOST:PORT only, e.g. 10.0.0.5:9090 on a private network; the public address then answers 404 for /metrics.",
            valueName: "host:port"))
    var metricsAddress: String?

    @Flag(help: "Load the bundled demo edition first when the archive is empty.")
    var demo = false

    @Option(
        name: .customLong("feed"),
        help: "A wire or partner feed (RSS, Atom, NewsML, ...) to poll and import from (repeatable).")
    var feeds: [String] = []

    @Option(help: "Seconds between two fetches of each feed; each fetch is a conditional GET.")
    var feedInterval: Int = 300

    @Option(help: "The least important log level written: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        for feed in feeds where !FeedFetcher.isFeedAddress(feed) {
            throw ValidationError("--feed \(feed): expected an http:// or https:// address")
        }
        if !(1...604_800).contains(feedInterval) {
            throw ValidationError("--feed-interval \(feedInterval): expected 1 to 604800 seconds (a week)")
        }
        if !(0...65_535).contains(port) { throw ValidationError("--port \(port): expected 0 to 65535") }
        _ = try metricsListener()
    }

    func metricsListener() throws -> MetricsListener? {
        guard let metricsAddress else { return nil }
        do {
            return try MetricsListener(parsing: metricsAddress)
        } catch {
            throw ValidationError("--metrics-address: \(error)")
        }
    }

    func run() async throws {
        let logLevel = self.logLevel
        LoggingSystem.bootstrap { label in BatchedLogHandler(label: label, level: logLevel) }
        // Lines still waiting in the batch are written before the process ends, however it ends.
        defer { LogOutput.standardError.flush() }
        let logger = Logger(label: "broadsheet")
        // Before anything counts: the demo import's articles belong in /metrics too.
        Telemetry.bootstrap()
        let theme: Theme
        do {
            theme = try Theme.load(overridesFrom: self.theme)
        } catch {
            throw ValidationError("--theme: \(error)")
        }
        // The publication is read before the app is built (and the demo filed when asked for),
        // through a store of its own that closes before the server's store opens.
        let publication = try await self.store.withStore { store in
            let loadsDemo = demo ? try await DemoEdition.isEmpty(store) : false
            if loadsDemo {
                // An empty archive about to hold the demo takes the demo paper's settings.
                try await store.savePublicationSettings(
                    DemoEdition.settings.over(try await store.publicationSettings()))
            }
            let publication = try await paper.publication(remembering: store, host: host, port: port)
            if loadsDemo {
                let summary = try await DemoEdition.load(into: store, publication: publication)
                logger.info("loaded the demo edition: \(summary.countsLine)")
                for failure in summary.failed { logger.error("demo: \(failure)") }
                for account in try await DemoDeskAccounts.add(to: store) {
                    logger.notice(
                        "the desk: sign in at http://\(host):\(port)/desk as \(account.name), password \(account.password)"
                    )
                }
                if let images = try self.store.images() {
                    let printed = try await DemoEdition.printPages(
                        into: store, publication: publication, images: images)
                    logger.info("printed the demo edition: \(printed.countsLine)")
                } else {
                    logger.notice(
                        "the demo's printed pages need --images DIR or s3://BUCKET/PREFIX with PostgreSQL; showing its text only"
                    )
                }
            }
            return publication
        }
        let store = try self.store.makeStore()
        let site = Site(publication: publication, store: store, theme: theme, images: try self.store.images())
        let configuration = ServerConfiguration(
            host: host, port: port, feeds: feeds.compactMap(URL.init(string:)), feedInterval: .seconds(feedInterval),
            corsOrigins: corsOrigins, trustedProxies: trustedProxies, metricsListener: try metricsListener())
        var app = buildApplication(site: site, configuration: configuration, logger: logger)
        if let pool = store as? PostgresStore {
            // First of the services, so it stops last: after the server and every service using it.
            app.services.insert(pool, at: 0)
        }
        app.beforeServerStarts { try await store.migrate() }
        logger.info("serving \(publication.name) from \(self.store.displayLocation) at http://\(host):\(port)")
        do {
            try await ServerShutdown().run(app, logger: logger)
        } catch {
            try? await store.close()
            throw error
        }
        // In-flight requests have finished: close the database cleanly.
        try await store.close()
        logger.info("stopped")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
