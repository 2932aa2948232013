import Broadsheet
import Foundation
import Synchronization
import Testing

@testable import BroadsheetPostgres

/// The PostgreSQL store's change feed: `LISTEN` on a connection of its own.
@Suite("PostgreSQL's change feed", .timeLimit(.minutes(10)))
struct PostgresChangeFeedTests {
    @Test func aWriteThroughAnotherStoreIsHeardAndTheFeedListensAgainAfterADrop() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let store = try #require(temporary.store as? PostgresStore)
        let heard = Signals()
        let listening = Task {
            for await _ in store.archiveChanges() { heard.count() }
        }
        defer { listening.cancel() }
        try await heard.wait(for: 1, "the first signal, on connecting")

        let other = try temporary.reopen()
        _ = try await other.save(Story.make(), status: .published)
        try await heard.wait(for: 2, "a write through another store")

        // The server ends the listening connection (found by its name, which the server cuts to
        // 63 bytes); the feed connects again and says so.
        let name = PostgresArchiveListener(location: store.location, logger: store.logger).applicationName
        try await TestDatabase.shared.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = left('\(name)', 63)")
        try await heard.wait(for: 3, "the signal on connecting again")
        _ = try await other.save(Story.make(headline: "Ferry timetable changes"), status: .published)
        try await heard.wait(for: 4, "a write after the reconnection")
        try await other.close()
    }
}

/// Counts the feed's signals and waits for a number of them.
final class Signals: Sendable {
    private let heard = Mutex(0)

    func count() { heard.withLock { $0 += 1 } }

    func wait(for number: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        // A real server's connection: under the whole suite's load a first connect has taken over 5 s.
        let deadline = ContinuousClock.now + .seconds(30)
        while heard.withLock({ $0 }) < number {
            guard ContinuousClock.now < deadline else {
                Issue.record("no signal for \(what)", sourceLocation: sourceLocation)
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
