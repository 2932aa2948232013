import Broadsheet
import Foundation
import GRDB
import Testing

@testable import BroadsheetSQLite

/// The SQLite store keeps an article's current copy once: in `articles.content`, its newest
/// revision's copy NULL until a newer revision replaces it.
@Suite("SQLite's revisions, each copy stored once", .timeLimit(.minutes(10)))
struct SQLiteRevisionCopyTests {
    let editor = Attribution(actor: "amina", address: "192.0.2.7")

    @Test func onlyTheNewestRevisionLeavesItsCopyToTheArticle() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        let first = Story.make()
        let second = Story.make(body: ["The bridge reopened on Monday.", "Tolls stay suspended."], updatedHour: 10)
        let id = try await store.save(first, status: .draft).articleID
        #expect(try await storedCopies(store, id) == [nil])
        #expect(try await store.save(second, status: .draft) == .updated(id: id, revision: 2))
        #expect(try await storedCopies(store, id) == [try ContentCoding.encode(first), nil])
        _ = try await store.change(articleID: id, .publish, expectedRevision: 2, by: editor)
        let copies = try await storedCopies(store, id)
        #expect(copies == [try ContentCoding.encode(first), try ContentCoding.encode(second), nil])
        #expect(try await store.revisions(ofArticle: id).map(\.content) == [first, second, second])
        #expect(try await store.check().isEmpty)
    }

    @Test func aScheduledPublicationKeepsTheDraftsCopy() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        let draft = try await store.create(Story.make(), status: .draft, by: editor)
        let due = Date().addingTimeInterval(60)
        _ = try await store.change(articleID: draft.id, .schedule(due), expectedRevision: nil, by: editor)
        #expect(try await store.publishDue(at: due.addingTimeInterval(1)) == [draft.id])
        #expect(try await storedCopies(store, draft.id) == [try ContentCoding.encode(Story.make()), nil])
        #expect(try await store.revisions(ofArticle: draft.id).map(\.content) == [Story.make(), Story.make()])
        #expect(try await store.check().isEmpty)
    }

    @Test func checkFindsAnOlderRevisionWithoutItsCopy() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let id = try await temporary.store.save(Story.make(), status: .published).articleID
        _ = try await temporary.store.save(Story.make(body: ["A later telling."], updatedHour: 11), status: .published)
        try await temporary.tamper("UPDATE revisions SET content = NULL WHERE article_id = \(id) AND number = 1")
        let problems = try await temporary.store.check()
        #expect(problems == [StoreProblem(articleID: id, message: "revisions 1 lost their copy")])
    }

    /// An archive filed before `012_current_copy_once` holds every copy twice; the migration
    /// keeps the older revisions' copies and gives up the newest's, which the article holds.
    @Test func theMigrationCarriesAnOlderArchiveForward() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let place = temporary.place + "/older.sqlite"
        let store = try SQLiteStore(path: place)
        try SQLiteStore.migrator.migrate(store.database, upTo: "011_archive_changes")
        let first = Story.make()
        let second = Story.make(body: ["The bridge reopened on Monday."], updatedHour: 10)
        let other = Story.make(headline: "Ferry timetable changes", topics: ["Ports"])
        let (firstJSON, secondJSON) = (try ContentCoding.encode(first), try ContentCoding.encode(second))
        try await store.database.write { db in
            try fileAsBefore(db, id: 1, second, revisions: [firstJSON, secondJSON])
            try fileAsBefore(db, id: 2, other, revisions: [try ContentCoding.encode(other)])
        }
        try await store.migrate()
        #expect(try await store.pendingMigrations().isEmpty)
        #expect(try await storedCopies(store, 1) == [firstJSON, nil])
        #expect(try await storedCopies(store, 2) == [nil])
        #expect(try await store.revisions(ofArticle: 1).map(\.content) == [first, second])
        #expect(try await store.revisions(ofArticle: 2).map(\.content) == [other])
        #expect(try await store.search(SearchQuery("ferry")).hits.map(\.article.id) == [2])
        #expect(try await store.search(SearchQuery("harbour")).hits.map(\.article.id) == [1])
        #expect(try await store.check().isEmpty)
        let third = Story.make(body: ["The bridge reopened on Monday morning."], updatedHour: 12)
        #expect(try await store.save(third, status: .published) == .updated(id: 1, revision: 3))
        #expect(try await storedCopies(store, 1) == [firstJSON, secondJSON, nil])
        #expect(try await store.check().isEmpty)
        try await store.close()
    }

    /// Each revision's stored copy by number; nil where it reads the article's.
    private func storedCopies(_ store: SQLiteStore, _ id: Int64) async throws -> [String?] {
        try await store.database.read { db in
            try String?.fetchAll(
                db, sql: "SELECT content FROM revisions WHERE article_id = ? ORDER BY number", arguments: [id])
        }
    }

    /// Files `content` as the store did before the migration: every revision with its own copy,
    /// the last one the article's.
    private func fileAsBefore(_ db: Database, id: Int64, _ content: ArticleContent, revisions: [String]) throws {
        let writer = ArticleWriter(db: db)
        let refs = try writer.references(section: content.section, edition: content.edition)
        try writer.execute(
            """
            INSERT INTO articles (
                id, source_uri, source_format, slug, status, revision, headline, summary, byline, dateline,
                language, section_id, edition_id, page_id, supplement, published_at, published_precision,
                updated_at, updated_precision, version_at, content, created_at, modified_at)
            VALUES (?, ?, ?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)
            """,
            arguments: [
                id, content.source.uri, content.source.format, Slug(content.headline).rawValue, revisions.count,
            ]
                + writer.columns(content, refs: refs) + [revisions.last])
        for (position, topic) in content.topics.enumerated() {
            try writer.execute(
                "INSERT INTO article_topics (article_id, topic_id, position) VALUES (?, ?, ?)",
                arguments: [id, try writer.upsertTerm(table: "topics", name: topic.name, slug: topic.slug), position])
        }
        for (position, author) in content.authors.enumerated() {
            try writer.execute(
                "INSERT INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)",
                arguments: [id, try writer.upsertAuthor(author), position])
        }
        for (index, json) in revisions.enumerated() {
            try writer.execute(
                """
                INSERT INTO revisions (article_id, number, content, created_at, status, made_by, action)
                VALUES (?, ?, ?, 0, 'published', 'import', 'import')
                """,
                arguments: [id, index + 1, json])
        }
        try writer.indexForSearch(id: id, content)
    }
}
