import Broadsheet
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("The read API", .timeLimit(.minutes(10)))
struct APITests {
    @Test func anArticleHasExactlyTheProductFields() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let response = try await client.get("/api/v1/articles/\(archive.bridge)")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = try response.json()
            #expect(
                Set(json.keys) == [
                    "id", "slug", "url", "status", "revision", "language", "headline", "summary", "byline", "authors",
                    "dateline", "body", "section", "topics", "published_at", "updated_at", "edition", "corrections",
                    "source",
                ])
            #expect(json["id"] as? Int == Int(archive.bridge))
            #expect(json["slug"] as? String == "harbour-bridge-reopens-after-repairs")
            #expect(
                json["url"] as? String
                    == "https://gazette.example/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs")
            #expect(json["status"] as? String == "published")
            #expect(json["revision"] as? Int == 1)
            #expect(json["dateline"] as? String == "KARACHI")
            #expect(json["published_at"] as? String == "2025-04-29T03:00:00Z")
            #expect(json["updated_at"] as? String == "2025-04-29T05:32:00Z")
            let authors = try #require(json["authors"] as? [[String: String]])
            #expect(authors == [["name": "Our Staff Reporter", "slug": "our-staff-reporter", "kind": "staff"]])
            #expect(json["section"] as? [String: String] == ["name": "Pakistan", "slug": "pakistan"])
            let body = try #require(json["body"] as? [[String: String]])
            #expect(body.first?["type"] == "paragraph")
            let edition = try #require(json["edition"] as? [String: Any])
            #expect(edition["date"] as? String == "2025-04-29")
            #expect(edition["publication"] as? String == "The Test Gazette")
            #expect(edition["page"] is NSNull)
            #expect((json["source"] as? [String: String])?["format"] == "epaper")
        }
    }

    @Test func absentFieldsAreNull() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let json = try await client.get("/api/v1/articles/\(archive.ferry)").json()
            #expect(json["summary"] is NSNull)
            #expect(json["dateline"] is NSNull)
            #expect(json["updated_at"] is NSNull)
        }
    }

    @Test(arguments: ["/api/v1/articles/999999", "/api/v1/articles/abc"])
    func unknownArticlesAreJSONNotFound(path: String) async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get(path)
            #expect(response.status == .notFound)
            let error = try #require(try response.json()["error"] as? [String: String])
            #expect(error["code"] == "not_found")
            #expect(error["message"]?.isEmpty == false)
        }
    }

    @Test func draftsAreHiddenFromTheAPI() async throws {
        try await WebFixture.withApp { client, archive async throws in
            #expect(try await client.get("/api/v1/articles/\(archive.draft)").status == .notFound)
            let list = try await client.get("/api/v1/articles?limit=100").json()
            let ids = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            #expect(!ids.contains(Int(archive.draft)))
            #expect(try await client.get("/api/v1/articles?status=draft").status == .unauthorized)
        }
    }

    @Test(arguments: [
        ("section=pakistan", ["Harbour bridge reopens after repairs", "Ferry timetable changes for the winter"]),
        ("topic=transport", ["Harbour bridge reopens after repairs", "Ferry timetable changes for the winter"]),
        ("author=reuters", ["Markets close higher on export hopes"]),
        ("edition=2025-04-28", ["Markets close higher on export hopes", "Ferry timetable changes for the winter"]),
        ("from=2025-04-29", ["شہر میں مشاعرہ", "Harbour bridge reopens after repairs"]),
        ("to=2025-04-28", ["Markets close higher on export hopes", "Ferry timetable changes for the winter"]),
        ("from=2025-04-29&to=2025-04-29&section=culture", ["شہر میں مشاعرہ"]),
        (
            "q=paragraph&sort=newest&section=pakistan",
            ["Harbour bridge reopens after repairs", "Ferry timetable changes for the winter"]
        ),
        ("q=bridge", ["Harbour bridge reopens after repairs"]),
        (
            "q=ferry+OR+markets&to=2025-04-28&sort=newest",
            ["Markets close higher on export hopes", "Ferry timetable changes for the winter"]
        ),
        ("q=budget", []),
    ])
    func listFilters(query: String, headlines: [String]) async throws {
        try await WebFixture.withApp { client, _ async throws in
            let json = try await client.get("/api/v1/articles?\(query)").json()
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["headline"] as? String } == headlines)
            #expect(json["next_cursor"] is NSNull)
        }
    }

    @Test func listPagesWithACursor() async throws {
        try await WebFixture.withApp { client, _ async throws in
            var headlines: [String] = []
            var uri = "/api/v1/articles?limit=1"
            var pages = 0
            while pages < 10 {
                let json = try await client.get(uri).json()
                headlines += (json["items"] as? [[String: Any]] ?? []).compactMap { $0["headline"] as? String }
                pages += 1
                guard let cursor = json["next_cursor"] as? String else { break }
                uri = "/api/v1/articles?limit=1&cursor=\(cursor)"
            }
            #expect(pages == 4)
            #expect(
                headlines == [
                    "شہر میں مشاعرہ", "Harbour bridge reopens after repairs", "Markets close higher on export hopes",
                    "Ferry timetable changes for the winter",
                ])
        }
    }

    @Test(arguments: [
        ("limit=0", "limit"), ("limit=101", "limit"), ("limit=ten", "limit"), ("cursor=%%%", "cursor"),
        ("from=yesterday", "from"), ("to=2025-13-01", "to"), ("edition=29-04-2025", "edition"),
        ("status=archived", "status"), ("sort=relevance", "sort"),
    ])
    func badParametersAreNamed(query: String, parameter: String) async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/api/v1/articles?\(query)")
            #expect(response.status == .badRequest)
            let error = try #require(try response.json()["error"] as? [String: String])
            #expect(error["code"] == "invalid_parameter")
            #expect(error["message"]?.hasPrefix("\(parameter):") == true, "got \(error)")
        }
    }

    @Test func editionsAreListedNewestFirst() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let json = try await client.get("/api/v1/editions").json()
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["date"] as? String } == ["2025-04-29", "2025-04-28"])
            #expect(items.compactMap { $0["article_count"] as? Int } == [2, 2])
            #expect(items.first?["url"] as? String == "https://gazette.example/epaper/2025-04-29")
        }
    }

    @Test func anEditionHasItsArticlesAndNeighbours() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let json = try await client.get("/api/v1/editions/2025-04-28").json()
            #expect(json["date"] as? String == "2025-04-28")
            #expect(json["publication"] as? String == "The Test Gazette")
            #expect(json["previous"] is NSNull)
            #expect(json["next"] as? String == "2025-04-29")
            #expect((json["pages"] as? [Any])?.isEmpty == true)
            let articles = try #require(json["articles"] as? [[String: Any]])
            #expect(articles.count == 2)
            #expect(try await client.get("/api/v1/editions/2020-01-01").status == .notFound)
            #expect(try await client.get("/api/v1/editions/someday").status == .badRequest)
        }
    }

    @Test func taxonomyListsCountPublishedArticles() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let sections = try await client.get("/api/v1/sections").json()["items"] as? [[String: Any]] ?? []
            #expect(sections.compactMap { $0["slug"] as? String } == ["business", "culture", "pakistan"])
            #expect(sections.compactMap { $0["article_count"] as? Int } == [1, 1, 2])
            let topics = try await client.get("/api/v1/topics").json()["items"] as? [[String: Any]] ?? []
            #expect(topics.first(where: { $0["slug"] as? String == "markets" })?["article_count"] as? Int == 1)
            let authors = try await client.get("/api/v1/authors").json()["items"] as? [[String: Any]] ?? []
            #expect(authors.first(where: { $0["slug"] as? String == "afp" })?["kind"] as? String == "agency")
            #expect(authors.first(where: { $0["slug"] as? String == "sana-mirza" })?["kind"] as? String == "person")
        }
    }

    @Test func unknownAPIAddressesAnswerInJSON() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/api/v1/nothing")
            #expect(response.status == .notFound)
            #expect((try response.json()["error"] as? [String: String])?["code"] == "not_found")
        }
    }

    @Test func aSearchedListPagesWithItsOwnCursorAndRefusesWhatItCannotDo() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let first = try await client.get("/api/v1/articles?q=paragraph&sort=newest&limit=2").json()
            #expect((first["items"] as? [Any])?.count == 2)
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try await client.get("/api/v1/articles?q=paragraph&sort=newest&limit=2&cursor=\(cursor)")
                .json()
            #expect((second["items"] as? [Any])?.count == 1, "three English stories say it; never the draft")
            #expect(second["next_cursor"] is NSNull)
            #expect(try await client.get("/api/v1/articles?q=bridge&edition=2025-04-29").status == .badRequest)
            #expect(try await client.get("/api/v1/articles?q=bridge&status=draft").status == .badRequest)
            #expect(try await client.get("/api/v1/articles?q=bridge&sort=oldest").status == .badRequest)
        }
    }
}
