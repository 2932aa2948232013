import Foundation
import Mustache
import Testing

@testable import BroadsheetWeb

/// An article's page is made in Swift while the theme keeps the bundled `layout.mustache` and
/// `article.mustache` (`ArticlePageHTML`): it must be the page those templates make, byte for
/// byte, with every optional part present and absent.
@Suite("The article page made in Swift", .timeLimit(.minutes(5)))
struct ArticlePageHTMLTests {
    static let theme = Result { try Theme.load() }
    static let site = SiteModel(
        name: "The Lantern & <Co>", base_url: "https://lantern.example", language: "en", dir: "ltr")

    /// A story with every part a page can show, its text full of what must be escaped.
    static func fullPage(_ theme: Theme) -> PageModel<ArticleModel> {
        let rendering = FragmentRendering(library: theme.library, site: site)
        let card = { (id: Int, headline: String) in
            CardModel(
                url: "/news/\(id)/x", headline: headline, published: "March \(id), 2026",
                published_iso: "2026-03-0\(id)T08:00:00Z", section: LinkModel(name: "City", url: "/sections/city"),
                lang: "en", dir: "ltr", summary: Maybe("Boats & \"ferries\"."), byline: nil, dateline: Maybe("PORT"),
                rendering: rendering)
        }
        var layout = LayoutModel(
            site: site, rendering: rendering,
            page: PageHead(
                title: "Ferries <run> again — The Lantern", description: "The \"first\" boat & more.",
                canonical: "https://lantern.example/news/7/ferries?a=1&b=2"))
        layout.feeds = [FeedLinkModel(type: "application/rss+xml", title: "The Lantern (RSS)", href: "/feed.xml")]
        layout.nav = [
            NavItemModel(name: "City", url: "/sections/city", current: true),
            NavItemModel(name: "Sport & Leisure", url: "/sections/sport", current: false),
        ]
        layout.meta = [
            MetaTagModel(property: Maybe("og:title"), name: nil, content: "Ferries <run>"),
            MetaTagModel(property: nil, name: Maybe("twitter:card"), content: "summary"),
        ]
        layout.json_ld = [#"{"@type":"NewsArticle","name":"A \u003c b"}"#, #"{"@type":"BreadcrumbList"}"#]
        var article = ArticleModel(
            headline: "Ferries <run> & \"sail\" again", summary: "The 'first' boat left at dawn.",
            byline: "By Sana & Omar",
            authors: [
                AuthorLinkModel(name: "Sana <Q>", url: "/authors/sana", first: true, agency: false, staff: true),
                AuthorLinkModel(
                    name: "Wire & Co", url: "/authors/wire?x=1&y=2", first: false, agency: true, staff: false),
                AuthorLinkModel(name: "Omar", url: "/authors/omar", first: false, agency: false, staff: false),
            ],
            body: [], body_html: Maybe("<p>First &amp; only.</p>\n<p>Second.</p>"),
            published: "March 7, 2026, 8:00 AM", published_iso: "2026-03-07T08:00:00+05:00",
            updated: "March 8, 2026 & later", updated_iso: "2026-03-08T09:00:00+05:00",
            section: LinkModel(name: "City & Harbour", url: "/sections/city-harbour"),
            topics: [LinkModel(name: "Boats", url: "/topics/boats"), LinkModel(name: "<Weather>", url: "/topics/w")],
            has_topics: true, print_line: "Published in The Lantern, March 7th, 2026",
            edition_url: "/epaper/2026-03-07",
            corrections: [
                CorrectionModel(kind: "Correction", text: "The boat left at <6>, not 7.", date: "March 8, 2026"),
                CorrectionModel(kind: "Clarification", text: "\"Dawn\" & dusk.", date: "March 9, 2026"),
            ],
            has_corrections: true, related: [card(3, "Storm <ends>"), card(4, "Harbour & pier")], has_related: true,
            lang: "en", dir: "ltr")
        article.printed = [
            PrintedPlaceModel(
                note: "Printed on page 1", url: "/epaper/2026-03-07/1",
                thumbnail: Maybe("/iiif/a/0,0,10,10/240,/0/default.jpg?x&y"),
                alt: "The story on <page> 1", clip: Maybe("/clip/1?a&b")),
            PrintedPlaceModel(
                note: "Continued on page 12", url: "/epaper/2026-03-07/12", thumbnail: nil, alt: "The story on page 12",
                clip: nil),
        ]
        article.has_printed = true
        return PageModel(layout: layout, content: article)
    }

    /// The full story, then each optional part taken away on its own, and all of them at once.
    static func variants(_ theme: Theme) -> [(String, PageModel<ArticleModel>)] {
        varied(
            fullPage(theme), named: "full",
            [
                "summary": { $0.content.summary = nil },
                "byline": { $0.content.byline = nil },
                "linked authors": { $0.content.authors = [] },
                "update": {
                    $0.content.updated = nil
                    $0.content.updated_iso = nil
                },
                "update's time": { $0.content.updated_iso = nil },
                "body": {
                    $0.content.body_html = nil
                    $0.content.body = []
                },
                "corrections": { $0.content.has_corrections = false },
                "printed places": { $0.content.has_printed = false },
                "topics": { $0.content.has_topics = false },
                "related": { $0.content.has_related = false },
                "description and canonical": {
                    $0.layout.page.description = nil
                    $0.layout.page.canonical = nil
                },
                "sections": { $0.layout.nav = [] },
                "meta, JSON-LD and feeds": {
                    $0.layout.meta = []
                    $0.layout.json_ld = []
                    $0.layout.feeds = []
                },
                "right to left": {
                    $0.content.lang = "ur"
                    $0.content.dir = "rtl"
                    $0.content.headline = "کشتیاں پھر چل پڑیں"
                },
                "everything": {
                    $0.content.summary = nil
                    $0.content.byline = nil
                    $0.content.authors = []
                    $0.content.updated = nil
                    $0.content.body_html = nil
                    $0.content.has_corrections = false
                    $0.content.has_printed = false
                    $0.content.has_topics = false
                    $0.content.has_related = false
                    $0.layout.page.description = nil
                    $0.layout.page.canonical = nil
                    $0.layout.nav = []
                    $0.layout.meta = []
                    $0.layout.json_ld = []
                    $0.layout.feeds = []
                },
            ])
    }

    /// `full`, then a copy of it for each change, under the change's name.
    static func varied<Content: PageContent>(
        _ full: PageModel<Content>, named name: String,
        _ changes: KeyValuePairs<String, (inout PageModel<Content>) -> Void>
    ) -> [(String, PageModel<Content>)] {
        [(name, full)]
            + changes.map { name, change in
                var page = full
                change(&page)
                return (name, page)
            }
    }

    /// Each page made in Swift by `swift` equals what its bundled templates make of it, and the
    /// bundled theme's `render` takes the Swift way.
    static func expectTemplatesMake<Content: PageContent>(
        _ pages: [(String, PageModel<Content>)], in theme: Theme, _ swift: (PageModel<Content>) -> String?
    ) throws {
        for (name, page) in pages {
            let made = try #require(swift(page), "\(name)")
            let templated = try #require(theme.library.render(page, withTemplate: Content.template))
            let same = made == templated
            #expect(same, "\(name): \(firstDifference(made, templated))")
            #expect(try theme.render(page) == made, "\(name): the bundled theme takes the Swift way")
        }
    }

    @Test func eachPageIsWhatTheBundledTemplatesMake() throws {
        let theme = try Self.theme.get()
        try Self.expectTemplatesMake(Self.variants(theme), in: theme, ArticlePageHTML.html)
    }

    /// A body the theme's own block templates must make (no `body_html`) is left to mustache, and
    /// so is every page of a theme that replaces the layout or the article's template.
    @Test func aThemesOwnTemplatesMakeThePage() throws {
        var page = Self.fullPage(try Self.theme.get())
        page.content.body_html = nil
        page.content.body = [BodyBlockModel(.paragraph("A block of its own."), dateline: nil)]
        #expect(ArticlePageHTML.html(page) == nil)

        for (name, tag) in [("layout", "</body>"), ("article", "</article>")] {
            let html = try Self.withMarkedTheme(replacing: name, before: tag) { try $0.render(Self.fullPage($0)) }
            #expect(html.contains("<!-- \(name) of the theme -->"), "\(name)")
        }
    }

    /// Runs `body` with a theme whose folder replaces the bundled template `name` with a copy that
    /// says so in a comment before `tag`.
    static func withMarkedTheme<Result>(
        replacing name: String, before tag: String, _ body: (Theme) throws -> Result
    ) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: bundled(name), encoding: .utf8)
        try Data(text.replacingOccurrences(of: tag, with: "<!-- \(name) of the theme -->" + tag).utf8)
            .write(to: templates.appendingPathComponent("\(name).mustache"))
        return try body(try Theme.load(overridesFrom: folder.path))
    }

    /// The bundled template of this name, in the sources.
    static func bundled(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/BroadsheetWeb/Resources/templates/\(name).mustache")
    }

    static func firstDifference(_ one: String, _ other: String) -> String {
        let (a, b) = (Array(one.utf8), Array(other.utf8))
        let index = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? a.count
        let around = { (bytes: [UInt8]) in
            String(decoding: bytes[max(0, index - 60)..<min(bytes.count, index + 60)], as: UTF8.self)
        }
        return "at byte \(index): «\(around(a))» against «\(around(b))»"
    }
}
