import Broadsheet
import Logging
import NIOSSL
import PostgresNIO

extension PostgresStore: ArchiveChangeFeed {
    /// `LISTEN broadsheet_archive` on a connection of its own, outside the pool, so it never takes
    /// a connection that requests need; every archive-version bump on any server notifies it.
    public func archiveChanges() -> AsyncStream<Void> {
        let (changes, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let listener = PostgresArchiveListener(location: location, logger: logger)
        let task = Task { await listener.run(signal) }
        signal.onTermination = { _ in task.cancel() }
        return changes
    }
}

/// Listens for the archive's notifications and, when its connection drops, connects again
/// after a pause, signalling once more on each reconnection (a change may have gone unheard).
struct PostgresArchiveListener: Sendable {
    let location: PostgresLocation
    let logger: Logger
    /// How long it waits before connecting again after a failure.
    var retryPause: Duration = .seconds(1)

    func run(_ signal: AsyncStream<Void>.Continuation) async {
        defer { signal.finish() }
        while !Task.isCancelled {
            do {
                try await listenOnce(signal)
            } catch  where !Task.isCancelled {
                logger.warning("listening for archive changes: \(PostgresStore.describe(error)); trying again")
            } catch {
                return
            }
            try? await Task.sleep(for: retryPause)
        }
    }

    /// One connection's life: connect, listen, signal each notification, until it fails or the
    /// task is cancelled; the connection is closed either way.
    private func listenOnce(_ signal: AsyncStream<Void>.Continuation) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: try configuration(), id: 0, logger: logger)
        do {
            let rows = try await connection.query("SELECT current_schema()", logger: logger).collect()
            let schema = try rows.first.map { try $0.decode(String?.self) } ?? nil
            let ours = (schema ?? location.schema ?? "") + " "
            try await connection.listen(on: PostgresStore.archiveChannel) { notifications in
                signal.yield()
                for try await notification in notifications where notification.payload.hasPrefix(ours) {
                    signal.yield()
                }
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    private func configuration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch PostgresStore.tlsConfiguration(location.tls) {
            case nil: .disable
            case .some((let configuration, let required)):
                required
                    ? .require(try NIOSSLContext(configuration: configuration))
                    : .prefer(try NIOSSLContext(configuration: configuration))
            }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: tls)
        // The archive's own schema, as the pool's connections have it, to tell its notifications.
        configuration.options.additionalStartupParameters =
            [("application_name", applicationName)] + (location.schema.map { [("search_path", $0)] } ?? [])
        return configuration
    }

    /// How the listening connection shows in `pg_stat_activity`, with the archive's schema when
    /// it has one.
    var applicationName: String {
        "broadsheet archive listener" + (location.schema.map { " (\($0))" } ?? "")
    }
}
