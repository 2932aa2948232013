import Broadsheet
import Foundation
import Hummingbird
import HummingbirdTesting
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

    @Test func listingsArePaginated() async throws {
        try await WebFixture.withApp(extra: { store in
            for number in 1...23 {
                let content = WebFixture.story(
                    "Tide table number \(number)", section: "Metropolitan", topics: ["Tides"], byline: "APP",
                    date: WebFixture.april28, hour: number)
                _ = try await store.save(content, status: .published)
            }
        }) { client, _ async throws in
            let first = try await client.get("/sections/metropolitan").text
            #expect(first.contains("23 articles, page 1 of 2"))
            #expect(first.contains("Tide table number 23"), "newest first")
            #expect(!first.contains("Tide table number 3<"))
            #expect(first.contains(#"<a rel="next" href="/sections/metropolitan/page/2">Older →</a>"#))
            let second = try await client.get("/sections/metropolitan/page/2").text
            #expect(second.contains("Tide table number 3<"))
            #expect(second.contains("Tide table number 1<"))
            #expect(second.contains(#"<a rel="prev" href="/sections/metropolitan">← Newer</a>"#))
            #expect(!second.contains("Older →"))
            let old = try await client.get("/sections/metropolitan?page=2")
            #expect(old.status == .movedPermanently, "the old address of a page moves to its path")
            #expect(old.headers[.location] == "/sections/metropolitan/page/2")
        }
    }
}
