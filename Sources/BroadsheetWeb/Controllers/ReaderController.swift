import Broadsheet
import Hummingbird

/// The reader site: editions, the archive, articles, and section, topic and author pages.
struct ReaderController<Context: RequestContext> {
    let site: Site
    static var perPage: Int { 20 }
    /// The listing pages a reader may ask for: two million stories under one name, twenty a page.
    static var pages: ClosedRange<Int> { 1...100_000 }

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.front.route, use: site.cached(front))
        router.get(SiteURL.archive.route, use: site.cached(archive))
        router.get(SiteURL.edition(.key).route, use: site.cached(edition))
        router.get(SiteURL.printedPage(.key, .key).route, use: site.cached(printedPage))
        router.get(SiteURL.permalink(.key).route, use: site.cached(articleByID))
        router.get(SiteURL.article(.key, .key).route, use: site.cached(article))
        router.get(SiteURL.section(.key).route, use: site.cached(section))
        router.get(SiteURL.topic(.key).route, use: site.cached(topic))
        router.get(SiteURL.author(.key).route, use: site.cached(author))
        router.get(SiteURL.listingPage(.section(.key), .key).route, use: site.cached(section))
        router.get(SiteURL.listingPage(.topic(.key), .key).route, use: site.cached(topic))
        router.get(SiteURL.listingPage(.author(.key), .key).route, use: site.cached(author))
    }

    private var views: PageContext { PageContext(site: site) }

    @Sendable func front(_ request: Request, context: Context) async throws -> CachedPage {
        guard let latest = try await site.store.latestEditionDate() else {
            return try site.html(try await views.emptyFront()).tagged([SurrogateKey.front])
        }
        return try await render(date: latest, isFront: true).tagged([SurrogateKey.front])
    }

    @Sendable func archive(_ request: Request, context: Context) async throws -> CachedPage {
        try site.html(try await views.archive(try await site.store.editions())).tagged([SurrogateKey.archive]
        )
    }

    @Sendable func edition(_ request: Request, context: Context) async throws -> CachedPage {
        try await render(date: try editionDate(context), isFront: false)
    }

    @Sendable func printedPage(_ request: Request, context: Context) async throws -> CachedPage {
        let date = try editionDate(context)
        let text = try SearchParameters.bounded(
            "q", request.uri.queryParameters.get("q"), SearchParameters.longestText)
        async let stored = site.store.edition(on: date)
        let printed = try await PrintedEdition.read(on: date, from: site.store)
        let edition =
            try await stored ?? Edition(publication: site.publication.name, date: date, pages: [], articles: [])
        guard let number = context.parameters.get("page", as: Int.self),
            edition.pages.contains(where: { $0.number == number }) || printed.page(number) != nil
        else {
            throw HTTPError(.notFound, message: "The edition of \(date.printed) has no such page.")
        }
        var search: PageSearch?
        if let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let words = printed.page(number) == nil ? [] : try await site.store.words(on: date, page: number) ?? []
            search = PageSearch(text: text, hits: PageHitFinder(SearchExpression(parsing: text)).hits(in: words))
        }
        let model = try await views.printedPage(number: number, of: edition, printed: printed, search: search)
        return try site.html(model).tagged(
            [SurrogateKey.edition(date)] + edition.articles.map { SurrogateKey.article($0.id) })
    }

    @Sendable func articleByID(_ request: Request, context: Context) async throws -> CachedPage {
        let article = try await publishedArticle(context)
        return .redirect(to: article.siteURL.path).tagged([SurrogateKey.article(article.id)])
    }

    @Sendable func article(_ request: Request, context: Context) async throws -> CachedPage {
        let article = try await publishedArticle(context)
        if context.parameters.decoded("slug") != article.slug.rawValue {
            return .redirect(to: article.siteURL.path).tagged([SurrogateKey.article(article.id)])
        }
        async let nearby = site.store.related(to: article, limit: RelatedArticles.defaultLimit)
        let printed = try await PrintedEdition.read(on: article.content.edition.date, from: site.store)
        let related = try await nearby
        return try site.html(try await views.article(article, related: related, printed: printed))
            .modified(article.lastModified)
            .tagged(SurrogateKey.keys(of: article) + related.map { SurrogateKey.article($0.id) })
    }

    @Sendable func section(_ request: Request, context: Context) async throws -> CachedPage {
        let slug = context.parameters.decodedSlug
        let section = try await site.existingSection(slug)
        return try await listing(
            request, context: context, kind: .section, name: section.name, slug: slug, note: nil,
            query: ArticleQuery(section: slug)
        ).tagged([SurrogateKey.section(slug)])
    }

    @Sendable func topic(_ request: Request, context: Context) async throws -> CachedPage {
        let slug = context.parameters.decodedSlug
        let topic = try await site.existingTopic(slug)
        return try await listing(
            request, context: context, kind: .topic, name: topic.name, slug: slug, note: "Topic",
            query: ArticleQuery(topic: slug)
        ).tagged([SurrogateKey.topic(slug)])
    }

    @Sendable func author(_ request: Request, context: Context) async throws -> CachedPage {
        let slug = context.parameters.decodedSlug
        let author = try await site.existingAuthor(slug)
        let note =
            switch author.kind {
            case .agency: "News agency"
            case .staff: "Staff"
            case .person: "Reporter"
            }
        return try await listing(
            request, context: context, kind: .author, name: author.name, slug: slug, note: note,
            query: ArticleQuery(author: slug)
        ).tagged([SurrogateKey.author(slug)])
    }

    private func listing(
        _ request: Request, context: Context, kind: ListingKind, name: String, slug: Slug, note: String?,
        query: ArticleQuery
    ) async throws -> CachedPage {
        let asked = try listingPage(request, context: context)
        let pages = ListingPages(total: try await site.store.count(matching: query), perPage: Self.perPage)
        let address = SiteURL.listing(kind, .value(slug))
        let page: Int?
        switch asked {
        case .numbered(let number):
            guard pages.stories(on: number) != nil else {
                throw HTTPError(
                    .notFound,
                    message: pages.numbered == 0
                        ? "\(name) has no numbered pages: its own page lists every story."
                        : "\(name) has pages 1 (the oldest) to \(pages.numbered).")
            }
            page = number
        case .newest: page = nil
        case .counted(let fromNewest):
            // The old `?page=` addresses counted from the newest: sent where their first story is now.
            return .redirect(to: address.path(page: pages.page(showing: (fromNewest - 1) * Self.perPage)))
        }
        let places = page.flatMap(pages.stories(on:)) ?? pages.first
        var query = query
        query.offset = places.lowerBound
        query.limit = max(1, places.count)
        let list = try await site.store.articles(matching: query)
        return try site.html(
            try await views.listing(
                kind: kind, name: name, slug: slug, note: note, articles: list.items, page: page, pages: pages)
        ).tagged(list.items.map { SurrogateKey.article($0.id) })
    }

    private func render(date: EditionDate, isFront: Bool) async throws -> CachedPage {
        guard let edition = try await site.store.edition(on: date) else {
            throw HTTPError(.notFound, message: "There is no edition of \(date.printed) in the archive.")
        }
        let neighbours = try await site.store.neighbours(of: date)
        return try site.html(try await views.edition(edition, neighbours: neighbours, isFront: isFront))
            .tagged([SurrogateKey.edition(date)] + edition.articles.map { SurrogateKey.article($0.id) })
    }

    private func editionDate(_ context: Context) throws -> EditionDate {
        guard let text = context.parameters.get("date"), let date = EditionDate(iso: text) else {
            throw HTTPError(.notFound, message: "Editions are found by their date, as in /epaper/2025-04-29.")
        }
        return date
    }

    private func publishedArticle(_ context: Context) async throws -> Article {
        let stored = try await context.parameters.get("id", as: Int64.self).asyncFlatMap { id in
            // A static export hands over the stories it has just read (`StoriesReadAhead`).
            if let article = StoriesReadAhead.current?.take(id) { return article }
            return try await site.store.article(id: id)
        }
        if let stored, let retraction = stored.retraction {
            // Gone, and said so: a reader who follows an old link learns why.
            throw HTTPError(
                .gone,
                message: "“\(stored.content.headline)” was retracted on "
                    + "\(site.dates.text(Timestamp(retraction.at, precision: .day))). \(retraction.note)")
        }
        guard let article = stored, article.status == .published else {
            throw HTTPError(.notFound, message: "There is no such article in the archive.")
        }
        return article
    }

    /// What a listing address asks for: a numbered page (`…/page/{n}`), the listing's own address,
    /// or an old `?page=n`, counted from the newest.
    private enum AskedListingPage {
        case newest
        case numbered(Int)
        case counted(fromNewest: Int)
    }

    private func listingPage(_ request: Request, context: Context) throws -> AskedListingPage {
        if let text = context.parameters.get("page") {
            guard let page = Int(text), Self.pages.contains(page) else {
                throw HTTPError(.notFound, message: "Listing pages are numbered from 1 to \(Self.pages.upperBound).")
            }
            return .numbered(page)
        }
        guard let text = request.formParameters.get("page") else { return .newest }
        guard let page = Int(text), Self.pages.contains(page) else {
            throw HTTPError(
                .badRequest, message: "The page number must be a whole number from 1 to \(Self.pages.upperBound).")
        }
        return .counted(fromNewest: page)
    }
}
