import Broadsheet
import BroadsheetImport
import BroadsheetSQLite
import Foundation
import Testing

@Suite("Importing feeds from the web", .timeLimit(.minutes(10)))
struct FeedImportTests {
    let publication = Publication(name: "The Saltmarsh Gazette", timeZone: TimeZone(identifier: "Asia/Karachi")!)

    static let feed = """
        <rss version="2.0"><channel><title>Island wire</title><link>https://wire.saltmarsh.example/</link>
        <item><title>Ferry runs late on Friday</title><guid>wire-1</guid>
        <pubDate>Tue, 04 Nov 2025 09:30:00 +0500</pubDate><description>The ferry leaves at midnight.</description></item>
        </channel></rss>
        """

    static let feedWithSecondItem = feed.replacingOccurrences(
        of: "</channel>",
        with: """
            <item><title>Gulls return to the cliffs</title><guid>wire-2</guid>
            <pubDate>Tue, 04 Nov 2025 11:00:00 +0500</pubDate><description>Early, this year.</description></item>
            </channel>
            """)

    func withStore(_ body: (SQLiteStore, Importer) async throws -> Void) async throws {
        try await withImporter(for: publication, body)
    }

    @Test func anAddressIsASourceAndIsFetched() async throws {
        let server = FeedServer(feed: Data(Self.feed.utf8))
        try await server.serve { address in
            let (sources, missing) = ImportSourceFinder.sources(for: [address.absoluteString])
            #expect(missing.isEmpty)
            #expect(sources == [.feed(address)])
            let data = try await sources[0].read()
            #expect(String(decoding: data, as: UTF8.self) == Self.feed)
        }
    }

    @Test func theServersCharsetReadsAFeedThatDeclaresNone() async throws {
        // "Паром" in Windows-1251, in a feed with no XML declaration: only the HTTP header names it.
        let feed =
            Data("<rss version=\"2.0\"><channel><item><guid>urn:vestnik:1</guid><title>".utf8)
            + Data([0xCF, 0xE0, 0xF0, 0xEE, 0xEC])
            + Data("</title><description>x</description><pubDate>Thu, 04 Dec 2025 08:00:00 GMT</pubDate>".utf8)
            + Data("</item></channel></rss>".utf8)
        let server = FeedServer(feed: feed, contentType: "application/rss+xml; charset=windows-1251")
        try await withStore { store, importer async throws in
            try await server.serve { address in
                let (data, charset) = try await ImportSource.feed(address).body()
                #expect(charset == "windows-1251")
                let summary = await importer.importFile(named: address.absoluteString, data: data, charset: charset)
                #expect(summary.created == 1, "\(summary.failed)")
                #expect(summary.warnings.isEmpty)
                let stored = try await store.articles(matching: ArticleQuery()).items
                #expect(stored.map(\.headline) == ["Паром"])
            }
        }
    }

    @Test func aMissingFeedAndAFileAddressAreClearErrors() async throws {
        let server = FeedServer(feed: Data(Self.feed.utf8))
        try await server.serve { address in
            let gone = address.deletingLastPathComponent().appending(path: "gone.xml")
            let error = await #expect(throws: FeedFetchError.self) { try await FeedFetcher().fetch(gone) }
            #expect(error?.url == gone)
            #expect(error?.reason.hasPrefix("the server answered 404") == true)
        }
        try await server.serve { address in
            let endless = address.deletingLastPathComponent().appending(path: "endless.xml")
            let fetcher = FeedFetcher(maximumBytes: 1_048_576)
            let error = await #expect(throws: FeedFetchError.self) { try await fetcher.fetch(endless) }
            #expect(error?.reason == "the feed is over the 1 MB limit")
        }
        let local = URL(fileURLWithPath: "/etc/hostname")
        await #expect(throws: FeedFetchError(url: local, reason: "only http and https addresses are fetched")) {
            try await FeedFetcher().fetch(local)
        }
        #expect(!FeedFetcher.isFeedAddress("file:///etc/hostname"))
        #expect(!FeedFetcher.isFeedAddress("https://"))
    }

    @Test func pollingUsesConditionalGetsAndImportsOnlyWhatChanged() async throws {
        let server = FeedServer(feed: Data(Self.feed.utf8))
        try await withStore { store, importer async throws in
            try await server.serve { address in
                let poller = FeedPoller(feeds: [address], importer: importer)
                let first = await poller.poll()
                guard case .imported(let summary) = first.first?.outcome else {
                    Issue.record("expected the first poll to import, got \(first)")
                    return
                }
                #expect(summary.created == 1)

                let second = await poller.poll()
                #expect(second.first?.outcome == .notModified)
                #expect(await server.notModified == 1, "the second fetch sent If-None-Match")

                await server.publish(Data(Self.feedWithSecondItem.utf8))
                let third = await poller.poll()
                guard case .imported(let changed) = third.first?.outcome else {
                    Issue.record("expected the changed feed to import, got \(third)")
                    return
                }
                #expect(changed.created == 1)
                #expect(changed.unchanged == 1)
                #expect(await server.requests == 3)
            }
            #expect(try await store.stats().articles == 2)
        }
    }
}
