import Logging
import ServiceLifecycle
import Testing

@testable import BroadsheetWeb

/// A signalled server stops within its grace period whatever its services do: one that never
/// stops by itself is cancelled when the period is over, and the warning names it.
///
/// The limit is the suites' usual one: under the whole suite no test ends in its first 110 s or so,
/// and two minutes here ran out before these had begun.
@Suite("Stopping the server", .timeLimit(.minutes(10)))
struct ServerShutdownTests {
    /// A service that ignores graceful shutdown and ends only when cancelled.
    struct Stubborn: Service {
        let started: AsyncStream<Void>.Continuation

        func run() async throws {
            started.yield()
            try await Self.untilCancelled()
        }

        /// Waits for nothing: returns once its task is cancelled.
        static func untilCancelled() async throws {
            let (stream, continuation) = AsyncStream<Void>.makeStream()
            for await _ in stream {}
            continuation.finish()
            try Task.checkCancellation()
        }
    }

    /// A service that stops as soon as graceful shutdown begins.
    struct Willing: Service {
        let started: AsyncStream<Void>.Continuation

        func run() async throws {
            started.yield()
            try await gracefulShutdown()
        }
    }

    /// Services run in a group of their own inside the bounded one, as an application runs them.
    struct Application: Service {
        let services: [any Service]
        let running: RunningServices
        let logger: Logger

        func run() async throws {
            let named = services.map { NamedService(service: $0, running: running) }
            try await ServiceGroup(services: named, logger: logger).run()
        }
    }

    @Test func aServiceThatNeverStopsIsCancelledAfterTheGracePeriod() async throws {
        let lines = LogLines()
        let logger = Logger(label: "test") { _ in lines }
        // The grace period is over as soon as it begins.
        let shutdown = ServerShutdown(graceOver: {}, described: "0 seconds", signals: [])
        try await Self.stop(with: shutdown, logger: logger) { [Willing(started: $0), Stubborn(started: $0)] }
        let warnings = lines.all.filter { $0.hasPrefix("still stopping") }
        // Services stop in reverse order: the stubborn one first, so neither has stopped.
        #expect(
            warnings == ["still stopping 0 seconds after the signal (running: Stubborn, Willing); cancelling the rest"])
    }

    @Test func servicesThatStopInTimeEndWithoutAWarning() async throws {
        let lines = LogLines()
        let logger = Logger(label: "test") { _ in lines }
        // A grace period that never ends: the services must stop by themselves.
        let shutdown = ServerShutdown(
            graceOver: { try await Stubborn.untilCancelled() }, described: "ever", signals: [])
        try await Self.stop(with: shutdown, logger: logger) { [Willing(started: $0), Willing(started: $0)] }
        #expect(!lines.all.contains { $0.hasPrefix("still stopping") })
    }

    /// Runs the services until each has started, then shuts down gracefully and waits for the end.
    private static func stop(
        with shutdown: ServerShutdown, logger: Logger,
        _ services: (AsyncStream<Void>.Continuation) -> [any Service]
    ) async throws {
        let (started, starting) = AsyncStream<Void>.makeStream()
        let running = RunningServices()
        let app = Application(services: services(starting), running: running, logger: logger)
        let group = shutdown.group(running: app, listedIn: running, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var count = 0
            for await _ in started {
                count += 1
                if count == app.services.count { break }
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
