import Foundation
import PostgresNIO

@testable import BroadsheetPostgres

/// An empty schema of its own in the PostgreSQL test database (`BROADSHEET_TEST_POSTGRES_URL`),
/// named by a `--db` URL with `search_path`, so a command test works on an archive no other test
/// sees. `drop()` removes it; the throwaway cluster of `scripts/with-postgres` takes any left behind.
struct PostgresTestArchive {
    static let variable = "BROADSHEET_TEST_POSTGRES_URL"
    let schema: String
    /// What `--db` is given.
    let url: String
    private let server: String

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "\(PostgresTestArchive.variable) is not set: run the suite with scripts/test, or "
                + "`scripts/with-postgres swift test`, which start a throwaway PostgreSQL server."
        }
    }

    init() async throws {
        guard let server = ProcessInfo.processInfo.environment[Self.variable] else { throw Missing() }
        self.server = server
        schema = "cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        url = server + (server.contains("?") ? "&" : "?") + "search_path=\(schema)"
        try await run("CREATE SCHEMA \(schema)")
    }

    func drop() async throws {
        try await run("DROP SCHEMA \(schema) CASCADE")
    }

    private func run(_ sql: String) async throws {
        try await PostgresStore(url: server, poolSize: 1).withRunning { admin in
            try await admin.read("running the test's SQL") { session in
                try await session.execute(PostgresQuery(unsafeSQL: sql))
            }
        }
    }
}
