import Broadsheet
import BroadsheetImages
import BroadsheetSQLite
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// The replica reader's HTML: the printed page with its stories as named links, zoom links, the
/// thumbnail strip, a search's hits where their words are printed, the text view's way back to
/// the page, and what a phone's first view costs. `scripts/replica-check` drives the same pages
/// in headless Chromium, with and without JavaScript.
@Suite("The replica reader", .timeLimit(.minutes(10)))
struct ReplicaPagesTests {
    static let page1 = "/epaper/2026-11-24/1"

    @Test func storiesAreLinksNamedByTheirHeadlinesOverThePage() async throws {
        try await ReplicaFixture.withApp { client, filed in
            let ids = await filed.ids
            let pages = await filed.pages
            let response = try await client.get(Self.page1)
            #expect(response.status == .ok)
            let html = response.text
            let leadID = try #require(ids[ReplicaFixture.lead])
            let digest = try #require(pages.first?.image.flatMap(ImageAddress.init)?.digest)

            let regionLinks = try HTMLScan.attribute("aria-label", inTags: #"<a class="replica__region""#, of: html)
            #expect(regionLinks.contains(ReplicaFixture.lead))
            #expect(
                html.contains(
                    #"<a class="replica__region" href="/news/\#(leadID)/lantern-wharf-bridge-reopens" aria-label="Lantern Wharf bridge reopens">"#
                ))
            // Each link covers the story's region: percentages of the page, from the imported regions.
            let svg = try #require(HTMLScan.section(of: html, from: "<svg class=\"replica__overlay\"", to: "</svg>"))
            #expect(svg.contains(#"viewBox="0 0 100 100""#))
            let regions = await filed.regions
            let lead = try #require(regions[leadID]?.regions(on: 1).first?.bounds)
            let leadLink = try #require(
                HTMLScan.section(of: svg, from: #"aria-label="Lantern Wharf bridge reopens""#, to: "</a>"))
            let x = try #require(try HTMLScan.attribute("x", inTags: "<rect", of: leadLink).first.flatMap(Double.init))
            let y = try #require(try HTMLScan.attribute("y", inTags: "<rect", of: leadLink).first.flatMap(Double.init))
            let width = try HTMLScan.attribute("width", inTags: "<rect", of: leadLink).first.flatMap(Double.init)
            #expect(abs(x - lead.x * 100) < 0.001 && abs(y - lead.y * 100) < 0.001)
            #expect(abs((width ?? 0) - lead.width * 100) < 0.001)
            let linked = try HTMLScan.attribute("href", inTags: #"<a class="replica__region""#, of: svg)
            #expect(linked.count == regions.values.filter { !$0.regions(on: 1).isEmpty }.count)
            #expect(
                html.contains(#"<img class="replica__image" src="/iiif/3/\#(digest)/full/960,/0/default.jpg""#),
                "the page picture is a IIIF request of the kept image")
            #expect(!html.contains("/full/max/"), "never the whole original")
            #expect(html.contains(#"<script src="/static/replica.js" defer></script>"#))
            #expect(html.contains("Stories on this page"), "the text view's list stays beside the replica")
        }
    }

    @Test func zoomLinksThumbnailsAndNeighboursAreThere() async throws {
        try await ReplicaFixture.withApp { client, filed in
            let pages = await filed.pages
            try #require(pages.count == 2)
            let html = try await client.get(Self.page1).text
            let digest = try #require(pages[0].image.flatMap(ImageAddress.init)?.digest)
            let width = pages[0].width
            let height = pages[0].height
            let half = (width + 1) / 2
            #expect(
                html.contains(
                    #"<a href="/iiif/3/\#(digest)/0,0,\#(half),\#((height + 1) / 2)/\#(half),/0/default.jpg">Top left quarter</a>"#
                ))
            let zooms = try #require(HTMLScan.section(of: html, from: "<nav class=\"replica__zooms\"", to: "</nav>"))
            let zoomLinks = try HTMLScan.attribute("href", inTags: "<a", of: zooms)
            #expect(zoomLinks.count >= 4 + 3, "four quarters and a link for each story on the page")
            #expect(zooms.contains("“Lantern Wharf bridge reopens” enlarged"))
            for link in zoomLinks {
                let image = try await client.get(link)
                #expect(image.status == .ok, "\(link)")
                #expect(image.headers[.contentType] == "image/jpeg")
            }

            let strip = try #require(HTMLScan.section(of: html, from: "<nav class=\"thumbnails\"", to: "</nav>"))
            let thumbnails = try HTMLScan.attribute("src", inTags: "<img", of: strip)
            #expect(
                thumbnails == pages.compactMap { $0.thumbnail?.href },
                "one thumbnail a page, all from the one thumbnail function")
            #expect(thumbnails.count == 2 && thumbnails.allSatisfy { $0.contains("/full/") })
            #expect(strip.contains(#"<a href="/epaper/2026-11-24/1" aria-current="page">"#))
            #expect(html.contains(#"<a rel="next" href="/epaper/2026-11-24/2">Page 2 →</a>"#))
            #expect(!html.contains(#"rel="prev""#))
            let second = try await client.get("/epaper/2026-11-24/2").text
            #expect(second.contains(#"<a rel="prev" href="/epaper/2026-11-24/1">← Page 1</a>"#))
        }
    }

