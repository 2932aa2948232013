import Broadsheet
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, owned by one `DatabasePool`.
///
/// All SQL lives in this module and binds its parameters; the rest of Broadsheet sees only
/// `ArticleStore`.
public final class SQLiteStore: ArticleStore {
    let database: DatabasePool
    public let path: String
    /// How much of a search is ranked (see `search(_:)`).
    public let searchBounds: SearchBounds
    /// The vocabulary's words this process has filed, so saves skip them.
    let filedWords = FiledWords()

    /// Opens (creating if needed) the database file at `path`. Call `migrate()` before use.
    public init(path: String, searchBounds: SearchBounds = SearchBounds()) throws(StoreError) {
        self.searchBounds = searchBounds
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "broadsheet"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 32 MiB of page cache a connection: the search index's pages stay in memory during imports.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            NewsRank.register(db)
            ArticleSearchText.register(db)
        }
        do {
            self.database = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.database(operation: "opening \(path)", message: Self.describe(error))
        }
        self.path = path
    }

    public func migrate() async throws {
        try await perform("migrating the schema") {
            try Self.migrator.migrate(database)
        }
    }

    /// Whether the schema is behind this build's migrations.
    public func pendingMigrations() async throws -> [String] {
        try await perform("reading the schema version") {
            try database.read { db in try Self.migrator.appliedIdentifiers(db) }
        }.symmetricDifference(Set(Self.migrator.migrations)).sorted()
    }

    public func close() async throws {
        try await perform("closing the database") {
            // GRDB closes its read-only readers last, and the last connection to close leaves the
            // WAL behind unless it may write: the next process to open the file then reads all of it
            // again (0.13 s of an export after an import). Emptied here, there is nothing to read.
            // A reader in another process (a busy server) may keep it from emptying: after a short
            // wait, not the ten seconds writes wait, the file is left as it is.
            _ = try? database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = 100")
                return try db.checkpoint(.truncate)
            }
            try database.close()
        }
    }

    /// Writes a consistent copy of the live database to `destination` without stopping writers.
    public func backup(to destination: String) async throws {
        try await perform("backing up to \(destination)") {
            let target = try DatabaseQueue(path: destination)
            try database.backup(to: target)
            try target.close()
        }
    }

    /// Runs `work`, turning GRDB's errors into `StoreError` that says what we were doing.
    func perform<T>(_ operation: String, _ work: () async throws -> T) async throws -> T {
        try await StoreError.reporting(operation, describe: Self.describe, work)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? error.description
        }
        return String(describing: error)
    }
}
