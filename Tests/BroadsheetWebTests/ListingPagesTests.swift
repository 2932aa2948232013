import Broadsheet
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import BroadsheetWeb

@Suite("Section, topic and author pages", .timeLimit(.minutes(10)))
struct ListingPagesTests {
    @Test func sectionPageListsNewestFirst() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let html = try await client.get("/sections/pakistan").text
            let bridge = try #require(html.range(of: "Harbour bridge reopens"))
            let ferry = try #require(html.range(of: "Ferry timetable changes"))
            #expect(bridge.lowerBound < ferry.lowerBound)
            #expect(html.contains("<h1>Pakistan</h1>"))
            #expect(html.contains(#"aria-current="page">Pakistan</a>"#))
        }
    }

    @Test func topicPageListsItsArticles() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let html = try await client.get("/topics/transport").text
            #expect(html.contains("Harbour bridge reopens"))
            #expect(html.contains("Ferry timetable changes"))
            #expect(!html.contains("Markets close higher"))
        }
    }

    @Test func topicPagesNeverListDrafts() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let html = try await client.get("/topics/markets").text
            #expect(html.contains("Markets close higher"))
            #expect(!html.contains("Unpublished budget leak"))
            #expect(html.contains("1 articles") || html.contains("1 article"))
        }
    }

    @Test func authorPageSaysWhatKindOfAuthor() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let agency = try await client.get("/authors/afp").text
            #expect(agency.contains("News agency"))
            #expect(agency.contains("<h1>AFP</h1>"))
            #expect(try await client.get("/authors/sana-mirza").text.contains("Reporter"))
        }
    }

    @Test(arguments: [
        "/sections/weather", "/topics/nothing-here", "/authors/nobody", "/sections/pakistan/page/9",
        "/sections/pakistan/page/1",
    ])
    func unknownListingsAreNotFound(path: String) async throws {
        try await WebFixture.withApp { client, _ async throws in
            #expect(try await client.get(path).status == .notFound)
        }
    }

    @Test func aBadPageNumberIsABadRequest() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/sections/pakistan?page=zero")
            #expect(response.status == .badRequest)
            #expect(response.text.contains("whole number"))
        }
    }

    /// Forty-five stories: the oldest twenty on page 1, the newest twenty-five on the section's
    /// own address; an old `?page=` address, counted from the newest, goes to the page that now
    /// shows its first story.
    @Test func listingsAreNumberedFromTheOldest() async throws {
        try await WebFixture.withApp(extra: { store in
            for number in 1...45 {
                let content = WebFixture.story(
                    "Tide table number \(number)", section: "Metropolitan", topics: ["Tides"], byline: "APP",
                    date: WebFixture.april28, hour: number)
                _ = try await store.save(content, status: .published)
            }
        }) { client, _ async throws in
            let first = try await client.get("/sections/metropolitan").text
            #expect(first.contains("45 articles"))
            #expect(first.contains("Tide table number 45<"), "newest first")
            #expect(first.contains("Tide table number 21<") && !first.contains("Tide table number 20<"))
            #expect(first.contains(#"<a rel="next" href="/sections/metropolitan/page/1">Older →</a>"#))
            #expect(!first.contains("← Newer"))
            let oldest = try await client.get("/sections/metropolitan/page/1").text
            #expect(oldest.contains("Tide table number 20<") && oldest.contains("Tide table number 1<"))
            #expect(!oldest.contains("Tide table number 21<"))
            let twenty = try #require(oldest.range(of: "Tide table number 20<"))
            let one = try #require(oldest.range(of: "Tide table number 1<"))
            #expect(twenty.lowerBound < one.lowerBound, "a numbered page lists newest first too")
            #expect(oldest.contains("Page 1: "), "a numbered page says its number")
            #expect(!oldest.contains("45 articles"), "a numbered page leaves out what every new story changes")
            #expect(oldest.contains(#"<a rel="prev" href="/sections/metropolitan">← Newer</a>"#))
            #expect(!oldest.contains("Older →"))
            let canonical = #"<link rel="canonical" href="https://gazette.example/sections/metropolitan/page/1">"#
            #expect(oldest.contains(canonical))
            #expect(try await client.get("/sections/metropolitan/page/2").status == .notFound)
            let moved = try await client.get("/sections/metropolitan?page=3")
            #expect(moved.status == .movedPermanently, "the old address of a page moves to its path")
            #expect(moved.headers[.location] == "/sections/metropolitan/page/1")
            let top = try await client.get("/sections/metropolitan?page=1")
            #expect(top.headers[.location] == "/sections/metropolitan")
        }
    }

    /// The promise numbering from the oldest makes: a story filed in a listing leaves its
    /// numbered pages as they were, byte for byte, until a full page leaves the first page.
    @Test func aNewStoryLeavesTheNumberedPagesAsTheyWere() async throws {
        let before = try await Self.ferryPages(filed: 58)
        let after = try await Self.ferryPages(filed: 59)
        #expect(before["/topics/ferries/page/1"] == after["/topics/ferries/page/1"])
        #expect(before["/topics/ferries"] != after["/topics/ferries"])
        #expect(after["/topics/ferries/page/2"] == nil)
        // The sixtieth story: the first page's oldest twenty become page 2, and page 1 now
        // leads to it.
        let filled = try await Self.ferryPages(filed: 60)
        let page2 = try #require(filled["/topics/ferries/page/2"])
        #expect(page2.contains("Ferry notice number 40<") && page2.contains("Ferry notice number 21<"))
        #expect(!(filled["/topics/ferries"] ?? "").contains("Ferry notice number 40<"))
        #expect(
            filled["/topics/ferries/page/1"]
                == after["/topics/ferries/page/1"]?.replacingOccurrences(
                    of: #"href="/topics/ferries">← Newer"#, with: #"href="/topics/ferries/page/2">← Newer"#))
    }

    /// The ferry topic's pages after `count` notices, by address; a page it does not have is left out.
    private static func ferryPages(filed count: Int) async throws -> [String: String] {
        let pages = Mutex<[String: String]>([:])
        try await WebFixture.withApp(extra: { store in
            for number in 1...count {
                let content = WebFixture.story(
                    "Ferry notice number \(number)", section: "Metropolitan", topics: ["Ferries"], byline: "APP",
                    date: WebFixture.april28, hour: number)
                _ = try await store.save(content, status: .published)
            }
        }) { client, _ async throws in
            for path in ["/topics/ferries", "/topics/ferries/page/1", "/topics/ferries/page/2"] {
                let response = try await client.get(path)
                if response.status == .ok { pages.withLock { $0[path] = response.text } }
            }
        }
        return pages.withLock { $0 }
    }
}
