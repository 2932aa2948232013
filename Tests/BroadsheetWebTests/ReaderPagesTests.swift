import Broadsheet
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("The reader site", .timeLimit(.minutes(10)))
struct ReaderPagesTests {
    @Test func frontPageShowsTheLatestEditionBySection() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.contains("E-Paper | April 29, 2025"))
            #expect(html.contains("Harbour bridge reopens after repairs"))
            #expect(html.contains(#"<a href="/sections/pakistan">Pakistan</a>"#))
            #expect(html.contains(#"href="/epaper/2025-04-28""#), "links to the day before")
            #expect(!html.contains("Unpublished budget leak"), "drafts never reach readers")
            #expect(!html.contains("Ferry timetable"), "the day before is not on today's front page")
        }
    }

    @Test func editionPageLinksBothWays() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/epaper/2025-04-28")
            #expect(response.status == .ok)
            #expect(response.text.contains("E-Paper | April 28, 2025"))
            #expect(response.text.contains("Ferry timetable changes for the winter"))
            #expect(response.text.contains(#"rel="next" href="/epaper/2025-04-29""#))
            #expect(!response.text.contains(#"rel="prev""#))
        }
    }

    @Test(arguments: ["/epaper/2020-01-01", "/epaper/not-a-date", "/epaper/2025-02-30", "/epaper/2025-04-29/3"])
    func missingEditionsAreRealNotFoundPages(path: String) async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get(path)
            #expect(response.status == .notFound)
            #expect(response.text.contains("<h1>Page not found</h1>"))
            #expect(
                response.text.contains(#"<link rel="stylesheet" href="/static/style.css">"#),
                "a page of the site, in its layout")
        }
    }

    @Test func archiveIsACalendarOfEditions() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/epaper")
            #expect(response.status == .ok)
            #expect(response.text.contains("April 2025"))
            #expect(
                response.text.contains(#"<a href="/epaper/2025-04-28" aria-label="April 28, 2025: 2 articles">28</a>"#))
            #expect(
                response.text.contains(#"<a href="/epaper/2025-04-29" aria-label="April 29, 2025: 2 articles">29</a>"#))
        }
    }

    @Test func articlePageShowsTheWholeStory() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let response = try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs")
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains(#"<h1 class="story__headline">Harbour bridge reopens after repairs</h1>"#))
            #expect(html.contains("Traffic returns to the old crossing after six months."))
            #expect(html.contains(#"<a href="/authors/our-staff-reporter" class="author">Our Staff Reporter</a>"#))
            #expect(html.contains(#"<span class="dateline">KARACHI:</span>"#))
            #expect(html.contains("April 29, 2025, 8:00 AM GMT+5"), "published time in the publication's zone")
            #expect(html.contains("April 29, 2025, 10:32 AM GMT+5"), "updated time in the publication's zone")
            #expect(html.contains("Published in The Test Gazette, April 29th, 2025"))
            #expect(html.contains(#"<a class="topic" href="/topics/infrastructure">Infrastructure</a>"#))
            #expect(
                html.contains(
                    #"<link rel="canonical" href="https://gazette.example/news/\#(archive.bridge)/harbour-bridge-reopens-after-repairs">"#
                ))
            #expect(
                html.contains("A second paragraph &lt;b&gt;with&lt;/b&gt; angle brackets &amp; an ampersand."),
                "copy is escaped")
        }
    }

    @Test func agencyBylinesAreShownAsAgencies() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let html = try await client.get("/news/\(archive.markets)/markets-close-higher-on-export-hopes").text
            #expect(
                html.contains(
                    #"<a href="/authors/reuters" class="author author--agency">Reuters</a> <span class="badge" title="News agency">News agency</span>"#
                ))
            #expect(html.contains(#"<a href="/authors/afp" class="author author--agency">AFP</a>"#))
        }
    }

    @Test func urduArticlesReadRightToLeft() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let json = try await client.get("/api/v1/articles/\(archive.poetry)").json()
            let slug = try #require(json["slug"] as? String)
            #expect(slug == Slug("شہر میں مشاعرہ").rawValue)
            let encoded = slug.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            let response = try await client.get("/news/\(archive.poetry)/\(encoded)")
            #expect(response.status == .ok, "redirected to \(response.headers[.location] ?? "")")
            #expect(response.text.contains(#"<article class="story" lang="ur" dir="rtl">"#))
        }
    }

    @Test func theShortArticleAddressRedirectsToTheCanonicalOne() async throws {
        try await WebFixture.withApp { client, archive async throws in
            for path in ["/news/\(archive.bridge)", "/news/\(archive.bridge)/an-old-headline"] {
                let response = try await client.get(path)
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs")
            }
        }
    }

    @Test func anUrduSlugRedirectsPercentEncodedAndDoesNotLoop() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let response = try await client.get("/news/\(archive.poetry)")
            #expect(response.status == .movedPermanently)
            let location = try #require(response.headers[.location])
            #expect(location.allSatisfy { $0.isASCII })
            #expect(try await client.get(location).status == .ok)
        }
    }

    @Test(arguments: ["/news/999999", "/news/abc", "/news/999999/some-slug"])
    func unknownArticlesAreNotFound(path: String) async throws {
        try await WebFixture.withApp { client, _ async throws in
            #expect(try await client.get(path).status == .notFound)
        }
    }

    @Test func draftsAreNotFoundForReaders() async throws {
        try await WebFixture.withApp { client, archive async throws in
            #expect(try await client.get("/news/\(archive.draft)").status == .notFound)
            #expect(try await client.get("/news/\(archive.draft)/unpublished-budget-leak").status == .notFound)
        }
    }

    @Test func anUnknownAddressIsARealNotFoundPage() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/no/such/page")
            #expect(response.status == .notFound)
            #expect(response.text.contains("Page not found"))
            #expect(response.text.contains(#"<nav class="sections" aria-label="Sections">"#))
        }
    }

    @Test func anArticleListsRelatedStoriesButNeverItself() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let html = try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs").text
            let related = try #require(html.range(of: #"<aside class="related""#), "a related list")
            let list = String(html[related.lowerBound...])
            #expect(list.contains("/news/\(archive.ferry)/ferry-timetable-changes-for-the-winter"), "shares Transport")
            #expect(!list.contains("/news/\(archive.bridge)/"), "never the article itself")
            #expect(!list.contains("Unpublished budget leak"))

            let markets = try await client.get("/news/\(archive.markets)/markets-close-higher-on-export-hopes").text
            #expect(!markets.contains(#"<aside class="related""#), "nothing like it in the archive: no empty box")
        }
    }
}