    @Test func aJumpLinksBothWays() async throws {
        try await ReplicaFixture.withApp { client, filed in
            let leadID = try #require(await filed.ids[ReplicaFixture.lead])
            let first = try await client.get(Self.page1).text
            #expect(first.contains(#"<a class="jump" href="/epaper/2026-11-24/2">Continued on page 2</a>"#))
            let second = try await client.get("/epaper/2026-11-24/2").text
            #expect(second.contains(#"<a class="jump" href="/epaper/2026-11-24/1">Continued from page 1</a>"#))
            #expect(second.contains(#"aria-label="Lantern Wharf bridge reopens""#), "its continuation is a link too")

            let article = try await client.get("/news/\(leadID)/lantern-wharf-bridge-reopens").text
            let places = try #require(
                HTMLScan.section(of: article, from: "<nav class=\"printed-places\"", to: "</nav>"))
            #expect(places.contains(#"<a href="/epaper/2026-11-24/1">"#))
            #expect(places.contains("<span>Printed on page 1</span>"))
            #expect(places.contains(#"<a href="/epaper/2026-11-24/2">"#))
            #expect(places.contains("<span>Continued on page 2</span>"))
            let pictures = try HTMLScan.attribute("src", inTags: "<img", of: places)
            #expect(pictures.count == 2)
            for picture in pictures {
                #expect(!picture.contains("/full/"), "a picture of the story's region, not of the page")
                let image = try await client.get(picture)
                #expect(image.status == .ok, "\(picture)")
            }
        }
    }

    @Test func aPhraseIsMarkedOnlyWhereItsWordsStandTogether() async throws {
        try await ReplicaFixture.withApp { client, filed in
            let words = try #require(await filed.words[1])
            let html = try await client.get(Self.page1 + "?q=%22steel%20deck%22").text
            let hits = try HTMLScan.attribute("data-words", inTags: #"<rect class="replica__hit""#, of: html)
            #expect(hits == ["steel deck", "steel deck"], "the two words of the one place they stand together")
            #expect(html.contains("1 place on this page matches “&quot;steel deck&quot;”."))
            // Where they are printed: the boxes of "steel" followed by "deck" in the page's words.
            let index = try #require(
                words.indices.dropLast().first { words[$0].text == "steel" && words[$0 + 1].text == "deck" })
            let xs = try HTMLScan.attribute("x", inTags: #"<rect class="replica__hit""#, of: html).compactMap(
                Double.init)
            let ys = try HTMLScan.attribute("y", inTags: #"<rect class="replica__hit""#, of: html).compactMap(
                Double.init)
            for (offset, word) in words[index...index + 1].enumerated() {
                #expect(abs(xs[offset] - word.boxes[0].x * 100) < 0.001)
                #expect(abs(ys[offset] - word.boxes[0].y * 100) < 0.001)
            }

            // The words alone are marked wherever each is printed: more places than the phrase.
            let alone = try await client.get(Self.page1 + "?q=steel").text
            let single = try HTMLScan.attribute("data-words", inTags: #"<rect class="replica__hit""#, of: alone)
            #expect(single.count == words.filter { $0.text.lowercased().hasPrefix("steel") }.count)
            #expect(single.count > 1)

            let none = try await client.get(Self.page1 + "?q=zeppelin").text
            #expect(none.contains("Nothing printed on this page matches “zeppelin”."))
            #expect(!none.contains("replica__hit"))
            // The search travels with the reader to the next page.
            #expect(alone.contains(#"<a rel="next" href="/epaper/2026-11-24/2?q=steel">"#))
        }
    }

    @Test func searchResultsOpenTheStorysPrintedPageWithTheSearch() async throws {
        try await ReplicaFixture.withApp { client, _ in
            let html = try await client.get("/search?q=foundry%20furnaces").text
            #expect(
                html.contains(
                    #"<a class="card__page" href="/epaper/2026-11-24/1?q=foundry%20furnaces">Page 1 as printed</a>"#))
            let elsewhere = try await client.get("/search?q=%22reopens%20after%20repairs%22").text
            #expect(elsewhere.contains("Harbour bridge reopens after repairs"))
            #expect(!elsewhere.contains("card__page"), "a story without a printed page has no such link")
        }
    }

    /// A phone's first view: the narrow-screen page picture and the thumbnails, under 300 KB.
    @Test func aPhonesFirstViewStaysUnder300KB() async throws {
        try await ReplicaFixture.withApp { client, _ in
            let html = try await client.get(Self.page1).text
            let phone = try HTMLScan.attribute("srcset", inTags: #"<source media="\(max-width: 40em\)""#, of: html)
            let strip = try #require(HTMLScan.section(of: html, from: "<nav class=\"thumbnails\"", to: "</nav>"))
            let pictures = phone + (try HTMLScan.attribute("src", inTags: "<img", of: strip))
            #expect(phone.count == 1 && pictures.count == 3)
            var bytes = 0
            for picture in pictures {
                #expect(!picture.contains("/max/"))
                let image = try await client.get(picture)
                #expect(image.status == .ok, "\(picture)")
                bytes += image.body.readableBytes
            }
            #expect(bytes > 0 && bytes <= 300_000, "\(bytes) bytes")
        }
    }

    @Test func aPageWithoutAPrintedPageKeepsTheTextView() async throws {
        let placed: @Sendable (SQLiteStore) async throws -> Void = { store in
            var content = WebFixture.story(
                "Tram depot opens its doors", section: "Pakistan", topics: [], byline: "Our Staff Reporter",
                date: WebFixture.april29, hour: 9)
            content.edition.page = PageReference(number: 1, name: "Front Page")
            _ = try await store.save(content, status: .published)
        }
        try await WebFixture.withApp(extra: placed) { client, _ in
            let html = try await client.get("/epaper/2025-04-29/1").text
            #expect(!html.contains("replica__viewer"))
            #expect(!html.contains("replica.js"))
            #expect(html.contains("Stories on this page") && html.contains("Tram depot opens its doors"))
        }
        try await ReplicaFixture.withApp { client, _ in
            #expect(try await client.get("/epaper/2026-11-24/3").status == .notFound)
            let script = try await client.get("/static/replica.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            let policy = try await client.get(Self.page1).headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe"))
        }
    }
}
