import Broadsheet
import BroadsheetSQLite
import Foundation
import HummingbirdTesting
import Synchronization
import Testing

@testable import BroadsheetWeb

/// The article page and the API show every kind of body block, escaped, with no unsafe address.
@Suite("Rich article bodies", .timeLimit(.minutes(10)))
struct BodyBlockPagesTests {
    static let headline = "Gull Island pier opens to walkers"

    static func save(_ store: SQLiteStore) async throws {
        var content = WebFixture.story(
            headline, section: "Pakistan", topics: ["Piers"], byline: "Our Staff Reporter",
            date: WebFixture.april29, hour: 11)
        content.dateline = Dateline(places: ["GULL ISLAND"])
        content.body = [
            .image(
                BodyImage(
                    url: "https://cdn.example/pier.jpg?w=800&h=600", alt: "The pier at <dawn>",
                    caption: "Walkers on the new pier.", credit: "Photo: Ayesha Noor")),
            .paragraph("The pier opened on Tuesday."),
            .heading("Hours & tickets"),
            .paragraph("Tickets cost fifty rupees."),
            .quote("A fine <walk>."),
            .list(BodyList(ordered: false, items: ["Open 6am–10pm", "Dogs <on leads>"])),
            .list(BodyList(ordered: true, items: ["Buy a ticket", "Walk"])),
            .preformatted("High  06:12\nLow   12:30\n"),
            .embed(EmbedLink(url: "https://video.example/42", title: "Opening video")),
            .image(BodyImage(url: "javascript:alert(1)", caption: "Stored before the rules")),
            .embed(EmbedLink(url: "data:text/html,x", title: "Unsafe embed")),
        ]
        _ = try await store.save(content, status: .published)
    }

