import Broadsheet
import Foundation
import PostgresNIO
import Synchronization
import Testing

@testable import BroadsheetPostgres
@testable import BroadsheetSQLite

/// The stores every store test runs on.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }
}

/// A fresh, migrated store of one kind, closed and removed when the test lets go of it: a SQLite
/// file in a temporary folder, or a schema of its own in the PostgreSQL test database.
final class TemporaryStore: Sendable {
    let kind: StoreKind
    let store: any ArticleStore
    /// The SQLite store's folder, or the PostgreSQL store's schema.
    let place: String

    init(_ kind: StoreKind, searchBounds: SearchBounds = SearchBounds()) async throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "broadsheet-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try SQLiteStore(path: folder.appendingPathComponent("test.sqlite").path, searchBounds: searchBounds)
            place = folder.path
        case .postgres:
            place = try await TestDatabase.shared.createSchema()
            store = try TestDatabase.shared.store(schema: place, searchBounds: searchBounds)
        }
        try await store.migrate()
    }

    /// Another store on the same archive, as a second server would open it.
    func reopen() throws -> any ArticleStore {
        switch kind {
        case .sqlite: try SQLiteStore(path: place + "/test.sqlite")
        case .postgres: try TestDatabase.shared.store(schema: place)
        }
    }

    /// Runs SQL of the test's own behind the store's back, to break what `check` must find.
    func tamper(_ sql: String) async throws {
        switch store {
        case let sqlite as SQLiteStore:
            try await sqlite.database.write { db in try db.execute(sql: sql) }
        case let postgres as PostgresStore:
            try await postgres.read("tampering") { session in try await session.execute(PostgresQuery(unsafeSQL: sql)) }
        default:
            Issue.record("no way to tamper with \(type(of: store))")
        }
    }

    /// The migrations the store has yet to apply.
    func pendingMigrations() async throws -> [String] {
        switch store {
        case let sqlite as SQLiteStore: try await sqlite.pendingMigrations()
        case let postgres as PostgresStore: try await postgres.pendingMigrations()
        default: []
        }
    }

    // A test may let go of its `TemporaryStore` while it still uses the store (ARC releases after
    // the last use), so nothing here closes the store: it closes itself when the last reference
    // goes. A SQLite file may be removed while open; a PostgreSQL schema stays until a later run
    // (see `TestDatabase`) or the throwaway cluster goes.
    deinit {
        if kind == .sqlite { try? FileManager.default.removeItem(atPath: place) }
    }
}

/// The PostgreSQL database the tests share, from `BROADSHEET_TEST_POSTGRES_URL`: each test gets
/// a schema of its own in it, so tests run side by side.
struct TestDatabase: Sendable {
    static let variable = "BROADSHEET_TEST_POSTGRES_URL"
    static let shared = TestDatabase()

    private let url = ProcessInfo.processInfo.environment[variable]
    /// Creates and drops the tests' schemas.
    private let admin: PostgresStore?

    private init() {
        admin = url.flatMap { try? PostgresStore(url: $0, poolSize: 4) }
        admin?.runDetached()
    }

    /// Why there is no database, in words that say how to get one.
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "\(TestDatabase.variable) is not set, so the PostgreSQL half of the store tests cannot run. "
                + "Run the suite with scripts/test, or `scripts/with-postgres swift test`, which start a "
                + "throwaway PostgreSQL server; `swift test --filter SQLite` runs the SQLite-only tests alone."
        }
    }

    func location(schema: String?) throws -> PostgresLocation {
        guard let url else { throw Missing() }
        var location = try PostgresLocation(url: url)
        location.schema = schema
        return location
    }

    /// A store on `schema` whose pool runs until it is closed or released, as a test holds it.
    func store(schema: String, poolSize: Int = 2, searchBounds: SearchBounds = SearchBounds()) throws -> PostgresStore {
        let store = PostgresStore(
            location: try location(schema: schema), poolSize: poolSize, searchBounds: searchBounds)
        store.runDetached()
        return store
    }

    /// A new schema named after this process (`test_<pid>_<random>`). The first one also drops
    /// the schemas of test processes that have ended, so a developer's own database stays tidy.
    func createSchema() async throws -> String {
        guard let admin else { throw Missing() }
        await Self.tidyOnce(admin)
        let pid = ProcessInfo.processInfo.processIdentifier
        let schema = "test_\(pid)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await execute("CREATE SCHEMA \(schema)", on: admin)
        return schema
    }

    private static let tidied = Mutex(false)

    private static func tidyOnce(_ admin: PostgresStore) async {
        guard
            tidied.withLock({ done in
                defer { done = true }; return !done
            })
        else { return }
        let schemas =
            (try? await admin.read("listing test schemas") { session in
                try await session.rows("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'test\\_%'").map {
                    try $0("nspname", as: String.self)
                }
            }) ?? []
        for schema in schemas {
            let parts = schema.split(separator: "_")
            guard parts.count == 3, let pid = Int32(parts[1]), kill(pid, 0) != 0 else { continue }
            try? await TestDatabase.shared.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE", on: admin)
        }
    }

    func dropSchema(_ schema: String) async throws {
        guard let admin else { throw Missing() }
        try await execute("DROP SCHEMA \(schema) CASCADE", on: admin)
    }

    /// Runs the tests' own SQL as the database's administrator.
    func execute(_ sql: String) async throws {
        guard let admin else { throw Missing() }
        try await execute(sql, on: admin)
    }

    private func execute(_ sql: String, on admin: PostgresStore) async throws {
        try await admin.read("running the tests' SQL") { session in
            try await session.execute(PostgresQuery(unsafeSQL: sql))
        }
    }
}
