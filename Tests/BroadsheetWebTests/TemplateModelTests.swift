import Broadsheet
import BroadsheetSQLite
import Foundation
import Hummingbird
import HummingbirdTesting
import Mustache
import Testing

@testable import BroadsheetWeb

@Suite("Page models: templates read every field by its name", .timeLimit(.minutes(10)))
struct TemplateModelTests {
    /// Every model type a template can meet.
    static let modelTypes: Set<String> = [
        "LayoutModel", "SiteModel", "PageHead", "FeedLinkModel", "NavItemModel", "MetaTagModel", "CardModel",
        "LinkModel", "PaginationModel", "ArticleModel", "AuthorLinkModel", "CorrectionModel", "BodyBlockModel",
        "EditionModel", "EmptyFrontModel", "GroupModel", "EditionLinkModel", "PrintedPageModel", "PageLinkModel",
        "ArchiveModel", "MonthModel", "WeekModel", "DayModel", "ListingModel", "ErrorModel", "SearchModel",
        "FilterModel", "HiddenFieldModel", "FacetGroupModel", "FacetModel", "WidePrefixModel", "ReplicaModel",
        "RegionLinkModel", "RegionShapeModel", "HitBoxModel", "ZoomLinkModel", "ThumbnailModel", "JumpModel",
        "PageSearchModel", "PrintedPlaceModel", "PrintedHitModel", "ClippingModel", "ListingPagerModel",
    ]

    /// The models answer mustache by name, by hand, for speed: each stored field must be answered
    /// under its own name with its own value, or a template would silently lose it.
    @Test func everyStoredFieldIsAnsweredUnderItsName() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteStore(path: folder)
        try await store.migrate()
        let archive = try await WebFixture.fill(store)
        let site = Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
        let views = PageContext(site: site)

        var article = try #require(try await store.article(id: archive.bridge))
        article.content.body += [
            .heading("A heading"), .quote("A quote"), .preformatted("code"),
            .list(BodyList(ordered: true, items: ["one", "two"])),
            .image(BodyImage(url: "https://gazette.example/a.jpg", alt: "alt", caption: "caption", credit: "credit")),
            .embed(EmbedLink(url: "https://video.example/1", title: "A video")),
        ]
        article.corrections = [Correction(kind: .clarification, text: "A clarification.", createdAt: Date())]
        let related = try await store.related(to: article, limit: 5)
        let edition = try #require(try await store.edition(on: WebFixture.april29))
        let pages = [
            Page(number: 1, name: "Front", articles: edition.articles),
            Page(number: 2, name: nil, articles: edition.articles),
        ]
        let printed = Edition(publication: edition.publication, date: edition.date, pages: pages, articles: [])
        let parameters = try SearchParameters(
            Parameters([
                (key: "q", value: "bridge"), (key: "section", value: "pakistan"), (key: "from", value: "2025-01-01"),
            ]))
        let results = try await store.search(parameters.query(in: site.publication, limit: 1, offset: 0))
        let replica = try Self.printedEdition(for: article.id, on: edition.date)
        let words = [
            try WordBox(text: "Harbour", box: try PageBox(x: 0.1, y: 0.1, width: 0.1, height: 0.02)),
            try WordBox(text: "bridge", box: try PageBox(x: 0.21, y: 0.1, width: 0.1, height: 0.02)),
        ]
        let search = PageSearch(
            text: "bridge", hits: PageHitFinder(SearchExpression(parsing: "bridge")).hits(in: words))

