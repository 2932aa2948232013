import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// How a server stops: on SIGTERM or SIGINT it stops taking requests, lets those in flight end and
/// its services stop (the store's pool last), and returns. `grace` bounds that wait: whatever still
/// runs then is cancelled, with a warning naming the services that had not stopped. Unbounded, one
/// service that never returned kept a signalled server's process alive with every thread idle
/// (seen once, after a benchmark's PostgreSQL load), and a supervisor had to kill it.
public struct ServerShutdown: Sendable {
    /// Returns once the grace period is over: the clock's sleep, or a test's own signal.
    let graceOver: @Sendable () async throws -> Void
    let describedGrace: String
    let signals: [UnixSignal]

    public init(grace: Duration = .seconds(30)) {
        self.init(graceOver: { try await Task.sleep(for: grace) }, described: "\(grace)", signals: [.sigterm, .sigint])
    }

    init(graceOver: @escaping @Sendable () async throws -> Void, described: String, signals: [UnixSignal]) {
        self.graceOver = graceOver
        self.describedGrace = described
        self.signals = signals
    }

    /// Runs `app` with its services until a signal, then stops it as above.
    public func run<Responder: HTTPResponder>(_ app: Application<Responder>, logger: Logger) async throws
    where Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let running = RunningServices()
        var app = app
        app.services = app.services.map { service in NamedService(service: service, running: running) }
        try await group(running: app, listedIn: running, logger: logger).run()
    }

    /// The service group `run` runs: `app` (which runs the services listed in `running`), its
    /// shutdown bounded.
    func group(running app: any Service, listedIn running: RunningServices, logger: Logger) -> ServiceGroup {
        let bounded = BoundedShutdown(app: app, running: running, shutdown: self, logger: logger)
        return ServiceGroup(
            configuration: .init(services: [bounded], gracefulShutdownSignals: signals, logger: logger))
    }
}

/// The names of a server's services that are running now.
final class RunningServices: Sendable {
    private let names = Mutex<[String]>([])

    var now: [String] { names.withLock { $0 } }

    /// Runs `service`, its name listed while it does.
    func run(_ service: any Service) async throws {
        let name = String(describing: type(of: service))
        names.withLock { $0.append(name) }
        defer {
            names.withLock { names in
                if let index = names.firstIndex(of: name) { names.remove(at: index) }
            }
        }
        try await service.run()
    }
}

/// A service that is listed in `running` while it runs.
struct NamedService: Service {
    let service: any Service
    let running: RunningServices

    func run() async throws { try await running.run(service) }
}

/// Runs `app` and, once graceful shutdown has begun and the grace period is over, cancels it.
private struct BoundedShutdown: Service {
    let app: any Service
    let running: RunningServices
    let shutdown: ServerShutdown
    let logger: Logger

    func run() async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            // Task locals reach child tasks: the application sees the group's graceful shutdown.
            group.addTask {
                try await app.run()
                return true
            }
            group.addTask {
                try await gracefulShutdown()
                try await shutdown.graceOver()
                return false
            }
            let appEnded = try await group.next() ?? true
            if !appEnded {
                // The HTTP server stops first, then the services in reverse order: with every
                // one of them still listed, the HTTP server is what has not finished.
                let left = running.now
                let names = left.isEmpty ? "no service" : left.sorted().joined(separator: ", ")
                logger.warning(
                    "still stopping \(shutdown.describedGrace) after the signal (running: \(names)); cancelling the rest"
                )
            }
            // The group waits for the application to end, cancelled, before it returns.
            group.cancelAll()
        }
    }
}
