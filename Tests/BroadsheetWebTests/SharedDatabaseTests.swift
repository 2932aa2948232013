import Broadsheet
import BroadsheetPostgres
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// Two servers on one PostgreSQL database, as behind a load balancer: what one does, the other
/// shows within a second, and what is scheduled goes out once. Each test has a schema of its own
/// in the database of `BROADSHEET_TEST_POSTGRES_URL` (scripts/test starts one).
@Suite("Several servers on one PostgreSQL database", .timeLimit(.minutes(10)))
struct SharedDatabaseTests {
    /// The second server polls only every two minutes here: within a second, only the
    /// database's notification can have told it.
    static let slowPoll = ServerConfiguration(watchInterval: .seconds(30), scheduleInterval: .seconds(3600))

    @Test func aChangeThroughOneServerShowsOnTheOthersPagesWithinASecond() async throws {
        let (first, second) = try await Self.twoStores()
        let archive = try await WebFixture.fill(first)
        let newsroom = try await Newsroom.accounts(in: first)
        let editor = newsroom.token(.editor)
        let other = try Self.site(second)
        try await buildApplication(
            site: try Self.site(first), configuration: Self.slowPoll, logger: WebFixture.quietLogger
        )
        .test(.router) { one in
            try await buildApplication(site: other, configuration: Self.slowPoll, logger: WebFixture.quietLogger)
                .test(.router) { two in
                    let renders = try await Self.cachedProbe(other)
                    #expect(try await two.get("/feed.xml").text.contains("Harbour bridge reopens after repairs"))

                    // An import.
                    let imported = try await one.send(
                        .post, "/api/v1/articles", token: editor, body: Self.epaper,
                        contentType: "text/plain; charset=utf-8")
                    #expect(imported.status == .ok)
                    try await Self.within(.seconds(1), "the import") {
                        try await two.get("/feed.xml").text.contains("Tide tables reprinted for the season")
                    }
                    #expect(try await Self.rendersAgain(other, after: renders), "the cache was dropped")

                    // An edit.
                    let edited = try await one.send(
                        .patch, "/api/v1/articles/\(archive.bridge)", token: editor,
                        json: #"{"headline": "Harbour bridge open to traffic again"}"#)
                    #expect(edited.status == .ok)
                    try await Self.within(.seconds(1), "the edit") {
                        try await two.get("/feed.xml").text.contains("Harbour bridge open to traffic again")
                    }

                    // A publication.
                    let published = try await one.send(
                        .post, "/api/v1/articles/\(archive.draft)/publish", token: editor)
                    #expect(published.status == .ok)
                    try await Self.within(.seconds(1), "the publication") {
                        try await two.get("/feed.xml").text.contains("Unpublished budget leak")
                    }
                }
        }
        try await first.close()
        try await second.close()
    }

    @Test func aScheduledStoryIsPublishedOnceByTwoServers() async throws {
        let (first, second) = try await Self.twoStores()
        let editor = Attribution(actor: "amina")
        var drafts: [Int64] = []
        let due = Date().addingTimeInterval(1)
        for index in 0..<12 {
            let draft = try await first.create(
                WebFixture.story(
                    "Scheduled story \(index)", section: "National", topics: [], byline: "APP",
                    date: WebFixture.april29, hour: 6),
                status: .draft, by: editor)
            _ = try await first.change(articleID: draft.id, .schedule(due), expectedRevision: nil, by: editor)
            drafts.append(draft.id)
        }
        let scheduled = drafts.count
        // Both look every 20 ms, so they reach the due stories at the same moment.
        let eager = ServerConfiguration(scheduleInterval: .milliseconds(20))
        let other = try Self.site(second)
        try await buildApplication(site: try Self.site(first), configuration: eager, logger: WebFixture.quietLogger)
            .test(.router) { _ in
                try await buildApplication(site: other, configuration: eager, logger: WebFixture.quietLogger)
                    .test(.router) { _ in
                        try await Self.within(.seconds(30), "publishing the scheduled stories") {
                            try await first.count(matching: ArticleQuery()) == scheduled
                        }
                        try await Task.sleep(for: .milliseconds(200))
                    }
            }
        for id in drafts {
            let revisions = try await first.revisions(ofArticle: id)
            #expect(revisions.map(\.action) == ["article.create", "article.publish"], "article \(id)")
            #expect(revisions.last?.madeBy == "scheduler")
        }
        let audit = try await first.auditLog(limit: 100, before: nil)
        let publications = audit.filter { $0.action == "article.publish" }
        #expect(publications.count == drafts.count, "one publication each, by one of the two servers")
        #expect(Set(publications.compactMap(\.articleID)) == Set(drafts))
        try await first.close()
        try await second.close()
    }

    static let epaper = """
        E-Paper | April 30, 2025
        Tide tables reprinted for the season
        Our Staff Reporter Published April 30, 2025

        KARACHI: The port trust reprinted its tide tables on Tuesday.
        """

    /// Two stores on one new archive, as two servers open it: a schema of the test's own.
    static func twoStores() async throws -> (PostgresStore, PostgresStore) {
        guard let url = ProcessInfo.processInfo.environment["BROADSHEET_TEST_POSTGRES_URL"] else {
            throw StoreError.database(
                operation: "opening the test database",
                message:
                    "BROADSHEET_TEST_POSTGRES_URL is not set; run the tests with scripts/test or scripts/with-postgres")
        }
        let schema = "web_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let archive = url + (url.contains("?") ? "&" : "?") + "search_path=\(schema)"
        let first = try PostgresStore(url: archive, poolSize: 4)
        let second = try PostgresStore(url: archive, poolSize: 4)
        // Held as the tests hold them, not for a scope: each pool runs until its store is closed.
        first.runDetached()
        second.runDetached()
        try await first.migrate()
        try await second.migrate()
        return (first, second)
    }

    static func site(_ store: PostgresStore) throws -> Site {
        Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
    }

    /// A page in the site's cache whose renders are counted, once the watcher has settled (its
    /// first reading drops the cache).
    static func cachedProbe(_ site: Site) async throws -> Locked<Int> {
        let renders = Locked(0)
        _ = try await rendersAgain(site, after: renders)
        try await within(.seconds(5), "the watcher's first reading") {
            try await Task.sleep(for: .milliseconds(50))
            return try await !rendersAgain(site, after: renders)
        }
        return renders
    }

    /// Whether the probe page is rendered again: the cache was dropped since it was last asked for.
    static func rendersAgain(_ site: Site, after renders: Locked<Int>) async throws -> Bool {
        let before = renders.get()
        _ = try await site.cache.page("/probe") {
            renders.set(renders.get() + 1)
            return .html("probe")
        }
        return renders.get() > before
    }

    /// Asks `condition` again and again until it holds, failing the test if `limit` passes first.
    static func within(
        _ limit: Duration, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: () async throws -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        while try await !condition() {
            guard clock.now - start < limit else {
                Issue.record("\(what) took longer than \(limit)", sourceLocation: sourceLocation)
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
