import Broadsheet
import Foundation
import PostgresNIO
import Testing

@testable import BroadsheetPostgres

@Suite("PostgreSQL's own", .timeLimit(.minutes(10)))
struct PostgresStoreTests {
    @Test func serversStartingTogetherMigrateOnce() async throws {
        let schema = try await TestDatabase.shared.createSchema()
        let stores = try (1...4).map { _ in try TestDatabase.shared.store(schema: schema) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores { group.addTask { try await store.migrate() } }
            try await group.waitForAll()
        }
        for store in stores {
            #expect(try await store.pendingMigrations().isEmpty)
            #expect(try await store.archiveVersion() == 0, "the version row was inserted once")
        }
        _ = try await stores[0].save(Story.make(), status: .published)
        #expect(try await stores[3].stats().articles == 1)
        for store in stores { try await store.close() }
        try await TestDatabase.shared.dropSchema(schema)
    }

    /// The search window asked of the newest articles first gives the row the whole archive
    /// gives, whether the first span holds enough matches or the window has to widen.
    @Test func theSearchWindowOfTheNewestEqualsTheWholeArchives() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let store = try #require(temporary.store as? PostgresStore)
        let stories = (1...1_100).map { Story.make(headline: "Harbour notice \($0)", hour: $0 % 24) }
        _ = try await store.save(stories, status: .published)
        let text = try #require(TSQueryExpression.query(SearchExpression(parsing: "harbour")))
        let filter = ArticleFilter(SearchQuery("harbour").conditions)
        func window(_ spans: [Int64?]) async throws -> [Int64] {
            try await store.snapshot("a test's window") { session in
                let row = try #require(
                    try await PostgresStore.window(
                        session, text: text, filter: filter, bounds: store.searchBounds, spans: spans))
                return [
                    Int64(try row("matches", as: Int.self)), try row("floor", as: Int64.self),
                    try row("facet_floor", as: Int64.self),
                ]
            }
        }
        let whole = try await window([nil])
        #expect(whole[0] == 1_001)
        #expect(try await window([1_050, nil]) == whole, "the first span holds enough")
        #expect(try await window([200, 600, nil]) == whole, "the window widens to the whole archive")
    }

    /// `withRunning` owns the pool: inside it the store answers, and once it returns the pool is
    /// stopped, so a later request fails at once instead of waiting for a pool no one runs.
    @Test func withRunningStopsThePoolWhenItsBodyEnds() async throws {
        let schema = try await TestDatabase.shared.createSchema()
        let store = PostgresStore(location: try TestDatabase.shared.location(schema: schema), poolSize: 1)
        let count = try await store.withRunning { store in
            try await store.migrate()
            return try await store.count(matching: ArticleQuery())
        }
        #expect(count == 0)
        await #expect(throws: StoreError.self) { try await store.count(matching: ArticleQuery()) }
        try await TestDatabase.shared.dropSchema(schema)
    }

    @Test func aSchemaFromANewerBroadsheetIsRefused() async throws {
        let temporary = try await TemporaryStore(.postgres)
        try await temporary.tamper("INSERT INTO broadsheet_migrations VALUES ('999_from_the_future', 0)")
        await #expect(throws: StoreError.schemaTooNew(found: "999_from_the_future")) {
            try await temporary.store.migrate()
        }
    }

    /// The server ends the store's connection in the middle of a statement: that request fails with
    /// a `StoreError` naming what it was doing, and the pool opens a new connection for the next.
    @Test func aDroppedConnectionFailsOneRequestAndThePoolRecovers() async throws {
        let temporary = try await TemporaryStore(.postgres)
        _ = try await temporary.store.save(Story.make(), status: .published)
        // One connection, so the statement below runs on the backend the test ends.
        let store = try TestDatabase.shared.store(schema: temporary.place, poolSize: 1)
        let backend = try #require(
            try await store.read("finding the backend") {
                try await $0.value("SELECT pg_backend_pid()", as: Int32.self)
            })
        let sleeping = Task {
            try await store.read("sleeping") { session in
                try await session.execute("SELECT pg_sleep(10), pg_backend_pid()")
            }
        }
        try await Self.waitUntil(backend, runs: "SELECT pg_sleep", in: temporary.place)
        try await TestDatabase.shared.execute("SELECT pg_terminate_backend(\(backend))")
        let failure = await sleeping.result
        guard case .failure(let error) = failure, case StoreError.database(let operation, _) = error else {
            Issue.record("expected a StoreError, got \(failure)")
            return
        }
        #expect(operation == "sleeping")
        var recovered = false
        for _ in 1...5 where !recovered {
            recovered = (try? await store.count(matching: ArticleQuery())) == 1
        }
        #expect(recovered, "a later request gets a working connection")
        #expect(try await store.count(matching: ArticleQuery()) == 1)
        try await store.close()
    }

    /// Asks pg_stat_activity until `backend` is running a statement that starts with `statement`,
    /// for 30 seconds at most.
    private static func waitUntil(_ backend: Int32, runs statement: String, in schema: String) async throws {
        let observer = try TestDatabase.shared.store(schema: schema, poolSize: 1)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let running = try await observer.read("watching the backend") {
                try await $0.value(
                    """
                    SELECT count(*) FROM pg_stat_activity
                    WHERE pid = \(backend) AND state = 'active' AND starts_with(query, \(statement))
                    """, as: Int.self)
            }
            if running == 1 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        try await observer.close()
    }

    @Test(
        arguments: [
            ("postgres://ed:s%40cret@db.example:6543/paper?sslmode=require", "ed", "s@cret", 6543, "require"),
            ("postgresql://ed@localhost/paper", "ed", nil, 5432, "prefer"),
            ("postgres://db.example/paper?sslmode=verify-full", "postgres", nil, 5432, "verify-full"),
        ] as [(String, String, String?, Int, String)])
    func readsADatabaseURL(url: String, user: String, password: String?, port: Int, tls: String) throws {
        let location = try PostgresLocation(url: url)
        #expect(location.username == user)
        #expect(location.password == password)
        #expect(location.port == port)
        #expect(location.database == "paper")
        #expect(location.tls.rawValue == tls)
        #expect(!location.redacted.contains("cret"), "messages never show the password")
    }

    @Test(arguments: [
        "postgres://db.example", "postgres://db.example/paper?sslmode=always", "postgres://db.example/paper?pool=3",
        "mysql://db.example/paper",
    ])
    func refusesAURLItCannotUse(url: String) {
        #expect(throws: StoreError.self) { try PostgresLocation(url: url) }
    }

    @Test(arguments: [
        ("harbour", "'harbour'"),
        ("harb*", "'harb':*"),
        (#""old crossing" -ferry"#, "('old' <-> 'crossing') & !'ferry'"),
        ("captain OR headline:timetable", "('captain' | 'timetable':A)"),
        ("headline:harb* -\"tide table\"", "'harb':*A & !('tide' <-> 'table')"),
        ("NEAR(bridge", "'near' & 'bridge'"),
    ])
    func writesTSQueries(text: String, query: String) {
        #expect(TSQueryExpression.query(SearchExpression(parsing: text)) == query)
    }

    /// An import's new stories are filed together rather than one at a time; the mixed-batch
    /// test in `StoreSaveTests` shows the outcome is the same, this one that the batch path ran.
    @Test func aBatchsNewStoriesAreFiledTogether() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let store = try #require(temporary.store as? PostgresStore)
        let stored = try await store.save(Story.make(headline: "Stored story"), status: .published).articleID
        let contents = [
            Story.make(headline: "New story"), Story.make(headline: "Stored story", updatedHour: 9),
            Story.make(headline: "Another new story", topics: ["Ports"]), Story.make(headline: "New story"),
        ]
        let stories = contents.map { $0.prepareForStore() }
        let filed = try await store.write("filing a batch") { session in
            try await PostgresNewArticles(
                writer: PostgresArticleWriter(session: session, now: Date()), status: .published
            )
            .file(stories)
        }
        #expect(filed.keys.sorted() == [0, 2], "the stored story and the second copy are left to the caller")
        #expect(!filed.values.contains(stored))
        for (index, id) in filed {
            let article = try #require(try await store.article(id: id))
            #expect(article.content == contents[index])
            #expect(article.status == .published)
            #expect(try await store.revisions(ofArticle: id).map(\.number) == [1])
        }
        #expect(try await store.topics().map(\.term.name) == ["Infrastructure", "Ports"])
        #expect(try await store.check().isEmpty)
    }

    /// The archive page and each monthly sitemap list every edition: counted from the rows, that
    /// read the whole table each time. The count is made on `articles_edition` alone.
    @Test func editionsAreCountedOnAnIndex() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let store = try #require(temporary.store as? PostgresStore)
        let april28 = EditionDate(year: 2025, month: 4, day: 28)!
        _ = try await store.save(
            [Story.make(headline: "Ferry timetable changes", date: april28), Story.make()], status: .published)
        _ = try await store.save([Story.make(headline: "Harbour fees draft", date: april28)], status: .draft)
        let plan = try await Self.indexedPlan(of: PostgresStore.editionListing("").query.sql, in: store)
        #expect(plan.contains { $0.contains("Index Only Scan using articles_edition on articles") }, "\(plan)")
        #expect(try await store.editions().map(\.articleCount) == [1, 1])
    }

    /// A related box's last stories of the section filed before its own are read backwards on
    /// `articles_section_filed`, its status from the index: sorted apart, every story's page paid
    /// for its whole section.
    @Test func aSectionsLastFiledAreReadOnTheirIndex() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let store = try #require(temporary.store as? PostgresStore)
        // One desk of twenty: walked down the primary key, its three last would cost sixty rows read.
        let desks = ["National"] + (1..<20).map { "Desk \($0)" }
        let saved = try await store.save(
            (0..<400).map { Story.make(headline: "Harbour notice number \($0)", section: desks[$0 % 20]) },
            status: .published
        ).map { try $0.get().articleID }
        _ = try await store.save([Story.make(headline: "Harbour notice in draft")], status: .draft)
        let request = PostgresStore.lastFiledInSection("national", count: 3, below: saved[399])
        // The values written in where the statement binds them: slug, bound, count.
        let sql = request.query.sql.replacingOccurrences(of: "$1", with: "'national'")
            .replacingOccurrences(of: "$2", with: "\(saved[399])").replacingOccurrences(of: "$3", with: "3")
        let plan = try await Self.indexedPlan(of: sql, in: store)
        #expect(plan.contains { $0.contains("Scan Backward using articles_section_filed") }, "\(plan)")
        let ids = try await store.read("reading a section") { session in
            try await session.rows(request.query).map { try $0[0].decode(Int64.self) }
        }
        #expect(ids == [saved[380], saved[360], saved[340]])
    }

    /// The sitemap index counts each month's stories on `articles_newest` alone (it holds
    /// `version_at` since migration 017), not from the rows with a lookup of corrections each.
    @Test func monthsAreCountedOnAnIndex() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let store = try #require(temporary.store as? PostgresStore)
        _ = try await store.save([Story.make(headline: "Ferry timetable changes"), Story.make()], status: .published)
        let plan = try await Self.indexedPlan(of: PostgresStore.monthCounts, in: store)
        #expect(plan.contains { $0.contains("Index Only Scan using articles_newest on articles") }, "\(plan)")
        #expect(!plan.contains { $0.contains("corrections") }, "\(plan)")
    }

    /// The plan of `sql` on a table too small to be worth an index: with its statistics gathered
    /// (without them, two indexes cost the same) and sequential scans turned off.
    private static func indexedPlan(of sql: String, in store: PostgresStore) async throws -> [String] {
        try await store.read("explaining a statement") { session in
            try await session.execute("ANALYZE articles")
            try await session.execute("BEGIN")
            try await session.execute("SET LOCAL enable_seqscan = off")
            let plan = try await session.rows(PostgresQuery(unsafeSQL: "EXPLAIN " + sql))
                .map { try $0("QUERY PLAN", as: String.self) }
            try await session.execute("ROLLBACK")
            return plan
        }
    }

    /// A bulk import into a young archive leaves the planner believing the tables empty, and
    /// search then rechecks every article's text rather than asking the text index.
    @Test func aBulkImportLeavesThePlannerKnowingTheArchive() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let store = try #require(temporary.store as? PostgresStore)
        func plannedArticles() async throws -> Double? {
            try await store.read("reading the planner's count") { session in
                try await session.value(
                    "SELECT reltuples::float8 FROM pg_class WHERE oid = 'articles'::regclass", as: Double.self)
            }
        }
        #expect(try await plannedArticles() ?? 0 <= 0, "a new archive has not been analysed")
        var stories = (1...1_200).map { Story.make(headline: "Ferry timetable notice number \($0)") }
        stories[699] = Story.make(headline: "Lighthouse keeper retires after forty years")
        _ = try await temporary.store.save(Array(stories[..<500]), status: .published)
        #expect(try await plannedArticles() ?? 0 <= 0, "500 articles are too few to call for an analysis")
        _ = try await temporary.store.save(Array(stories[500...]), status: .published)
        #expect(try await plannedArticles() == 1_200)
        let plan = try await store.read("explaining a search") { session in
            try await session.rows(
                "EXPLAIN SELECT id FROM articles WHERE search @@ to_tsquery('english', 'lighthouse') AND status = 'published'"
            ).map { try $0("QUERY PLAN", as: String.self) }
        }
        #expect(plan.contains { $0.contains("articles_search") }, "the text index answers: \(plan)")
        let window = PostgresSearch.windowSQL(
            "'lighthouse'", filter: ArticleFilter(SearchQuery("lighthouse").conditions), bounds: SearchBounds()
        ).query
        let windowPlan = try await store.read("explaining the search window") { session in
            try await session.rows(PostgresQuery(unsafeSQL: "EXPLAIN " + window.sql, binds: window.binds))
                .map { try $0("QUERY PLAN", as: String.self) }
        }
        #expect(
            windowPlan.contains { $0.contains("articles_search") },
            "the store's own search asks the text index too: \(windowPlan)")
    }

    /// Every text index keeps its pending list short, so no search reads megabytes of entries
    /// one by one after an import; the headline index, which every first rendering of an article
    /// asks for related stories, keeps none.
    @Test func textIndexesKeepTheirPendingListsShort() async throws {
        let temporary = try await TemporaryStore(.postgres)
        let store = try #require(temporary.store as? PostgresStore)
        let options = try await store.read("reading the text indexes' options") { session in
            try await session.rows(
                """
                SELECT c.relname, array_to_string(c.reloptions, ',') AS options FROM pg_class c
                JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE am.amname = 'gin' AND n.nspname = current_schema() ORDER BY c.relname
                """
            ).map { (try $0("relname", as: String.self), try $0("options", as: String?.self)) }
        }
        #expect(options.map(\.0) == ["articles_headline_search", "articles_search", "printed_pages_search"])
        for (index, option) in options {
            let expected =
                index == "articles_headline_search"
                ? "gin_pending_list_limit=256,fastupdate=off" : "gin_pending_list_limit=256"
            #expect(option == expected, "\(index)")
        }
    }

    @Test func backsUpWithPgDump() async throws {
        let temporary = try await TemporaryStore(.postgres)
        _ = try await temporary.store.save(Story.make(), status: .published)
        let location = try TestDatabase.shared.location(schema: temporary.place)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-\(UUID()).dump").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await PostgresDump(location: location).write(to: path)
        let dump = try #require(FileManager.default.contents(atPath: path))
        #expect(dump.prefix(5) == Data("PGDMP".utf8), "pg_dump's custom format")
    }
}
