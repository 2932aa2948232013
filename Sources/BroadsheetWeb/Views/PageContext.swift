import Broadsheet
import Foundation

/// Builds the models templates render. Every value a template prints with `{{ }}` is escaped by
/// mustache; nothing here produces HTML.
struct PageContext {
    let site: Site
    /// The paper's name, address and language, as every template reads them under `site`: made
    /// once, since every card of a page carries it for its own rendering.
    private let siteModel: SiteModel
    /// Renders the fragments many pages share (cards, the masthead's sections, feed links).
    private let fragments: FragmentRendering

    init(site: Site) {
        self.site = site
        let publication = site.publication
        siteModel = SiteModel(
            name: publication.name, base_url: publication.baseURL, language: publication.language,
            dir: Self.direction(of: publication.language))
        fragments = FragmentRendering(
            library: site.theme.library, site: siteModel, keepsBundledCard: !site.theme.replaced.contains("card"))
    }

    /// A page's model inside the layout every page shares (site, navigation, feeds).
    func page<Content: PageContent>(
        title: String, description: String? = nil, canonical: SiteURL? = nil, canonicalPage: Int? = nil,
        currentSection: Slug? = nil, feed: (title: String, scope: FeedScope)? = nil, meta: [MetaTagModel] = [],
        jsonLD: [String] = [], _ content: Content
    ) async throws -> PageModel<Content> {
        let sections = try await site.navigation.currentSections()
        var layout = bareLayout(title: title)
        layout.page.description = description
        layout.page.canonical = canonical.map { site.publication.url($0.path(page: canonicalPage)) }
        layout.feeds =
            feedLinks(title: site.publication.name, scope: nil)
            + (feed.map { feedLinks(title: "\($0.title) — \(site.publication.name)", scope: $0.scope) } ?? [])
        layout.nav = sections.map { section in
            NavItemModel(name: section.name, url: section.siteURL.href, current: section.slug == currentSection)
        }
        layout.meta = meta
        layout.json_ld = jsonLD
        return PageModel(layout: layout, content: content)
    }

    /// The layout with nothing read from the store: what an error page falls back on when the
    /// store is what failed.
    func bareLayout(title: String) -> LayoutModel {
        let publication = site.publication
        return LayoutModel(
            site: siteModel, rendering: fragments,
            page: PageHead(title: title == publication.name ? title : "\(title) — \(publication.name)"))
    }

    /// The `<link rel="alternate">`s of a feed in its three formats.
    private func feedLinks(title: String, scope: FeedScope?) -> [FeedLinkModel] {
        FeedFormat.allCases.map { format in
            FeedLinkModel(
                type: format.mediaType, title: "\(title) (\(format.title))", href: SiteURL.feed(scope, format).path)
        }
    }

    /// One article in a list: headline link, summary, byline, section, time.
    func card(_ article: ArticleSummary) -> CardModel {
        CardModel(
            url: article.siteURL.href, headline: article.headline, published: site.dates.text(article.published),
            published_iso: DateDisplay.rfc3339(article.published.instant),
            section: LinkModel(name: article.section.name, url: article.section.siteURL.href), lang: article.language,
            dir: Self.direction(of: article.language), summary: Maybe(article.summary), byline: Maybe(article.byline),
            dateline: Maybe(article.dateline), rendering: fragments)
    }

    /// `rtl` for Urdu, Arabic and the other right-to-left scripts, else `ltr`.
    static func direction(of language: String) -> String {
        LanguageGuess.isRightToLeft(language) ? "rtl" : "ltr"
    }

    /// Links to the numbered pages of a listing ("Newer" / "Older" and "page 2 of 7").
    func pagination(page: Int, total: Int, perPage: Int, maximumPages: Int = .max, link: (Int) -> String)
        -> PaginationModel
    {
        let pages = min(max(1, (total + perPage - 1) / perPage), maximumPages)
        return PaginationModel(
            page: page, pages: pages, total: total, newer: page > 1 ? link(page - 1) : nil,
            older: page < pages ? link(page + 1) : nil, show: pages > 1)
    }
}