        var checked: Set<String> = []
        let models: [Any] = [
            try await views.article(article, related: related, printed: replica),
            try await views.printedPage(number: 2, of: edition, printed: replica, search: search),
            try await views.edition(
                edition, neighbours: EditionNeighbours(previous: WebFixture.april28, next: nil), isFront: false),
            try await views.edition(printed, neighbours: EditionNeighbours(previous: nil, next: nil), isFront: true),
            try await views.printedPage(number: 2, of: printed),
            try await views.emptyFront(),
            try await views.archive(try await store.editions()),
            try await views.listing(
                kind: .topic, name: "Transport", slug: Slug("Transport"), note: "Topic", articles: edition.articles,
                page: 2, pages: ListingPages(total: 60, perPage: 20)),
            try await views.search(
                parameters, results: results, printed: [PrintedPageMatch(page: replica.pages[0], words: words)],
                page: 1, perPage: 1,
                printedPages: Dictionary(uniqueKeysWithValues: results.hits.map { ($0.article.id, 1) })),
            try await views.clipping(
                Clipping(around: try PageBox(x: 0.1, y: 0.2, width: 0.3, height: 0.4), on: replica.pages[0]),
                of: replica.pages[0], stories: Array(edition.articles.prefix(1))),
            await views.error(status: 404, title: "Page not found", message: "Nothing here."),
            WidePrefixModel(prefix: "harb", count: 64),
        ]
        for model in models { Self.check(model, &checked) }
        #expect(checked == Self.modelTypes, "missing: \(Self.modelTypes.subtracting(checked))")
        try await store.close()
    }

    /// The bundled layout prints `{{{meta_html}}}`; a theme's layout may loop over `meta` as it
    /// once did. Both print the same tags, escaped alike.
    @Test func readyMadeMetaTagsAreWhatTheLoopOverThemPrints() throws {
        let tags = [
            MetaTagModel(property: Maybe("og:title"), name: nil, content: #"Tolls & "fares" <rise> at the 'bridge'"#),
            MetaTagModel(property: nil, name: Maybe("twitter:card"), content: "summary"),
            MetaTagModel(property: Maybe("article:tag"), name: nil, content: "کراچی میں بارش"),
        ]
        var library = MustacheLibrary()
        try library.register(
            MarkupContentType.pragma + "{{#meta}}<meta {{attribute}}=\"{{key}}\" content=\"{{content}}\">\n{{/meta}}",
            named: "loop")
        struct Frame: MustacheParent {
            let meta: [MetaTagModel]
            func child(named name: String) -> Any? { name == "meta" ? meta : nil }
        }
        #expect(MetaTagModel.html(tags) == library.render(Frame(meta: tags), withTemplate: "loop"))
        #expect(MetaTagModel.html([]) == "")
    }

    /// Two printed pages with images, the article printed as a rectangle on the first and a
    /// polygon on the second.
    static func printedEdition(for id: Int64, on date: EditionDate) throws -> PrintedEdition {
        let image = String(repeating: "ab", count: 32) + ".png"
        let pages = try (1...2).map { try PrintedPage(date: date, number: $0, width: 1000, height: 1500, image: image) }
        let polygon = try [(0.1, 0.1), (0.5, 0.1), (0.5, 0.4)].map { try PagePoint(x: $0.0, y: $0.1) }
        let regions = [
            try Region(page: 1, box: try PageBox(x: 0.1, y: 0.2, width: 0.3, height: 0.4)),
            try Region(page: 2, shape: .polygon(polygon)),
        ]
        return PrintedEdition(pages: pages, articles: [id: try PrintedArticle(regions: regions)])
    }

    private static func check(_ value: Any, _ checked: inout Set<String>) {
        let mirror = Mirror(reflecting: value)
        if let parent = value as? MustacheParent, mirror.displayStyle == .struct,
            !String(describing: type(of: value)).hasPrefix("PageModel<")
        {
            checked.insert(String(describing: type(of: value)))
            // A card's rendering is how `card_html` is made, not a value a template reads.
            for case (let label?, let field) in mirror.children where !(field is FragmentRendering) {
                let answered = parent.child(named: label).map { String(describing: $0) }
                let stored = unwrapped(field).map { String(describing: $0) }
                #expect(answered == stored, "\(type(of: value)).\(label)")
            }
            #expect(parent.child(named: "no_such_field") == nil, "\(type(of: value))")
        }
        for child in mirror.children { check(child.value, &checked) }
    }

    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    /// A related story without a summary or byline shows none: it does not borrow the article's.
    @Test func aRelatedStoryNeverShowsTheArticlesOwnSummary() async throws {
        try await WebFixture.withApp { client, archive in
            let page = try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs")
            #expect(page.status == .ok)
            let related = try #require(page.text.range(of: "id=\"related-title\""))
            let cards = page.text[related.upperBound...]
            #expect(cards.contains("Ferry timetable changes"), "the ferry story is related by its topic")
            #expect(!cards.contains("Traffic returns to the old crossing"))
            #expect(page.text.contains("<p class=\"story__summary\">Traffic returns to the old crossing"))
        }
    }
}
