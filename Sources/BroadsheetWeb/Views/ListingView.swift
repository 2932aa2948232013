import Broadsheet

/// What a listing page lists: a section, a topic or an author.
enum ListingKind: String, Sendable {
    case section = "sections"
    case topic = "topics"
    case author = "authors"
}

extension PageContext {
    /// `/sections/{slug}`, `/topics/{slug}`, `/authors/{slug}` and their numbered pages: newest
    /// first, cut into pages counted from the oldest (`ListingPages`). `page` is nil for the
    /// listing's own address.
    func listing(
        kind: ListingKind, name: String, slug: Slug, note: String?, articles: [ArticleSummary], page: Int?,
        pages: ListingPages
    ) async throws -> PageModel<ListingModel> {
        let address = SiteURL.listing(kind, .value(slug))
        let model = ListingModel(
            heading: name, kind: kind.rawValue, note: note, articles: articles.map(card),
            pagination: pager(page: page, pages: pages, articles: articles) { address.href(page: $0) })
        let title = page.map { "\(name), page \($0)" } ?? name
        return try await self.page(
            title: title, description: "\(name): the latest from \(site.publication.name).",
            canonical: address, canonicalPage: page, currentSection: kind == .section ? slug : nil,
            feed: (name, FeedScope(kind: kind, slug: .value(slug))), model)
    }

    /// A listing page's count and links. A numbered page says only what stays true while the
    /// listing grows (its number and the days its stories span), so it stays as it was.
    private func pager(
        page: Int?, pages: ListingPages, articles: [ArticleSummary], link: (Int?) -> String
    ) -> ListingPagerModel {
        func day(_ article: ArticleSummary) -> String {
            site.dates.text(Timestamp(article.published.instant, precision: .day))
        }
        // The first page shows the total instead: its days are never written out.
        let span: String? =
            switch (page, articles.last.map(day), articles.first.map(day)) {
            case (nil, _, _): nil
            case (_, let oldest?, let newest?) where oldest != newest: "\(oldest) to \(newest)"
            case (_, let oldest, _): oldest
            }
        return ListingPagerModel(
            total: page == nil ? pages.total : nil, page: page, span: span,
            newer: pages.newer(than: page).map(link), older: pages.older(than: page).map(link),
            show: pages.numbered > 0)
    }

    /// Any error a reader meets, as a real page of the site.
    func error(status: Int, title: String, message: String) async -> PageModel<ErrorModel> {
        let model = ErrorModel(status: status, heading: title, message: message)
        // An error page must render even when the store is what failed.
        return (try? await page(title: title, model)) ?? PageModel(layout: bareLayout(title: title), content: model)
    }
}
