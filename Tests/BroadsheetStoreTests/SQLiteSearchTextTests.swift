import Broadsheet
import Foundation
import GRDB
import Testing

@testable import BroadsheetSQLite

/// The SQLite full-text index reads each article's text from the article (`ArticleSearchText`)
/// and keeps no copy of its own.
@Suite("SQLite's search index, reading the articles' own text", .timeLimit(.minutes(10)))
struct SQLiteSearchTextTests {
    @Test func theIndexKeepsNoCopyAndCutsSnippetsFromTheArticle() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        let id = try await store.save(
            Story.make(body: ["Cormorants nest under the southern arch.", "A drone counted them."]),
            status: .published
        ).articleID
        let tables = try await store.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'articles_fts%' ORDER BY name")
        }
        #expect(!tables.contains("articles_fts_content"))
        let hits = try await store.search(SearchQuery("cormorants")).hits
        #expect(hits.map(\.article.id) == [id])
        #expect(hits.first?.snippet.parts.contains(.match("Cormorants")) == true)
    }

    /// The words of a story's earlier telling leave the index with it: the index reads them
    /// from the row before it changes.
    @Test func aRevisedStoryIsFoundByItsNewWordsOnly() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = temporary.store
        let id = try await store.save(Story.make(body: ["Pelicans crowd the old pier."]), status: .published)
            .articleID
        let newer = Story.make(body: ["Flamingos crowd the old pier."], updatedHour: 11)
        #expect(try await store.save(newer, status: .published) == .updated(id: id, revision: 2))
        #expect(try await store.search(SearchQuery("pelicans")).hits.isEmpty)
        #expect(try await store.search(SearchQuery("flamingos")).hits.map(\.article.id) == [id])
        #expect(try await store.check().isEmpty)
    }

    @Test func checkFindsAnArticleMissingFromTheIndex() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let id = try await temporary.store.save(Story.make(), status: .published).articleID
        try await temporary.tamper("DELETE FROM articles_fts WHERE rowid = \(id)")
        let problems = try await temporary.store.check()
        #expect(problems.contains(StoreProblem(articleID: id, message: "missing from the search index")))
    }
}
