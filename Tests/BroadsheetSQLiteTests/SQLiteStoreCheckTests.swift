import Broadsheet
import Foundation
import GRDB
import Testing

@testable import BroadsheetSQLite

@Suite("Checking and counting a SQLite archive")
struct SQLiteStoreCheckTests {
    @Test func aCleanArchiveHasNoProblems() async throws {
        let temporary = try await TemporaryStore()
        _ = try await temporary.store.save(Story.make(), status: .published)
        #expect(try await temporary.store.check() == [])
    }

    @Test(arguments: [
        ("DELETE FROM articles_fts WHERE rowid = 1", "missing from the search index"),
        ("UPDATE articles SET headline = 'Something else' WHERE id = 1", "headline column differs from its content"),
        ("DELETE FROM article_topics WHERE article_id = 1", "topic links differ from its content"),
        ("DELETE FROM revisions WHERE article_id = 1", "revision 1 but 0 revisions stored"),
    ])
    func findsDerivedDataOutOfStep(tampering: String, expected: String) async throws {
        let temporary = try await TemporaryStore()
        _ = try await temporary.store.save(Story.make(), status: .published)
        try await temporary.store.database.write { db in try db.execute(sql: tampering) }
        let problems = try await temporary.store.check()
        #expect(problems.contains(StoreProblem(articleID: 1, message: expected)), "got \(problems)")
    }

    @Test func countsWhatIsStored() async throws {
        let temporary = try await TemporaryStore()
        _ = try await temporary.store.save(Story.make(), status: .published)
        _ = try await temporary.store.save(Story.make(headline: "A draft", byline: "Reuters | AFP"), status: .draft)
        let stats = try await temporary.store.stats()
        #expect(stats.articlesByStatus == [.published: 1, .draft: 1])
        #expect(stats.authors == 3)
        #expect(stats.editions == 1)
        #expect((stats.bytes ?? 0) > 0)
    }

    @Test func migratingTwiceIsHarmless() async throws {
        let temporary = try await TemporaryStore()
        try await temporary.store.migrate()
        #expect(try await temporary.store.pendingMigrations().isEmpty)
    }

    @Test func backsUpALiveDatabase() async throws {
        let temporary = try await TemporaryStore()
        _ = try await temporary.store.save(Story.make(), status: .published)
        let copyPath = temporary.folder.appendingPathComponent("copy.sqlite").path
        try await temporary.store.backup(to: copyPath)
        let copy = try SQLiteStore(path: copyPath)
        #expect(try await copy.stats().articles == 1)
        #expect(try await copy.check().isEmpty)
        try await copy.close()
    }
}
