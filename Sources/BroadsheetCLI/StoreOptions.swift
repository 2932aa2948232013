import ArgumentParser
import Broadsheet
import BroadsheetSQLite
import Foundation

/// `--db`: which archive a command works on.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "A SQLite file path or a postgres:// URL (default: $BROADSHEET_DB, else ./broadsheet.sqlite).")
    var database: String?

    /// The flag, else `BROADSHEET_DB`, else the default file.
    var location: String {
        database ?? ProcessInfo.processInfo.environment["BROADSHEET_DB"] ?? "./broadsheet.sqlite"
    }

    /// Opens the archive and brings its schema up to date.
    func openStore(migrating: Bool = true) async throws -> any ArticleStore {
        let location = self.location
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            throw ValidationError(
                "--db \(location): this build stores archives in SQLite only; give a file path such as ./broadsheet.sqlite"
            )
        }
        let store = try SQLiteStore(path: location)
        if migrating { try await store.migrate() }
        return store
    }

    /// Opens the archive, runs `body` with it and closes it, whether `body` succeeds or throws.
    func withStore<T>(_ body: (any ArticleStore) async throws -> T) async throws -> T {
        let store = try await openStore()
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}
