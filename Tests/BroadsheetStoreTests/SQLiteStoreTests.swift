import Broadsheet
import Foundation
import GRDB
import Testing

@testable import BroadsheetSQLite

@Suite("SQLite's own", .timeLimit(.minutes(10)))
struct SQLiteStoreTests {
    @Test func backsUpALiveDatabase() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        _ = try await temporary.store.save(Story.make(), status: .published)
        let copyPath = temporary.place + "/copy.sqlite"
        try await (try #require(temporary.store as? SQLiteStore)).backup(to: copyPath)
        let copy = try SQLiteStore(path: copyPath)
        #expect(try await copy.stats().articles == 1)
        #expect(try await copy.check().isEmpty)
        try await copy.close()
    }

    /// A closed archive leaves no write-ahead log for the next process to read through.
    @Test func closingEmptiesTheWriteAheadLog() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        let path = store.path
        _ = try await store.save((1...20).map { Story.make(headline: "Ferry notice number \($0)") }, status: .published)
        let log = path + "-wal"
        let written = try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int
        #expect((written ?? 0) > 0, "the saves went through the log")
        // A read opens a reader: GRDB closes it after the writer, and it may not empty the log.
        #expect(try await store.articles(matching: ArticleQuery()).items.count == 20)
        try await store.close()
        let left =
            FileManager.default.fileExists(atPath: log)
            ? try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int : 0
        #expect(left == 0)
        let again = try temporary.reopen()
        #expect(try await again.stats().articles == 20)
        try await again.close()
    }

    /// Another process reading the archive as it closes keeps the log: the close still succeeds
    /// and nothing written is lost.
    @Test func closingWhileAnotherConnectionReadsKeepsTheLog() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        let path = store.path
        _ = try await store.save((1...5).map { Story.make(headline: "Tide notice number \($0)") }, status: .published)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let reader = try DatabaseQueue(path: path, configuration: configuration)
        // A read transaction left open, as a server's request would hold one.
        try reader.inDatabase { db in
            try db.beginTransaction(.deferred)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") == 5)
        }
        try await store.close()
        let left = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect((left ?? 0) > 0, "the reader kept the log from emptying")
        try reader.inDatabase { db in try db.rollback() }
        try reader.close()
        let again = try temporary.reopen()
        #expect(try await again.stats().articles == 5)
        try await again.close()
    }

    /// A related box's candidates are read by id: on the status index the lookup walked every
    /// published article, and a first rendering grew with the archive. They are read from an
    /// index that holds their columns, not from the wide rows.
    @Test func relatedCandidatesAreReadByID() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        let ids = try await temporary.store.save(
            (1...40).map { Story.make(headline: "Harbour notice number \($0)") }, status: .published
        ).map { try $0.get().articleID }
        let request = SQLiteStore.relatedCandidates(ids)
        let plan = try await Self.plan(of: request, in: store)
        #expect(plan.contains("COVERING INDEX articles_related (id=?)"), "\(plan)")
        #expect(!plan.contains("articles_newest"), "\(plan)")
        let rows = try await store.database.read { db in try request.fetchAll(db) }
        #expect(rows.count == 40)
    }

    /// A related box's last stories of the section filed before its own are read on the section's
    /// index, in its order: sorted apart, every story's page paid for its whole section.
    @Test func aSectionsLastFiledAreReadInTheIndexsOrder() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        func file(_ numbers: ClosedRange<Int>) async throws -> [Int64] {
            try await temporary.store.save(
                numbers.map { Story.make(headline: "Harbour notice number \($0)", hour: $0 % 24) }, status: .published
            ).map { try $0.get().articleID }
        }
        var saved = try await file(1...15)
        _ = try await temporary.store.save([Story.make(headline: "Harbour notice in draft", hour: 23)], status: .draft)
        saved += try await file(16...30)
        // The stories filed before the twenty-sixth: the twenty before it, the draft among them not.
        let request = SQLiteStore.lastFiledInSection("national", count: 20, below: saved[25])
        let plan = try await Self.plan(of: request, in: store)
        #expect(plan.contains("articles_section_filed (section_id=? AND status=? AND rowid<?)"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        let newest = Array(saved.prefix(25).reversed().prefix(20))
        #expect(try await store.database.read { db in try request.fetchAll(db) } == newest)
    }

    /// A deep page of a section, a topic or an author skips its stories on an index alone: read
    /// from the wide rows, each skipped story cost a page of the file, and a listing's pages and
    /// feeds grew with the archive.
    /// A section is counted on the narrower index of its stories in the order filed.
    @Test(arguments: [
        (
            ArticleQuery(section: Slug(verbatim: "national")),
            ["articles_section (section_id=? AND status=?)", "articles_section_filed (section_id=? AND status=?)"]
        ),
        (ArticleQuery(topic: Slug(verbatim: "transport")), Array(repeating: "COVERING INDEX articles_state", count: 2)),
        (ArticleQuery(author: Slug(verbatim: "reuters")), Array(repeating: "COVERING INDEX articles_state", count: 2)),
    ])
    func listingsSkipOnAnIndex(query: ArticleQuery, indexes: [String]) async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        let deep = {
            var deep = query
            deep.offset = 40
            return deep
        }()
        let plans = try await store.database.read { db in
            try [SQLiteStore.listing(deep).makePreparedRequest(db), SQLiteStore.counting(deep).makePreparedRequest(db)]
                .map { request in
                    try Row.fetchAll(
                        db, sql: "EXPLAIN QUERY PLAN " + request.statement.sql, arguments: request.statement.arguments
                    ).map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
                }
        }
        for (plan, index) in zip(plans, indexes) {
            #expect(plan.contains(index), "\(plan)")
        }
    }

    /// A topic's or an author's stories in a span of time are counted along the dates when the
    /// span holds fewer stories than the topic or author, and through the link table when not:
    /// a repeat export places each new story by such counts, and through the link table each
    /// one walked a large topic whole. Either way, the count is the listing's.
    @Test func aSpanOfATopicIsCountedTheShorterWay() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        // A story an hour: every third about the ferries, every fourth by Sana Mirza.
        let stories = (0..<24).map { hour in
            Story.make(
                headline: "Harbour notice for hour \(hour)", topics: hour % 3 == 0 ? ["Ferries"] : ["Roads"],
                byline: hour % 4 == 0 ? "Sana Mirza" : "Our Staff Reporter", hour: hour)
        }
        _ = try await store.save(stories, status: .published)
        _ = try await store.save(
            [Story.make(headline: "Ferry notice in draft", topics: ["Ferries"], byline: "Sana Mirza", hour: 23)],
            status: .draft)
        let start = EditionDate(year: 2025, month: 4, day: 29)!.startOfDay(in: Story.karachi)
        func hour(_ number: Int) -> Date { start.addingTimeInterval(TimeInterval(number * 3600)) }
        let ferries = ArticleQuery(topic: Slug(verbatim: "ferries"))
        let sana = ArticleQuery(author: Slug(verbatim: "sana-mirza"))
        // (query, from, before, the stories it lists, the way that walks fewer rows)
        let spans: [(ArticleQuery, Int, Int?, Int, LinkedSpanCount.Way)] = [
            (ferries, 21, nil, 1, .alongDates), (ferries, 23, nil, 0, .alongDates), (ferries, 0, nil, 8, .throughLinks),
            (ferries, 6, 7, 1, .alongDates), (ferries, 3, 20, 6, .throughLinks), (sana, 20, nil, 1, .alongDates),
            (sana, 0, 12, 3, .throughLinks), (sana, 8, 9, 1, .alongDates),
        ]
        for (listing, from, before, listed, way) in spans {
            var query = listing
            query.publishedFrom = hour(from)
            query.publishedBefore = before.map(hour)
            #expect(try await store.count(matching: query) == listed, "\(query)")
            let span = try #require(LinkedSpanCount(query.conditions))
            #expect(try await store.database.read { db in try span.way(in: db) } == way, "\(query)")
            #expect(try await store.database.read { db in try span.alongDates.fetchOne(db) } == listed, "\(query)")
        }
        let plan = try await Self.plan(
            of: try #require(LinkedSpanCount(ferries.conditions + [.publishedFrom(hour(21))])).alongDates, in: store)
        #expect(plan.contains("articles_newest (status=? AND published_at>?)"), "\(plan)")
        #expect(!plan.contains("LIST SUBQUERY"), "\(plan)")
        // Only a topic's or an author's published stories in a span: anything else counts as before.
        #expect(LinkedSpanCount(ferries.conditions) == nil)
        #expect(
            LinkedSpanCount(ArticleQuery(section: Slug(verbatim: "national"), publishedFrom: hour(3)).conditions) == nil
        )
        #expect(
            LinkedSpanCount(
                ArticleQuery(topic: Slug(verbatim: "ferries"), publishedFrom: hour(3), status: .draft).conditions)
                == nil)
    }

    /// The archive page and each monthly sitemap list every edition: counted from the wide rows,
    /// that read the whole archive each time (140 ms at 100,000 stories, 13 ms on the index).
    @Test func editionsAreCountedOnAnIndex() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        let (april28, april29) = (
            EditionDate(year: 2025, month: 4, day: 28)!, EditionDate(year: 2025, month: 4, day: 29)!
        )
        _ = try await store.save(
            [Story.make(headline: "Ferry timetable changes", date: april28), Story.make(date: april29)],
            status: .published)
        _ = try await store.save([Story.make(headline: "Tram depot plans", date: april28)], status: .published)
        _ = try await store.save(
            [Story.make(headline: "Harbour fees draft", date: EditionDate(year: 2025, month: 5, day: 2)!)],
            status: .draft)
        let plan = try await store.database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.editionListing(within: false))
                .map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
        }
        #expect(plan.contains("COVERING INDEX articles_edition (edition_id=? AND status=?)"), "\(plan)")
        let editions = try await store.editions()
        #expect(editions.map(\.date) == [april29, april28])
        #expect(editions.map(\.articleCount) == [1, 2])
    }

    /// The sitemap index counts each month's stories on `articles_newest` alone: counted from the
    /// wide rows, it read the whole archive (2.4 s at a million stories, 38 s with a cold cache).
    @Test func monthsAreCountedOnAnIndex() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        let plan = try await store.database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.monthCount, arguments: [0, 1])
                .map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
        }
        #expect(
            plan.contains("COVERING INDEX articles_newest (status=? AND published_at>? AND published_at<?)"), "\(plan)")
    }

    @Test(arguments: [
        ("harbour", #""harbour""#),
        ("harb*", #""harb" *"#),
        (#""old crossing" -ferry"#, #"("old crossing") NOT "ferry""#),
        ("captain OR headline:timetable", #"("captain" OR headline : "timetable")"#),
        ("NEAR(bridge", #""near" AND "bridge""#),
    ])
    func writesFTS5Queries(text: String, match: String) {
        #expect(FTS5Expression.match(SearchExpression(parsing: text)) == match)
    }

    /// After an import of a thousand stories or more, the headline index every related box looks
    /// up is one segment; a smaller import leaves it to FTS5's own merging.
    @Test func aLargeImportLeavesTheHeadlineIndexInOneSegment() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        // Each save is a transaction, and each writes a segment of its own.
        for batch in 1...12 {
            _ = try await store.save(
                (1...5).map { Story.make(headline: "Harbour notice \(batch) of \($0)") }, status: .published)
        }
        let written = try await Self.headlineSegments(in: store)
        #expect(written > 1)
        try await store.tidySearchIndexes(afterFiling: SQLiteStore.storiesWorthTidying - 1)
        #expect(try await Self.headlineSegments(in: store) == written)
        try await store.tidySearchIndexes(afterFiling: SQLiteStore.storiesWorthTidying)
        #expect(try await Self.headlineSegments(in: store) == 1)
        let notice = try #require(try await store.article(id: 60))
        #expect(try await store.related(to: notice, limit: 5).count == 5, "the merged index still answers")
    }

    private static func headlineSegments(in store: SQLiteStore) async throws -> Int {
        try await store.database.read { db in try SQLiteStore.headlineIndexSegments(db) }
    }

    /// What SQLite's planner says it will do for `request`, one step a line.
    static func plan<Value>(of request: SQLRequest<Value>, in store: SQLiteStore) async throws -> String {
        try await store.database.read { db in
            let statement = try request.makePreparedRequest(db).statement
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                .map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
        }
    }
}
