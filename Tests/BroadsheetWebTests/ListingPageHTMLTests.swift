import Foundation
import Mustache
import Testing

@testable import BroadsheetWeb

/// Listing, edition and archive pages are made in Swift while the theme keeps the bundled layout and
/// their templates (`ListingPageHTML`, `EditionPageHTML`, `ArchivePageHTML`): each must be the page
/// the templates make.
@Suite("Listing, edition and archive pages made in Swift", .timeLimit(.minutes(5)))
struct ListingPageHTMLTests {
    /// The article tests' layout, with every part, and its cards' rendering.
    static func layout(_ theme: Theme) -> LayoutModel { ArticlePageHTMLTests.fullPage(theme).layout }

    static func cards(_ theme: Theme) -> [CardModel] { ArticlePageHTMLTests.fullPage(theme).content.related }

    static func listings(_ theme: Theme) -> [(String, PageModel<ListingModel>)] {
        let full = PageModel(
            layout: layout(theme),
            content: ListingModel(
                heading: "Boats & <harbours>", kind: "topics", note: "Topic \"of the week\"", articles: cards(theme),
                pagination: ListingPagerModel(
                    total: nil, page: 3, span: "2 March 2024 to 14 April 2024 & on", newer: "/topics/boats/page/4?a&b",
                    older: "/topics/boats/page/2", show: true)))
        return ArticlePageHTMLTests.varied(
            full, named: "numbered page",
            [
                "no note": { $0.content.note = nil },
                "no span": { $0.content.pagination.span = nil },
                "own address": {
                    $0.content.pagination.page = nil
                    $0.content.pagination.total = 1_234
                },
                "own address, no count": { $0.content.pagination.page = nil },
                "no stories": { $0.content.articles = [] },
                "no newer page": { $0.content.pagination.newer = nil },
                "no older page": { $0.content.pagination.older = nil },
                "one page": { $0.content.pagination.show = false },
                "bare layout": {
                    $0.layout = LayoutModel(
                        site: $0.layout.site, rendering: $0.layout.rendering, page: PageHead(title: "Boats"))
                },
            ])
    }

    static func editions(_ theme: Theme) -> [(String, PageModel<EditionModel>)] {
        let cards = cards(theme)
        let full = PageModel(
            layout: layout(theme),
            content: EditionModel(
                heading: "Saturday, March 7, 2026", date_iso: "2026-03-07", article_count: 3, single_article: false,
                region: "Karachi & <Sindh>",
                groups: [
                    GroupModel(name: "City & Harbour", url: "/sections/city?x&y", articles: cards),
                    GroupModel(name: "Sport", url: "/sections/sport", articles: [cards[0]]),
                ],
                previous: EditionLinkModel(url: "/epaper/2026-03-06", date: "March 6, 2026"),
                next: EditionLinkModel(url: "/epaper/2026-03-08", date: "March <8>, 2026"),
                book_url: "/epaper/2026-03-07.epub?a&b"))
        return ArticlePageHTMLTests.varied(
            full, named: "full",
            [
                "no region": { $0.content.region = nil },
                "one story": {
                    $0.content.article_count = 1
                    $0.content.single_article = true
                    $0.content.groups = [GroupModel(name: "Sport", url: "/sections/sport", articles: [cards[0]])]
                },
                "first edition": { $0.content.previous = nil },
                "last edition": { $0.content.next = nil },
                "no groups": { $0.content.groups = [] },
                "a group with no stories": { $0.content.groups[1].articles = [] },
            ])
    }

