import Broadsheet
import BroadsheetFormats
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("Sitemaps, the Google News sitemap and robots.txt", .timeLimit(.minutes(10)))
struct SitemapTests {
    @Test func theIndexListsMonthlySitemapsAndValidates() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/sitemap.xml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
            #expect(try await ExternalCheckers.validate(response.text, schema: "sitemap") == nil)
            let text = response.text
            #expect(text.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
            // The newest change in April 2025: the Urdu story, published at 8 pm in Karachi.
            #expect(
                text.contains(
                    "<sitemap><loc>https://gazette.example/sitemaps/2025-04.xml</loc><lastmod>2025-04-29T15:00:00Z</lastmod></sitemap>"
                ))
            #expect(text.contains("<loc>https://gazette.example/sitemaps/sections.xml</loc>"))
            #expect(text.contains("<loc>https://gazette.example/sitemaps/topics.xml</loc>"))
        }
    }

    @Test func aMonthlySitemapListsItsEditionsAndPublishedArticles() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let response = try await client.get("/sitemaps/2025-04.xml")
            #expect(response.status == .ok)
            #expect(try await ExternalCheckers.validate(response.text, schema: "sitemap") == nil)
            let text = response.text
            #expect(text.contains("<url><loc>https://gazette.example/epaper/2025-04-28</loc></url>"))
            #expect(text.contains("<url><loc>https://gazette.example/epaper/2025-04-29</loc></url>"))
            #expect(
                text.contains(
                    "<url><loc>https://gazette.example/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs</loc><lastmod>2025-04-29T05:32:00Z</lastmod></url>"
                ))
            let urdu = try #require(
                "/news/\(archive.poetry)/\(Slug("شہر میں مشاعرہ"))".addingPercentEncoding(
                    withAllowedCharacters: .urlPathAllowed))
            #expect(text.contains("<loc>https://gazette.example\(urdu)</loc>"), "non-Latin slugs percent-encoded")
            #expect(!text.contains("/news/\(archive.draft)/"), "drafts are not listed")
            #expect(text.components(separatedBy: "<url>").count - 1 == 6, "two editions and four articles")
        }
    }

    @Test(arguments: ["/sitemaps/2019-01.xml", "/sitemaps/2025-13.xml", "/sitemaps/2025-04-2.xml", "/sitemaps/x.xml"])
    func monthsWithNothingAreNotFound(path: String) async throws {
        try await WebFixture.withApp { client, _ async throws in
            #expect(try await client.get(path).status == .notFound, "\(path)")
        }
    }

    @Test func sectionAndTopicPagesHaveTheirSitemaps() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let sections = try await client.get("/sitemaps/sections.xml").text
            #expect(try await ExternalCheckers.validate(sections, schema: "sitemap") == nil)
            #expect(sections.contains("<loc>https://gazette.example/sections/pakistan</loc>"))
            #expect(sections.contains("<loc>https://gazette.example/sections/business</loc>"))
            let topics = try await client.get("/sitemaps/topics.xml").text
            #expect(try await ExternalCheckers.validate(topics, schema: "sitemap") == nil)
            #expect(topics.contains("<loc>https://gazette.example/topics/transport</loc>"))
        }
    }

    @Test func theNewsSitemapHoldsTheLastTwoDays() async throws {
        let now = Date()
        try await WebFixture.withApp(extra: { store in
            for (headline, hoursAgo) in [
                ("Night ferry resumes", 3.0), ("Council meets at dawn", 30.0), ("Old story", 60.0),
            ] {
                var content = WebFixture.story(
                    headline, section: "Pakistan", topics: [], byline: "APP", date: WebFixture.april29, hour: 1)
                content.published = Timestamp(now.addingTimeInterval(-hoursAgo * 3600))
                content.edition.date = EditionDate(content.published.instant, in: WebFixture.publication.timeZone)
                content.source = ArticleSource(format: "test", uri: "test:\(headline)")
                _ = try await store.save(content, status: .published)
            }
        }) { client, _ async throws in
            let response = try await client.get("/news-sitemap.xml")
            #expect(response.status == .ok)
            let text = response.text
            #expect(try await ExternalCheckers.validate(text, schema: "sitemap") == nil, "\(text)")
            #expect(text.contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""))
            #expect(text.contains("<news:title>Night ferry resumes</news:title>"))
            #expect(text.contains("<news:title>Council meets at dawn</news:title>"))
            #expect(!text.contains("Old story"), "older than 48 hours")
            #expect(!text.contains("Harbour bridge"))
            #expect(text.contains("<news:name>The Test Gazette</news:name><news:language>en</news:language>"))
            #expect(
                text.range(of: "Night ferry resumes")!.lowerBound < text.range(of: "Council meets at dawn")!.lowerBound,
                "newest first")
        }
    }

    @Test func aBrokenSitemapFailsTheSchema() async throws {
        let broken = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><lastmod>yesterday</lastmod></url></urlset>
            """
        #expect(
            try await ExternalCheckers.validate(broken, schema: "sitemap") != nil, "the schema is not a rubber stamp")
    }

    @Test func robotsPointsAtBothSitemaps() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/robots.txt")
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.text.contains("Sitemap: https://gazette.example/sitemap.xml\n"))
            #expect(response.text.contains("Sitemap: https://gazette.example/news-sitemap.xml\n"))
            #expect(response.text.hasPrefix("User-agent: *\n"))
        }
    }

    @Test func sitemapFileNamesRoundTrip() throws {
        let april = try #require(CalendarMonth(year: 2025, month: 4))
        #expect(SiteURL.sitemap(.value(SitemapFile.name(april, part: 1))).path == "/sitemaps/2025-04.xml")
        #expect(SiteURL.sitemap(.value(SitemapFile.name(april, part: 3))).path == "/sitemaps/2025-04-3.xml")
        #expect(SitemapFile.parse("2025-04-3.xml")?.0 == april)
        #expect(SitemapFile.parse("2025-04-3.xml")?.part == 3)
        #expect(SitemapFile.parse("2025-04-1.xml") == nil)
        #expect(SitemapFile.parse("2025-4.xml") == nil)
    }
}
