import Broadsheet
import BroadsheetFormats
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("Feeds: RSS 2.0, Atom and JSON Feed", .timeLimit(.minutes(10)))
struct FeedTests {
    static let formats: [(path: String, version: String, contentType: String)] =
        xmlFormats + [
            ("/feed.json", "json11", "application/feed+json; charset=utf-8")
        ]
    /// What feedparser reads (Debian's 6.0 has no JSON Feed support; a schema checks that one).
    static let xmlFormats: [(path: String, version: String, contentType: String)] = [
        ("/feed.xml", "rss20", "application/rss+xml; charset=utf-8"),
        ("/atom.xml", "atom10", "application/atom+xml; charset=utf-8"),
    ]

    @Test(arguments: xmlFormats)
    func theSiteFeedParsesCleanlyFieldByField(format: (path: String, version: String, contentType: String))
        async throws
    {
        try await WebFixture.withApp { client, archive async throws in
            let response = try await client.get(format.path)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == format.contentType)
            #expect(response.headers[.eTag] != nil)
            let parsed = try await ExternalCheckers.parseFeed(response.text)
            #expect(parsed["bozo"] as? Int == 0, "feedparser found a problem: \(parsed["bozo_exception"] ?? "")")
            #expect(parsed["version"] as? String == format.version)
            let feed = try #require(parsed["feed"] as? [String: Any])
            #expect(feed["title"] as? String == "The Test Gazette")
            #expect(feed["link"] as? String == "https://gazette.example/")

            let entries = try #require(parsed["entries"] as? [[String: Any]])
            #expect(entries.count == 4, "the four published stories; the draft never")
            let titles = entries.compactMap { $0["title"] as? String }
            #expect(titles.first == "Unpublished budget leak" ? false : true)
            #expect(!titles.contains("Unpublished budget leak"))
            #expect(titles.first == "شہر میں مشاعرہ", "newest first: the Urdu story ran at 8 pm")

            let bridge = try #require(
                entries.first { $0["title"] as? String == "Harbour bridge reopens after repairs" })
            #expect(
                bridge["id"] as? String == "https://gazette.example/news/\(archive.bridge)", "an id without the slug")
            #expect(
                bridge["link"] as? String
                    == "https://gazette.example/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs")
            #expect(bridge["published"] as? String != nil)
            #expect(bridge["updated"] as? String != nil)
            #expect(bridge["summary"] as? String == "Traffic returns to the old crossing after six months.")
            let authors = (bridge["authors"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(authors == ["Our Staff Reporter"])
            let tags = (bridge["tags"] as? [[String: Any]])?.compactMap {
                ($0["label"] as? String) ?? ($0["term"] as? String)
            }
            #expect(tags == ["Pakistan", "Transport", "Infrastructure"])
            let content = try #require((bridge["content"] as? [[String: Any]])?.first?["value"] as? String)
            #expect(content.contains("<strong>KARACHI:</strong>"), "the dateline leads the first paragraph")
            #expect(
                content.contains("A second paragraph &lt;b&gt;with&lt;/b&gt; angle brackets &amp; an ampersand."),
                "the copy's own angle brackets stay text: \(content)")
        }
    }

    @Test func theJSONFeedKeepsTheSpecificationFieldByField() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let response = try await client.get("/feed.json")
            #expect(response.headers[.contentType] == "application/feed+json; charset=utf-8")
            #expect(try await ExternalCheckers.validateJSON(response.text, schema: "jsonfeed-1.1") == [])
            let json = try response.json()
            #expect(json["title"] as? String == "The Test Gazette")
            #expect(json["home_page_url"] as? String == "https://gazette.example/")
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["title"] as? String }.first == "شہر میں مشاعرہ")
            #expect(items.count == 4)
            let bridge = try #require(items.first { $0["title"] as? String == "Harbour bridge reopens after repairs" })
            #expect(bridge["id"] as? String == "https://gazette.example/news/\(archive.bridge)")
            #expect(bridge["summary"] as? String == "Traffic returns to the old crossing after six months.")
            #expect(bridge["tags"] as? [String] == ["Pakistan", "Transport", "Infrastructure"])
            #expect((bridge["authors"] as? [[String: Any]])?.first?["name"] as? String == "Our Staff Reporter")
            #expect((bridge["content_html"] as? String)?.contains("&lt;b&gt;with&lt;/b&gt;") == true)
            let poetry = try #require(items.first { $0["language"] as? String == "ur" })
            #expect(poetry["title"] as? String == "شہر میں مشاعرہ")
        }
    }

    @Test func datesAreEachFormatsOwn() async throws {
        try await WebFixture.withApp { client, archive async throws in
            // Published 08:00 in Karachi on April 29, 2025 (03:00 UTC), updated 10:32 (05:32 UTC).
            let rss = try await client.get("/feed.xml").text
            #expect(rss.contains("<pubDate>Tue, 29 Apr 2025 03:00:00 GMT</pubDate>"))
            #expect(rss.contains("<dcterms:modified>2025-04-29T05:32:00Z</dcterms:modified>"))
            let atom = try await client.get("/atom.xml").text
            #expect(atom.contains("<published>2025-04-29T03:00:00Z</published>"))
            #expect(atom.contains("<updated>2025-04-29T05:32:00Z</updated>"))
            #expect(atom.contains(#"<entry xml:lang="ur">"#), "the Urdu story says its language")
            let json = try await client.get("/feed.json").json()
            let items = try #require(json["items"] as? [[String: Any]])
            let bridge = try #require(
                items.first { $0["id"] as? String == "https://gazette.example/news/\(archive.bridge)" })
            #expect(bridge["date_published"] as? String == "2025-04-29T03:00:00Z")
            #expect(bridge["date_modified"] as? String == "2025-04-29T05:32:00Z")
            #expect(json["version"] as? String == "https://jsonfeed.org/version/1.1")
            #expect(json["feed_url"] as? String == "https://gazette.example/feed.json")
        }
    }

    @Test(arguments: ["/sections/pakistan", "/topics/transport", "/authors/our-staff-reporter"])
    func sectionsTopicsAndAuthorsHaveTheirOwnFeeds(path: String) async throws {
        try await WebFixture.withApp { client, _ async throws in
            let json = try await client.get(path + "/feed.json").text
            #expect(try await ExternalCheckers.validateJSON(json, schema: "jsonfeed-1.1") == [])
            for format in Self.xmlFormats {
                let response = try await client.get(path + format.path)
                #expect(response.status == .ok, "\(path + format.path)")
                let parsed = try await ExternalCheckers.parseFeed(response.text)
                #expect(parsed["bozo"] as? Int == 0, "\(path + format.path): \(parsed["bozo_exception"] ?? "")")
                let titles = (parsed["entries"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
                #expect(
                    titles == ["Harbour bridge reopens after repairs", "Ferry timetable changes for the winter"],
                    "\(path + format.path)")
            }
            let page = try await client.get(path).text
            for format in Self.formats {
                #expect(page.contains(#"<link rel="alternate" type="\#(format.contentType.prefix { $0 != ";" })""#))
                #expect(page.contains(#"href="\#(path + format.path)""#), "\(path) links its \(format.path)")
            }
            #expect(page.contains(#"href="/feed.xml""#), "and the site's")
        }
    }

    @Test func unknownSectionsHaveNoFeed() async throws {
        try await WebFixture.withApp { client, _ async throws in
            #expect(try await client.get("/sections/no-such-desk/feed.xml").status == .notFound)
            #expect(try await client.get("/topics/nothing/atom.xml").status == .notFound)
        }
    }

    @Test func aCorrectionRedatesTheEntryAndIsShown() throws {
        let content = WebFixture.story(
            "Harbour bridge reopens after repairs", section: "Pakistan", topics: [], byline: "Our Staff Reporter",
            date: WebFixture.april29, hour: 8)
        let corrected = Date(timeIntervalSince1970: 1_746_000_000)  // 2025-04-30 08:00 UTC
        let article = Article(
            id: 7, slug: Slug(content.headline), status: .published, revision: 1, content: content,
            corrections: [
                Correction(kind: .correction, text: "The bridge is 1.2 km long, not 12 km.", createdAt: corrected)
            ])
        let entry = FeedEntry(article: article, publication: WebFixture.publication, links: .site)
        #expect(entry.updated == corrected)
        #expect(entry.published == content.published.instant)
        #expect(entry.contentHTML.contains("<p><strong>Correction, April 30, 2025:</strong> The bridge is 1.2 km long"))

        var renamed = article
        renamed.content.headline = "Harbour bridge reopens at last"
        renamed.slug = Slug(renamed.content.headline)
        #expect(
            FeedEntry(article: renamed, publication: WebFixture.publication, links: .site).id == entry.id,
            "ids never move")
        #expect(entry.id == "https://gazette.example/news/7")
        #expect(entry.url == "https://gazette.example/news/7/harbour-bridge-reopens-after-repairs")
    }

    /// The five characters are escaped wherever they stand, beside any other script, and text
    /// without them comes back unchanged.
    @Test(arguments: [
        ("plain words", "plain words"),
        ("", ""),
        ("<b>\"Tom\" & 'Jerry'</b>", "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"),
        ("کراچی <نیوز> & لاہور", "کراچی &lt;نیوز&gt; &amp; لاہور"),
        ("<\u{301}é & 👩‍👩‍👧>", "&lt;\u{301}é &amp; 👩‍👩‍👧&gt;"),
        ("&amp;", "&amp;amp;"),
        // Every other printable ASCII character, those between and beside the five's included.
        ("!#$%()*+,-./09:;=?@AZ[\\]^_`az{|}~ \t", "!#$%()*+,-./09:;=?@AZ[\\]^_`az{|}~ \t"),
        (String(repeating: "tide ", count: 40) + "'", String(repeating: "tide ", count: 40) + "&#39;"),
        ("\"" + String(repeating: "<p>", count: 30), "&quot;" + String(repeating: "&lt;p&gt;", count: 30)),
    ])
    func escapesTheFiveCharactersAnywhere(text: String, escaped: String) {
        #expect(MarkupText.escape(text) == escaped)
    }

    @Test func xmlForbiddenCharactersAreDroppedNotSent() {
        #expect(MarkupText.escapeXML("bell\u{07} & tab\t") == "bell &amp; tab\t")
        #expect(MarkupText.escapeXML("lines\r\nend\u{FFFE}\u{FFFF}") == "lines\r\nend")
        #expect(MarkupText.escapeXML("ＡＢ <\u{FFFD}>") == "ＡＢ &lt;\u{FFFD}&gt;")
    }

    @Test func everyKindOfBlockBecomesSafeAbsoluteHTML() {
        let html = BodyHTML.html(
            of: [
                .paragraph("Crowds gathered <early>."),
                .image(
                    BodyImage(
                        url: "/img/bridge.jpg", alt: "The bridge at dawn", caption: "Open again", credit: "Photo: Staff"
                    )),
                .image(BodyImage(url: "javascript:alert(1)", alt: "bad")),
                .list(BodyList(ordered: true, items: ["First", "Second & last"])),
                .preformatted("Lane  1\nLane  2"),
                .embed(EmbedLink(url: "https://video.example/v/1", title: "The reopening")),
                .embed(EmbedLink(url: "data:text/html,hi", title: "bad")),
            ], dateline: Dateline(places: ["KARACHI"]), baseURL: "https://gazette.example")
        #expect(html.contains("<p><strong>KARACHI:</strong> Crowds gathered &lt;early&gt;.</p>"))
        #expect(
            html.contains(
                #"<figure><img src="https://gazette.example/img/bridge.jpg" alt="The bridge at dawn"><figcaption>Open again Photo: Staff</figcaption></figure>"#
            ))
        #expect(html.contains("<ol><li>First</li><li>Second &amp; last</li></ol>"))
        #expect(html.contains("<pre>Lane  1\nLane  2</pre>"))
        #expect(html.contains(#"<p><a href="https://video.example/v/1">The reopening</a></p>"#))
        #expect(!html.contains("javascript:") && !html.contains("data:"), "unsafe addresses never reach a feed")
    }
}