    static func archives(_ theme: Theme) -> [(String, PageModel<ArchiveModel>)] {
        let linked = { (day: Int) in
            DayModel(
                blank: false, day: Maybe(day), url: Maybe("/epaper/2026-03-0\(day)?a&b"),
                label: Maybe("March \(day) & <more>"))
        }
        let unlinked = { (day: Int) in DayModel(blank: false, day: Maybe(day)) }
        let march = MonthModel(
            name: "March <2026>",
            weeks: [
                WeekModel(days: [.none, .none, .none, .none, .none, .none, linked(1)]),
                WeekModel(days: [linked(2), unlinked(3), linked(4), unlinked(5), linked(6), linked(7), unlinked(8)]),
            ], edition_count: 5)
        let full = PageModel(layout: layout(theme), content: ArchiveModel(months: [march, march], empty: false))
        return ArticlePageHTMLTests.varied(
            full, named: "two months",
            [
                "no editions": {
                    $0.content.months = []
                    $0.content.empty = true
                },
                "a month without weeks": { $0.content.months[1].weeks = [] },
                "a day without a label": { $0.content.months[0].weeks[1].days[0].label = nil },
            ])
    }

    @Test func eachArchivePageIsWhatTheBundledTemplatesMake() throws {
        let theme = try ArticlePageHTMLTests.theme.get()
        try ArticlePageHTMLTests.expectTemplatesMake(Self.archives(theme), in: theme, ArchivePageHTML.html)
    }

    @Test func eachListingPageIsWhatTheBundledTemplatesMake() throws {
        let theme = try ArticlePageHTMLTests.theme.get()
        try ArticlePageHTMLTests.expectTemplatesMake(Self.listings(theme), in: theme, ListingPageHTML.html)
    }

    @Test func eachEditionPageIsWhatTheBundledTemplatesMake() throws {
        let theme = try ArticlePageHTMLTests.theme.get()
        try ArticlePageHTMLTests.expectTemplatesMake(Self.editions(theme), in: theme, EditionPageHTML.html)
    }

    /// A card made in Swift (`CardHTML`) is the one `card.mustache` makes, with and without each part.
    @Test func eachCardIsWhatTheBundledTemplateMakes() throws {
        let theme = try ArticlePageHTMLTests.theme.get()
        let site = ArticlePageHTMLTests.site
        var full = Self.cards(theme)[0]
        full.byline = Maybe("By Sana & <Omar>")
        full.on_page = Maybe(LinkModel(name: "Page <3>", url: "/epaper/2026-03-03/3?a&b"))
        var cards = [full]
        for change in [
            { (card: inout CardModel) in card.summary = nil }, { $0.summary = Maybe("") }, { $0.byline = nil },
            { $0.on_page = nil },
            {
                $0.lang = "ur"; $0.dir = "rtl"; $0.headline = "کشتیاں پھر چل پڑیں"
            },
        ] as [(inout CardModel) -> Void] {
            var card = full
            change(&card)
            cards.append(card)
        }
        let templates = FragmentRendering(library: theme.library, site: site)
        let swift = FragmentRendering(library: theme.library, site: site, keepsBundledCard: true)
        for (index, card) in cards.enumerated() {
            let (made, templated) = (swift.html(for: .card(card)), templates.html(for: .card(card)))
            let same = made == templated
            #expect(same, "card \(index): \(ArticlePageHTMLTests.firstDifference(made, templated))")
        }
    }

    /// A theme that replaces a page's template, or the layout, has its own template make the page,
    /// and the other pages stay as they were.
    @Test func aThemesOwnTemplatesMakeThePages() throws {
        for name in ["layout", "listing", "edition", "archive"] {
            let tag = name == "layout" ? "</body>" : "</h1>"
            let pages = try ArticlePageHTMLTests.withMarkedTheme(replacing: name, before: tag) { theme in
                [
                    "listing": try theme.render(Self.listings(theme)[0].1),
                    "edition": try theme.render(Self.editions(theme)[0].1),
                    "archive": try theme.render(Self.archives(theme)[0].1),
                ]
            }
            for (page, html) in pages {
                let marked = html.contains("<!-- \(name) of the theme -->")
                #expect(marked == (name == "layout" || name == page), "\(name) on the \(page) page")
            }
        }
    }
}