    @Test func theArticlePageRendersEveryBlock() async throws {
        try await WebFixture.withApp(extra: Self.save) { client, _ async throws in
            let search = try await client.get("/api/v1/articles?topic=piers").json()
            let item = try #require((search["items"] as? [[String: Any]])?.first)
            let path = try #require(
                (item["url"] as? String)?.replacingOccurrences(of: "https://gazette.example", with: ""))
            let html = try await client.get(path).text
            #expect(
                html.contains(
                    #"<figure class="story__figure"><img src="https://cdn.example/pier.jpg?w=800&amp;h=600" alt="The pier at &lt;dawn&gt;" loading="lazy" decoding="async"><figcaption>Walkers on the new pier. <small class="credit">Photo: Ayesha Noor</small></figcaption></figure>"#
                ))
            #expect(html.contains(#"<p><span class="dateline">GULL ISLAND:</span> The pier opened on Tuesday.</p>"#))
            #expect(html.contains("<h2>Hours &amp; tickets</h2>"))
            #expect(html.contains("<p>Tickets cost fifty rupees.</p>"), "a paragraph the dateline does not open")
            #expect(html.contains("<blockquote><p>A fine &lt;walk&gt;.</p></blockquote>"))
            #expect(html.contains("<ul><li>Open 6am–10pm</li><li>Dogs &lt;on leads&gt;</li></ul>"))
            #expect(html.contains("<ol><li>Buy a ticket</li><li>Walk</li></ol>"))
            #expect(html.contains("<pre>High  06:12\nLow   12:30\n</pre>"), "nothing is added to a closing line")
            #expect(
                html.contains(
                    #"<p class="story__embed"><a href="https://video.example/42" rel="nofollow noopener noreferrer">Opening video</a></p>"#
                ))
            #expect(!html.contains("javascript:"))
            #expect(!html.contains("data:text"))
            #expect(
                html.contains(
                    "<figure class=\"story__figure\"><figcaption>Stored before the rules</figcaption></figure>"))
            #expect(html.contains(#"<p class="story__embed">Unsafe embed</p>"#))
            #expect(html.contains(#"<meta name="description" content="The pier opened on Tuesday.">"#))
        }
    }

    /// The body an article page shows is made in Swift while the theme keeps the bundled body
    /// templates (`ArticleBodyHTML`), and by the templates once a theme replaces any: a theme of
    /// copies of the bundled ones takes the second way, and every page must come out the same.
    @Test func theBodyMadeInSwiftIsWhatTheBundledTemplatesMake() async throws {
        let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/BroadsheetWeb/Resources/templates")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try FileManager.default.contentsOfDirectory(atPath: bundled.path).filter { $0.hasPrefix("body-") }
        #expect(names.count == 8, "a template for each kind of block, and the dateline's paragraph")
        for name in names {
            try FileManager.default.copyItem(
                at: bundled.appendingPathComponent(name), to: templates.appendingPathComponent(name))
        }
        let copies = try Theme.load(overridesFrom: folder.path)
        #expect(try Theme.load().keepsBundledBodyBlocks && !copies.keepsBundledBodyBlocks)
        let odd: @Sendable (SQLiteStore) async throws -> Void = { store in
            try await Self.save(store)
            var content = WebFixture.story(
                "Tide tables \"corrected\" & reprinted", section: "Pakistan", topics: ["Piers"], byline: "Desk",
                date: WebFixture.april29, hour: 12)
            content.body = [
                .list(BodyList(ordered: true, items: [])),
                .image(BodyImage(url: "/pictures/tide.png", alt: nil, caption: nil, credit: "Photo: 'Desk'")),
                .image(BodyImage(url: "https://cdn.example/a.jpg", alt: "", caption: "", credit: nil)),
                .image(BodyImage(url: "https://cdn.example/b.jpg")),
                .embed(EmbedLink(url: "https://video.example/7?a=1&b=2", title: nil)),
                .paragraph("No dateline here: <b>bold</b> is text, 'quoted' too."),
                .quote(""),
            ]
            _ = try await store.save(content, status: .published)
            var plain = WebFixture.story(
                "A story with no body", section: "Pakistan", topics: ["Piers"], byline: "Desk",
                date: WebFixture.april29, hour: 13)
            plain.body = []
            _ = try await store.save(plain, status: .published)
        }
        let rendered = Mutex<[[String]]>([])
        for theme in [try Theme.load(), copies] {
            try await WebFixture.withApp(theme: theme, extra: odd) { client, _ async throws in
                let listed = try await client.get("/api/v1/articles?topic=piers").json()
                let paths = try #require(listed["items"] as? [[String: Any]]).compactMap {
                    ($0["url"] as? String)?.replacingOccurrences(of: "https://gazette.example", with: "")
                }
                try #require(paths.count == 3)
                var texts: [String] = []
                for path in paths.sorted() { texts.append(try await client.get(path).text) }
                rendered.withLock { $0.append(texts) }
            }
        }
        let pages = rendered.withLock { $0 }
        try #require(pages.count == 2)
        for (swift, templated) in zip(pages[0], pages[1]) { #expect(swift == templated) }
        #expect(pages[0].contains { $0.contains("<ol></ol>") && $0.contains("<blockquote><p></p></blockquote>") })
    }

    @Test func theAPIGivesEachBlockItsFields() async throws {
        try await WebFixture.withApp(extra: Self.save) { client, _ async throws in
            let search = try await client.get("/api/v1/articles?topic=piers").json()
            let id = try #require((search["items"] as? [[String: Any]])?.first?["id"] as? Int)
            let json = try await client.get("/api/v1/articles/\(id)").json()
            let body = try #require(json["body"] as? [[String: Any]])
            try #require(body.count == 11)
            #expect(
                body.map { $0["type"] as? String } == [
                    "image", "paragraph", "heading", "paragraph", "quote", "list", "list", "preformatted", "embed",
                    "image", "embed",
                ])
            #expect(body[0]["url"] as? String == "https://cdn.example/pier.jpg?w=800&h=600")
            #expect(body[0]["credit"] as? String == "Photo: Ayesha Noor")
            #expect(body[5]["items"] as? [String] == ["Open 6am–10pm", "Dogs <on leads>"])
            #expect(body[6]["ordered"] as? Bool == true)
            #expect(body[8]["title"] as? String == "Opening video")
        }
    }
}
