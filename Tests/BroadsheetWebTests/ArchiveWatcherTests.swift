import Broadsheet
import BroadsheetSQLite
import Foundation
import Logging
import Testing

@testable import BroadsheetWeb

@Suite("Watching the archive for changes", .timeLimit(.minutes(10)))
struct ArchiveWatcherTests {
    @Test func aChangeMadeElsewhereDropsTheCachedPages() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("archive.sqlite").path
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        let site = Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
        let watcher = Task {
            try await ArchiveWatcher(site: site, interval: .milliseconds(10), logger: WebFixture.quietLogger).run()
        }
        defer { watcher.cancel() }

        let renders = try await SharedDatabaseTests.cachedProbe(site)

        // Another process (a `broadsheet import`, another server) writes to the same file.
        let other = try SQLiteStore(path: path)
        _ = try await other.save(
            WebFixture.story(
                "Late news", section: "National", topics: [], byline: "APP", date: WebFixture.april29, hour: 23),
            status: .published)
        try await other.close()

        try await SharedDatabaseTests.within(.seconds(10), "rendering the page again after the change") {
            try await SharedDatabaseTests.rendersAgain(site, after: renders)
        }
        watcher.cancel()
        try await store.close()
    }

    @Test func theVersionMovesOnlyWhenReadersCouldSeeADifference() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("version-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("archive.sqlite").path)
        try await store.migrate()
        let story = WebFixture.story(
            "Quiet day", section: "National", topics: [], byline: "APP", date: WebFixture.april29, hour: 9)
        let before = try await store.archiveVersion()
        _ = try await store.save(story, status: .published)
        let afterCreate = try await store.archiveVersion()
        _ = try await store.save(story, status: .published)
        #expect(afterCreate > before)
        #expect(try await store.archiveVersion() == afterCreate, "an unchanged import changes nothing")
        try await store.close()
    }
}

@Suite("Services beside the server", .timeLimit(.minutes(10)))
struct BackgroundServicesTests {
    @Test func feedsAddAPollerAndNoFeedsAddNone() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("services-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("archive.sqlite").path)
        try await store.migrate()
        let site = Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
        let without = backgroundServices(
            site: site, configuration: ServerConfiguration(), logger: WebFixture.quietLogger)
        #expect(without.count == 2, "the archive watcher and the scheduled publisher")
        #expect(without.contains { $0 is ScheduledPublisher })
        let with = backgroundServices(
            site: site,
            configuration: ServerConfiguration(feeds: [URL(string: "https://wire.example/feed.xml")!]),
            logger: WebFixture.quietLogger)
        #expect(with.count == 3)
        #expect(with.last is FeedPollingService)
        try await store.close()
    }
}
