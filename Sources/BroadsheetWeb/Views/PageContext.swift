import Broadsheet
import Foundation

/// Builds the dictionaries templates render. Every value a template prints with `{{ }}` is
/// escaped by mustache; nothing here produces HTML.
struct PageContext {
    let site: Site

    /// The context every page shares (site, navigation), with the page's own keys added.
    func page(
        title: String, description: String? = nil, canonical: SiteURL? = nil, canonicalPage: Int = 1,
        currentSection: Slug? = nil, feed: (title: String, scope: FeedScope)? = nil, _ content: [String: Any]
    ) async throws -> [String: Any] {
        let sections = try await site.navigation.currentSections()
        var context = content
        context["site"] = [
            "name": site.publication.name, "base_url": site.publication.baseURL, "language": site.publication.language,
            "dir": LanguageGuess.isRightToLeft(site.publication.language) ? "rtl" : "ltr",
        ]
        var page: [String: Any] = [
            "title": title == site.publication.name ? title : "\(title) — \(site.publication.name)"
        ]
        if let description { page["description"] = description }
        if let canonical { page["canonical"] = site.publication.url(canonical.path(page: canonicalPage)) }
        context["page"] = page
        context["feeds"] =
            feedLinks(title: site.publication.name, scope: nil)
            + (feed.map { feedLinks(title: "\($0.title) — \(site.publication.name)", scope: $0.scope) } ?? [])
        context["nav"] = sections.map { section -> [String: Any] in
            var item: [String: Any] = ["name": section.name, "url": section.siteURL.href]
            if section.slug == currentSection { item["current"] = true }
            return item
        }
        context["has_nav"] = !sections.isEmpty
        return context
    }

    /// The `<link rel="alternate">`s of a feed in its three formats.
    private func feedLinks(title: String, scope: FeedScope?) -> [[String: Any]] {
        FeedFormat.allCases.map { format in
            [
                "type": format.mediaType, "title": "\(title) (\(format.title))",
                "href": SiteURL.feed(scope, format).path,
            ]
        }
    }

    /// One article in a list: headline link, summary, byline, section, time.
    func card(_ article: ArticleSummary) -> [String: Any] {
        var card: [String: Any] = [
            "url": article.siteURL.href, "headline": article.headline, "published": site.dates.text(article.published),
            "published_iso": DateDisplay.rfc3339(article.published.instant),
            "section": ["name": article.section.name, "url": article.section.siteURL.href],
        ]
        card.merge(languageAttributes(article.language)) { $1 }
        if let summary = article.summary { card["summary"] = summary }
        if let byline = article.byline { card["byline"] = byline }
        if let dateline = article.dateline { card["dateline"] = dateline }
        return card
    }

    func languageAttributes(_ language: String) -> [String: Any] {
        ["lang": language, "dir": LanguageGuess.isRightToLeft(language) ? "rtl" : "ltr"]
    }

    /// Links to the numbered pages of a listing ("Newer" / "Older" and "page 2 of 7").
    func pagination(page: Int, total: Int, perPage: Int, maximumPages: Int = .max, link: (Int) -> String) -> [String:
        Any]
    {
        let pages = min(max(1, (total + perPage - 1) / perPage), maximumPages)
        var context: [String: Any] = ["page": page, "pages": pages, "total": total]
        if page > 1 { context["newer"] = link(page - 1) }
        if page < pages { context["older"] = link(page + 1) }
        if pages > 1 { context["show"] = true }
        return context
    }
}
