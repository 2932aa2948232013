import Broadsheet
import Foundation
import Testing

@Suite("Checking and counting an archive, in every store", .timeLimit(.minutes(10)))
struct StoreCheckTests {
    @Test(arguments: StoreKind.allCases) func aCleanArchiveHasNoProblems(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        _ = try await temporary.store.save(Story.make(), status: .published)
        #expect(try await temporary.store.check() == [])
    }

    /// Ways to break an article's derived data behind the store's back, in each store's SQL.
    enum Tampering: CaseIterable, Sendable {
        case searchEntry, headlineColumn, topicLinks, revisions

        func sql(_ kind: StoreKind) -> String {
            switch (self, kind) {
            case (.searchEntry, .sqlite): "DELETE FROM articles_fts WHERE rowid = 1"
            case (.searchEntry, .postgres): "UPDATE articles SET body_text = 'Something else' WHERE id = 1"
            case (.headlineColumn, _): "UPDATE articles SET headline = 'Something else' WHERE id = 1"
            case (.topicLinks, _): "DELETE FROM article_topics WHERE article_id = 1"
            case (.revisions, _): "DELETE FROM revisions WHERE article_id = 1"
            }
        }

        func expected(_ kind: StoreKind) -> String {
            switch (self, kind) {
            case (.searchEntry, .sqlite): "missing from the search index"
            case (.searchEntry, .postgres): "search index holds an old body"
            case (.headlineColumn, _): "headline column differs from its content"
            case (.topicLinks, _): "topic links differ from its content"
            case (.revisions, _): "revision 1 but 0 revisions stored"
            }
        }
    }

    @Test(arguments: StoreKind.allCases, Tampering.allCases)
    func findsDerivedDataOutOfStep(kind: StoreKind, tampering: Tampering) async throws {
        let temporary = try await TemporaryStore(kind)
        _ = try await temporary.store.save(Story.make(), status: .published)
        try await temporary.tamper(tampering.sql(kind))
        let problems = try await temporary.store.check()
        #expect(problems.contains(StoreProblem(articleID: 1, message: tampering.expected(kind))), "got \(problems)")
    }

    @Test(arguments: StoreKind.allCases) func countsWhatIsStored(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        _ = try await temporary.store.save(Story.make(), status: .published)
        _ = try await temporary.store.save(Story.make(headline: "A draft", byline: "Reuters | AFP"), status: .draft)
        let stats = try await temporary.store.stats()
        #expect(stats.articlesByStatus == [.published: 1, .draft: 1])
        #expect(stats.authors == 3)
        #expect(stats.editions == 1)
        #expect((stats.bytes ?? 0) > 0)
    }

    @Test(arguments: StoreKind.allCases) func migratingTwiceIsHarmless(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        try await temporary.store.migrate()
        #expect(try await temporary.pendingMigrations().isEmpty)
    }
}
