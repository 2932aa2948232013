import Broadsheet

/// What a listing page lists: a section, a topic or an author.
enum ListingKind: String, Sendable {
    case section = "sections"
    case topic = "topics"
    case author = "authors"
}

extension PageContext {
    /// `/sections/{slug}`, `/topics/{slug}`, `/authors/{slug}`: newest first, a page at a time.
    func listing(
        kind: ListingKind, name: String, slug: Slug, note: String?, articles: [ArticleSummary], page: Int, total: Int,
        perPage: Int
    ) async throws -> PageModel<ListingModel> {
        let address = SiteURL.listing(kind, .value(slug))
        let model = ListingModel(
            heading: name, kind: kind.rawValue, note: note, articles: articles.map(card),
            pagination: pagination(page: page, total: total, perPage: perPage) { address.href(page: $0) })
        let title = page > 1 ? "\(name), page \(page)" : name
        return try await self.page(
            title: title, description: "\(name): the latest from \(site.publication.name).",
            canonical: address, canonicalPage: page, currentSection: kind == .section ? slug : nil,
            feed: (name, FeedScope(kind: kind, slug: .value(slug))), model)
    }

    /// Any error a reader meets, as a real page of the site.
    func error(status: Int, title: String, message: String) async -> PageModel<ErrorModel> {
        let model = ErrorModel(status: status, heading: title, message: message)
        // An error page must render even when the store is what failed.
        return (try? await page(title: title, model)) ?? PageModel(layout: bareLayout(title: title), content: model)
    }
}
