import ArgumentParser
import Broadsheet
import BroadsheetWeb
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

    @Flag(help: "Load the bundled demo edition first when the archive is empty.")
    var demo = false

    @Option(help: "The least important log level written: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        let logger = Logger(label: "broadsheet")
        // Before anything counts: the demo import's articles belong in /metrics too.
        Telemetry.bootstrap()
        let theme: Theme
        do {
            theme = try Theme.load(overridesFrom: self.theme)
        } catch {
            throw ValidationError("--theme: \(error)")
        }
        let store = try await self.store.openStore()
        let loadsDemo = demo ? try await DemoEdition.isEmpty(store) : false
        if loadsDemo {
            // An empty archive about to hold the demo takes the demo paper's settings.
            try await store.savePublicationSettings(DemoEdition.settings.over(try await store.publicationSettings()))
        }
        let publication = try await paper.publication(remembering: store, host: host, port: port)
        if loadsDemo {
            let summary = try await DemoEdition.load(into: store, publication: publication)
            logger.info("loaded the demo edition: \(summary.countsLine)")
            for failure in summary.failed { logger.error("demo: \(failure)") }
        }
        let site = Site(publication: publication, store: store, theme: theme)
        let app = buildApplication(
            site: site, configuration: ServerConfiguration(host: host, port: port), logger: logger)
        logger.info("serving \(publication.name) from \(self.store.displayLocation) at http://\(host):\(port)")
        do {
            try await app.runService()
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
