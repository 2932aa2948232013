import Broadsheet
import Foundation
import Logging
import NIOSSL
import PostgresNIO
import _ConnectionPoolModule

/// The shared store: one PostgreSQL database that several `broadsheet serve` processes use at once.
///
/// A pool of connections runs for the store's life. Every operation leases one connection, and
/// every write is one transaction. All SQL lives in this module and binds its parameters; the
/// rest of Broadsheet sees only `ArticleStore`.
public final class PostgresStore: ArticleStore {
    let client: PostgresClient
    let logger: Logger
    public let location: PostgresLocation
    private let running: Task<Void, Never>
    let plannerStatistics = PostgresPlannerStatistics()

    /// How much of a search is ranked (`rankingWindow` and `headlineWindow`).
    public let searchBounds: SearchBounds

    /// Starts a pool of at most `poolSize` connections to `location`; connections open when first
    /// needed. Call `migrate()` before use.
    public init(
        location: PostgresLocation, poolSize: Int = 10, searchBounds: SearchBounds = SearchBounds(),
        logger: Logger = PostgresStore.defaultLogger
    ) {
        self.searchBounds = searchBounds
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: Self.tls(location.tls))
        configuration.options.maximumConnections = max(1, poolSize)
        // PostgresNIO 1.33.2's pool opens a connection when one closes only to keep this minimum,
        // not for the requests waiting: with a minimum of 0, a request queued while the last
        // connection was in use waits for ever once the server ends that connection (what froze
        // the dropped-connection test). One kept open means a closed one is always replaced.
        configuration.options.minimumConnections = 1
        if let schema = location.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.location = location
        // Started at once, so the pool is running before the first lease.
        self.running = Task { await client.run() }
    }

    /// Opens the database a `postgres://` URL names.
    public convenience init(url: String, poolSize: Int = 10) throws(StoreError) {
        self.init(location: try PostgresLocation(url: url), poolSize: poolSize)
    }

    /// Errors only: the pool's retries while a server is unreachable, and its warning when the
    /// first lease comes before the pool's task has started (harmless: the lease waits), are noise
    /// on a terminal. (`Task.immediate` would start the pool first, but test runs with it hung.)
    public static var defaultLogger: Logger {
        var logger = Logger(label: "broadsheet.postgres")
        logger.logLevel = .error
        return logger
    }

    deinit {
        running.cancel()
    }

    /// Stops the pool, which closes its connections; waits a few seconds at most for that, as
    /// the pool's task was seen not to end now and then.
    public func close() async throws {
        running.cancel()
        let running = running
        // A race of two unstructured tasks, not a task group: a group waits for every child, and
        // waiting for a task's value ignores cancellation, so a group would not keep the cap.
        let (ended, signal) = AsyncStream<Void>.makeStream()
        Task {
            await running.value
            signal.yield()
        }
        let timer = Task {
            try? await Task.sleep(for: .seconds(5))
            signal.yield()
        }
        for await _ in ended { break }
        timer.cancel()
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
    /// The pool can lease a connection the server has just closed, before the pool has heard of
    /// it, and PostgresNIO 1.33.2 never answers a query written to a closed channel: the request
    /// would wait for ever. So a closed connection goes back and another is asked for (the pool's
    /// minimum of one replaces it).
    private func withOpenConnection<T>(_ work: (PostgresConnection) async throws -> T) async throws -> T {
        for _ in 1...3 {
            let outcome: T? = try await client.withConnection { connection in
                guard !connection.isClosed else { return nil }
                return .some(try await work(connection))
            }
            if let outcome { return outcome }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw StoreError.database(operation: "leasing a connection", message: "every connection leased was closed")
    }

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
        do {
            return try await work()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(operation: operation, message: Self.describe(error))
        }
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
        if let error = error as? ConnectionPoolError, error == .connectionCreationCircuitBreakerTripped {
            return "cannot connect to the database server: every attempt for a minute failed"
        }
        return String(describing: error)
    }
}

extension Date {
    /// Whole seconds since 1970: how both stores keep instants.
    var unixSeconds: Int64 { StoredTime.seconds(self) }

    /// An instant kept as whole seconds since 1970.
    init(unixSeconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(unixSeconds))
    }
}
