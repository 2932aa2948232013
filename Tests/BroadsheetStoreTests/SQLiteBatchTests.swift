import Broadsheet
import Foundation
import Testing

/// An import's batch is one SQLite transaction, each story in a savepoint of its own; the ids of
/// the rows stories share are looked up once a batch (`SharedRowIDs`).
@Suite("SQLite's import batches", .timeLimit(.minutes(10)))
struct SQLiteBatchTests {
    /// A story that fails after creating its section, edition, topic and author takes them with
    /// it; the next story in the batch, on the same beat and day, creates them again.
    @Test func aFailedStorysNewRowsAreNotReusedByTheNext() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        try await temporary.tamper(
            """
            CREATE TRIGGER refuse_doomed BEFORE INSERT ON revisions
            WHEN (SELECT headline FROM articles WHERE id = NEW.article_id) = 'Doomed story'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
            """)
        let day = EditionDate(year: 2025, month: 5, day: 1)!
        func story(_ headline: String) -> ArticleContent {
            Story.make(
                headline: headline, section: "Harbours", topics: ["Ports"], byline: "Zara Siddiqui", date: day)
        }
        let outcomes = try await temporary.store.save(
            [story("Doomed story"), story("Later story"), story("Last story")], status: .published)
        #expect(throws: StoreError.self) { try outcomes[0].get() }
        guard case .created(let later) = try outcomes[1].get(), case .created(let last) = try outcomes[2].get() else {
            Issue.record("expected the later stories created, got \(outcomes)")
            return
        }
        #expect(try await temporary.store.article(id: later)?.content == story("Later story"))
        #expect(try await temporary.store.article(id: last)?.content == story("Last story"))
        #expect(try await temporary.store.topics().map(\.term.name) == ["Ports"])
        #expect(try await temporary.store.check().isEmpty)
    }
}
