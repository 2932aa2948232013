import Broadsheet
import Foundation
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// `/api/v1/editions/{date}/pages`: each printed page's size, IIIF service, thumbnail and the
/// published stories on it with their regions; words only when asked.
@Suite("The printed pages API", .timeLimit(.minutes(10)))
struct PrintedPagesAPITests {
    static let digest = String(WebFixture.pageImage.prefix(64))

    @Test func theEditionAndItsPagesListEachPageWithItsStoriesRegions() async throws {
        let story = Locked<Int64>(0)
        try await WebFixture.withApp(extra: { story.set(try await WebFixture.printPages($0)) }) { client, _ in
            let list = try await client.get("/api/v1/editions/2025-04-29/pages")
            #expect(list.status == .ok)
            let items = try #require(try list.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["number"] as? Int } == [1, 2])
            #expect(items.map { $0["label"] as? String } == ["A1", "2"])
            let front = items[0]
            #expect(front["width"] as? Int == 1600 && front["height"] as? Int == 2400)
            #expect(front["iiif_id"] as? String == "https://gazette.example/iiif/3/\(Self.digest)")
            #expect(
                front["thumbnail"] as? String
                    == "https://gazette.example/iiif/3/\(Self.digest)/full/256,384/0/default.jpg"
            )
            #expect(front["url"] as? String == "https://gazette.example/epaper/2025-04-29/1")
            #expect(front["words"] == nil, "words only when asked")
            let stories = try #require(front["articles"] as? [[String: Any]])
            #expect(stories.map { $0["id"] as? Int64 } == [story.get()])
            #expect(stories[0]["pages"] as? [Int] == [1, 2], "the jump names both pages")
            let region = try #require((stories[0]["regions"] as? [[String: Any]])?.first)
            #expect(region["page"] as? Int == 1 && region["x"] as? Double == 0.05 && region["width"] as? Double == 0.45)
            #expect(region["polygon"] is NSNull)

            let edition = try await client.get("/api/v1/editions/2025-04-29").json()
            #expect((edition["printed_pages"] as? [[String: Any]])?.count == 2, "the edition lists its pages too")
        }
    }

    @Test func onePageGivesItsWordsWhenAskedAndAPolygonsCorners() async throws {
        try await WebFixture.withApp(extra: { try await WebFixture.printPages($0) }) { client, _ in
            let plain = try await client.get("/api/v1/editions/2025-04-29/pages/2").json()
            #expect(plain["words"] == nil)
            let region = try #require(
                ((plain["articles"] as? [[String: Any]])?.first?["regions"] as? [[String: Any]])?.first)
            #expect(region["polygon"] as? [[Double]] == [[0.1, 0.1], [0.5, 0.1], [0.3, 0.4]])
            #expect(region["y"] as? Double == 0.1 && region["height"] as? Double == 0.3)

            let page = try await client.get("/api/v1/editions/2025-04-29/pages/1?words=true").json()
            let words = try #require(page["words"] as? [[String: Any]])
            #expect(words.map { $0["text"] as? String } == ["Harbour", "bridge", "reopens"])
            let box = try #require((words[1]["boxes"] as? [[String: Double]])?.first)
            #expect(box == ["x": 0.2, "y": 0.2, "width": 0.08, "height": 0.02])
        }
    }

    @Test(arguments: [
        ("/api/v1/editions/2025-04-29/pages/3", 404, "no printed page 3"),
        ("/api/v1/editions/2025-04-29/pages/0", 400, "number"),
        ("/api/v1/editions/2025-04-29/pages/two", 400, "number"),
        ("/api/v1/editions/2025-04-29/pages/1?words=yes", 400, "words"),
        ("/api/v1/editions/2020-01-01/pages", 404, "no edition of 2020-01-01"),
        ("/api/v1/editions/someday/pages", 400, "date"),
    ])
    func badRequestsAreNamed(path: String, status: Int, named: String) async throws {
        try await WebFixture.withApp(extra: { try await WebFixture.printPages($0) }) { client, _ in
            let response = try await client.get(path)
            #expect(response.status.code == status, "\(path)")
            #expect(String(buffer: response.body).contains(named), "\(path): \(String(buffer: response.body))")
        }
    }

    @Test func anEditionWithoutPrintedPagesListsNone() async throws {
        try await WebFixture.withApp { client, _ in
            let list = try await client.get("/api/v1/editions/2025-04-29/pages").json()
            #expect((list["items"] as? [Any])?.isEmpty == true)
            #expect(
                (try await client.get("/api/v1/editions/2025-04-29").json()["printed_pages"] as? [Any])?.isEmpty == true
            )
        }
    }
}
