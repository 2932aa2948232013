import Broadsheet
import Foundation
import Logging
import NIOSSL
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The shared store: one PostgreSQL database that several `broadsheet serve` processes use at once.
///
/// Its pool of connections runs while `run()` does: a server adds the store to its services, a
/// command works inside `withRunning(_:)`. Every operation leases one connection, and every write
/// is one transaction. All SQL lives in this module and binds its parameters; the rest of
/// Broadsheet sees only `ArticleStore`.
public final class PostgresStore: ArticleStore, Service {
    let client: PostgresClient
    let logger: Logger
    public let location: PostgresLocation
    /// The pool's task when it runs detached (`runDetached()`), else nil.
    private let detached = Mutex<Task<Void, Never>?>(nil)
    let plannerStatistics = PostgresPlannerStatistics()

    /// How much of a search is ranked (`rankingWindow` and `headlineWindow`).
    public let searchBounds: SearchBounds

    /// A pool of at most `poolSize` connections to `location`, which runs once `run()` is called;
    /// connections open when first needed. Call `migrate()` before use.
    public init(
        location: PostgresLocation, poolSize: Int = 10, searchBounds: SearchBounds = SearchBounds(),
        logger: Logger = PostgresStore.defaultLogger
    ) {
        self.searchBounds = searchBounds
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: Self.tls(location.tls))
        configuration.options.maximumConnections = max(1, poolSize)
        // The pool replaces a closed connection only to keep its minimum: with none, a queued
        // request could wait for ever after the server ends the last one.
        configuration.options.minimumConnections = 1
        if let schema = location.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.location = location
    }

    /// Opens the database a `postgres://` URL names.
    public convenience init(url: String, poolSize: Int = 10) throws(StoreError) {
        self.init(location: try PostgresLocation(url: url), poolSize: poolSize)
    }

    /// Errors only: the pool's retries while a server is unreachable are noise on a terminal.
    public static var defaultLogger: Logger {
        var logger = Logger(label: "broadsheet.postgres")
        logger.logLevel = .error
        return logger
    }

    /// Runs the pool until the task is cancelled or, in a `ServiceGroup`, until graceful shutdown;
    /// its connections are closed when it returns. Leases wait until it runs.
    public func run() async throws {
        await client.run()
    }

    /// Runs `body` while the pool runs beside it in a child task, then stops the pool and waits
    /// for its connections to close, whether `body` returns or throws.
    public func withRunning<T>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.run() }
            defer { group.cancelAll() }
            return try await body(self)
        }
    }

    /// Runs the pool in a task of its own until `close()` or until the store is released: for a
    /// holder whose life is an object's rather than a scope's (the tests' shared fixtures).
    /// Servers add the store to their services and commands use `withRunning(_:)` instead.
    public func runDetached() {
        detached.withLock { task in
            guard task == nil else { return }
            let client = client
            task = Task { await client.run() }
        }
    }

    deinit {
        detached.withLock { $0?.cancel() }
    }

    /// Stops a pool started by `runDetached()`; a pool run by `run()` stops with the task that runs it.
    public func close() async throws {
        detached.withLock { $0?.cancel() }
    }

    private static func tls(_ mode: PostgresLocation.TLSMode) -> PostgresClient.Configuration.TLS {
        switch tlsConfiguration(mode) {
        case nil: .disable
        case .some((let configuration, let required)): required ? .require(configuration) : .prefer(configuration)
        }
    }

    /// What `sslmode` asks of TLS, as libpq reads it: nil for none; else the configuration and
    /// whether a server without TLS is refused.
    static func tlsConfiguration(_ mode: PostgresLocation.TLSMode) -> (TLSConfiguration, required: Bool)? {
        var unchecked = TLSConfiguration.makeClientConfiguration()
        unchecked.certificateVerification = .none
        var caOnly = TLSConfiguration.makeClientConfiguration()
        caOnly.certificateVerification = .noHostnameVerification
        return switch mode {
        case .disable: nil
        case .allow, .prefer: (unchecked, false)
        case .require: (unchecked, true)
        case .verifyCA: (caOnly, true)
        case .verifyFull: (.makeClientConfiguration(), true)
        }
    }

    /// Runs `work` on one leased connection, outside any transaction.
    func read<T: Sendable>(_ operation: String, _ work: (PostgresSession) async throws -> T) async throws -> T {
        try await perform(operation) {
            try await withOpenConnection { connection in
                try await work(PostgresSession(connection: connection, logger: logger))
            }
        }
    }

    /// Runs `work` on a leased connection that is still open.
    ///
    /// The pool can lease a connection the server has just closed, and a query written to a
    /// closed channel is never answered; so a closed connection goes back and another is asked for.
    private func withOpenConnection<T>(_ work: (PostgresConnection) async throws -> T) async throws -> T {
        for _ in 1...3 {
            var leased = false
            let outcome: T?
            do {
                outcome = try await client.withConnection { connection in
                    leased = true
                    guard !connection.isClosed else { return nil }
                    return .some(try await work(connection))
                }
            } catch let error where !leased && !(error is PSQLError) {
                // PostgresNIO reports the pool's closing and a cancelled lease as `PSQLError`; what
                // else fails a lease is its circuit breaker, once connecting has failed for a while.
                throw Unreachable()
            }
            if let outcome { return outcome }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw StoreError.database(operation: "leasing a connection", message: "every connection leased was closed")
    }

    /// The pool gave up connecting to the server.
    struct Unreachable: Error {}

    /// Runs `work` in one read-only transaction, so its statements see one snapshot of the archive.
    func snapshot<T: Sendable>(_ operation: String, _ work: (PostgresSession) async throws -> T) async throws -> T {
        try await transaction(operation, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", work)
    }

    /// Runs `work` in one transaction: all of it is kept, or none of it when it throws.
    func write<T: Sendable>(_ operation: String, _ work: (PostgresSession) async throws -> T) async throws -> T {
        try await transaction(operation, begin: "BEGIN", work)
    }

    private func transaction<T: Sendable>(
        _ operation: String, begin: PostgresQuery, _ work: (PostgresSession) async throws -> T
    ) async throws -> T {
        try await perform(operation) {
            try await withOpenConnection { connection in
                let session = PostgresSession(connection: connection, logger: logger)
                try await session.execute(begin)
                do {
                    let result = try await work(session)
                    try await session.execute("COMMIT")
                    return result
                } catch {
                    try? await session.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }

    /// Runs `work`, turning PostgresNIO's errors into `StoreError` that says what we were doing.
    func perform<T>(_ operation: String, _ work: () async throws -> T) async throws -> T {
        try await StoreError.reporting(operation, describe: Self.describe, work)
    }

    /// The server's own message when there is one, else what the client saw go wrong.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return [message, error.serverInfo?[.detail]].compactMap { $0 }.joined(separator: ": ")
            }
            let underlying = error.underlying.map { ": \($0)" } ?? ""
            return "\(error.code)\(underlying)"
        }
        if error is Unreachable {
            return "cannot connect to the database server: every attempt for a minute failed"
        }
        return String(describing: error)
    }
}
