import Broadsheet
import BroadsheetFormats
import Foundation
import Hummingbird
import NIOCore

/// The read side of the JSON API under `/api/v1`: published articles, editions and taxonomy.
struct APIController<Context: RequestContext> {
    let site: Site

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.api(.articles).route, use: readable(site.cached(articles), newsroom: newsroomArticles))
        router.get(SiteURL.api(.article(.key)).route, use: readable(article, newsroom: newsroomArticle))
        router.get(SiteURL.api(.editions).route, use: site.cached(editions))
        router.get(SiteURL.api(.edition(.key)).route, use: site.cached(edition))
        router.get(SiteURL.api(.sections).route, use: site.cached(sections))
        router.get(SiteURL.api(.topics).route, use: site.cached(topics))
        router.get(SiteURL.api(.authors).route, use: site.cached(authors))
        router.get(
            SiteURL.api(.openAPI).route,
            use: site.cached { [site] _, _ in try OpenAPIDocument.page(for: site.publication) })
    }

    /// Readers get the cached public answer; a request with a token gets the newsroom's view of
    /// every status, uncached and private.
    private func readable(
        _ reader: @escaping @Sendable (Request, Context) async throws -> CachedPage,
        newsroom: @escaping @Sendable (Request, Context) async throws -> PrivateJSON
    ) -> @Sendable (Request, Context) async throws -> Response {
        { [site] request, context in
            if let user = try await NewsroomAccess(store: site.store).user(request) {
                try NewsroomAccess.check(user, may: .readUnpublished)
                return try await newsroom(request, context).response(from: request, context: context)
            }
            // A CDN must not hand the readers' answer (a draft's 404, say) to a newsroom client.
            var response = try await reader(request, context).response(from: request, context: context)
            response.headers[values: .vary].append("Authorization")
            return response
        }
    }

    @Sendable func articles(_ request: Request, context: Context) async throws -> JSONResponse<
        ListJSON<ArticleSummaryJSON>
    > {
        let parameters = request.formParameters
        if Self.isSearch(parameters) { return try await matching(parameters) }
        return JSONResponse(value: try await list(parameters, newsroom: false), surrogateKeys: [SurrogateKey.articles])
    }

    @Sendable func newsroomArticles(_ request: Request, context: Context) async throws -> PrivateJSON {
        let parameters = request.formParameters
        if Self.isSearch(parameters) { return try PrivateJSON(try await matching(parameters).value) }
        return try PrivateJSON(try await list(parameters, newsroom: true))
    }

    private static func isSearch(_ parameters: Parameters) -> Bool {
        guard let words = parameters.get("q") else { return false }
        return !words.trimmingCharacters(in: .whitespaces).isEmpty
    }

    private func list(_ parameters: Parameters, newsroom: Bool) async throws -> ListJSON<ArticleSummaryJSON> {
        let query = try ArticleQueryParameters(parameters, publication: site.publication, newsroom: newsroom).query
        let list = try await site.store.articles(matching: query)
        return ListJSON(
            items: list.items.map { ArticleSummaryJSON(summary: $0, publication: site.publication) },
            nextCursor: list.nextCursor?.encoded)
    }

    @Sendable func newsroomArticle(_ request: Request, context: Context) async throws -> PrivateJSON {
        let id = try articleID(context)
        guard let article = try await site.store.article(id: id) else {
            throw APIError.notFound("no article has id \(id)")
        }
        return try PrivateJSON(ArticleJSON(article: article, publication: site.publication))
    }

    /// `q` turns the list into a search with the same filters: best first, or `sort=newest`.
    private func matching(_ parameters: Parameters) async throws -> JSONResponse<ListJSON<ArticleSummaryJSON>> {
        if parameters.get("edition") != nil {
            throw APIError.badParameter("edition", "cannot be combined with q; narrow a search by from and to")
        }
        if let status = parameters.get("status"), status != ArticleStatus.published.rawValue {
            throw APIError.badParameter("status", "a search finds published articles only, found '\(status)'")
        }
        let search = try SearchParameters(parameters)
        let (limit, offset) = try SearchPage.read(parameters)
        let results = try await site.store.search(search.query(in: site.publication, limit: limit, offset: offset))
        return JSONResponse(
            value: ListJSON(
                items: results.hits.map { ArticleSummaryJSON(summary: $0.article, publication: site.publication) },
                nextCursor: SearchPage.nextCursor(after: results, offset: offset)),
            surrogateKeys: [SurrogateKey.articles, SurrogateKey.search])
    }

    /// One article as the API's JSON, or as IPTC ninjs 2.0 for `?format=ninjs` or
    /// `Accept: application/ninjs+json`. The two are cached apart and marked `Vary: Accept`.
    @Sendable func article(_ request: Request, context: Context) async throws -> CachedPage {
        let representation = try ArticleRepresentation(request)
        let id = context.parameters.get("id", as: Int64.self)
        let shown = context.parameters.get("id") ?? ""
        let site = self.site
        return try await site.cache.page(request.uri.description + representation.cacheSuffix) {
            let stored = try await id.asyncFlatMap { id in try await site.store.article(id: id) }
            if let stored, let retraction = stored.retraction {
                throw APIError(
                    status: .gone, code: "retracted",
                    message:
                        "article \(stored.id) was retracted on \(DateDisplay.rfc3339(retraction.at)): \(retraction.note)"
                )
            }
            guard let article = stored, article.status == .published else {
                throw APIError.notFound("no published article has id \(shown)")
            }
            var page: CachedPage
            switch representation {
            case .json:
                page = try JSONResponse(value: ArticleJSON(article: article, publication: site.publication)).page()
            case .ninjs:
                let json = try NinjsWriter(publication: site.publication).json(
                    article.content, status: article.status, revision: article.revision)
                page = CachedPage(
                    status: .ok, headers: [.contentType: ArticleRepresentation.ninjsMediaType + "; charset=utf-8"],
                    body: ByteBuffer(bytes: json))
            }
            page.headers[.vary] = "Accept"
            return page.modified(article.lastModified).tagged(SurrogateKey.keys(of: article))
        }
    }

    @Sendable func editions(_ request: Request, context: Context) async throws -> JSONResponse<
        ItemsJSON<EditionSummaryJSON>
    > {
        let editions = try await site.store.editions().map { edition in
            EditionSummaryJSON(
                date: edition.date, publication: edition.publication, region: edition.region,
                articleCount: edition.articleCount, url: edition.date.siteURL.url(in: site.publication))
        }
        return JSONResponse(value: ItemsJSON(items: editions), surrogateKeys: [SurrogateKey.archive])
    }

    @Sendable func edition(_ request: Request, context: Context) async throws -> JSONResponse<EditionJSON> {
        let text = context.parameters.get("date") ?? ""
        guard let date = EditionDate(iso: text) else {
            throw APIError.badParameter("date", "expected a date as yyyy-mm-dd, found '\(text)'")
        }
        guard let edition = try await site.store.edition(on: date) else {
            throw APIError.notFound("there is no edition of \(date.iso)")
        }
        let neighbours = try await site.store.neighbours(of: date)
        let printedPages = PrintedPageJSON.pages(
            try await site.store.printedPages(on: date), printed: try await site.store.printedArticles(on: date),
            stories: edition.articles, publication: site.publication)
        return JSONResponse(
            value: EditionJSON(
                edition: edition, neighbours: neighbours, printedPages: printedPages, publication: site.publication),
            surrogateKeys: [SurrogateKey.edition(date)])
    }

    @Sendable func sections(_ request: Request, context: Context) async throws -> JSONResponse<ItemsJSON<TermCountJSON>>
    {
        terms(try await site.store.sections(), listing: .section) { ($0.name, $0.slug, nil) }
    }

    @Sendable func topics(_ request: Request, context: Context) async throws -> JSONResponse<ItemsJSON<TermCountJSON>> {
        terms(try await site.store.topics(), listing: .topic) { ($0.name, $0.slug, nil) }
    }

    @Sendable func authors(_ request: Request, context: Context) async throws -> JSONResponse<ItemsJSON<TermCountJSON>>
    {
        terms(try await site.store.authors(), listing: .author) { ($0.name, $0.slug, $0.kind.rawValue) }
    }

    /// A taxonomy as `{"items": [...]}`, each term with its count and its page on the site.
    private func terms<Term>(
        _ counts: [TaxonomyCount<Term>], listing: ListingKind, _ describe: (Term) -> (String, Slug, String?)
    ) -> JSONResponse<ItemsJSON<TermCountJSON>> {
        let items = counts.map { count in
            let (name, slug, kind) = describe(count.term)
            return TermCountJSON(
                name: name, slug: slug, kind: kind, articleCount: count.articleCount,
                url: SiteURL.listing(listing, .value(slug)).url(in: site.publication))
        }
        return JSONResponse(value: ItemsJSON(items: items))
    }
}

/// The filters of `GET /api/v1/articles`, checked one by one so a bad value is named.
struct ArticleQueryParameters {
    var query = ArticleQuery()

    /// `newsroom`: the request carries a token that may read every status.
    init(_ parameters: Parameters, publication: Publication, newsroom: Bool = false) throws {
        let longest = SearchParameters.longestSlug
        if let section = try SearchParameters.bounded("section", parameters.get("section"), longest) {
            query.section = Slug(verbatim: section)
        }
        if let topic = try SearchParameters.bounded("topic", parameters.get("topic"), longest) {
            query.topic = Slug(verbatim: topic)
        }
        if let author = try SearchParameters.bounded("author", parameters.get("author"), longest) {
            query.author = Slug(verbatim: author)
        }
        if let edition = parameters.get("edition") {
            query.edition = try Self.date("edition", edition)
        }
        if let from = parameters.get("from") {
            query.publishedFrom = try Self.date("from", from).startOfDay(in: publication.timeZone)
        }
        if let to = parameters.get("to") {
            query.publishedBefore = try Self.date("to", to).adding(days: 1).startOfDay(in: publication.timeZone)
        }
        if let status = parameters.get("status") {
            guard let value = ArticleStatus(rawValue: status) else {
                throw APIError.badParameter("status", "expected draft, published or retracted, found '\(status)'")
            }
            guard value == .published || newsroom else {
                throw APIError.unauthorized("listing \(status) articles needs a newsroom token")
            }
            query.status = value
        }
        if let sort = parameters.get("sort"), sort != "newest" {
            throw APIError.badParameter("sort", "expected 'newest' (relevance needs a search query), found '\(sort)'")
        }
        if let limit = parameters.get("limit") {
            guard let value = Int(limit), (1...ArticleQuery.maximumLimit).contains(value) else {
                throw APIError.badParameter(
                    "limit", "expected a whole number from 1 to \(ArticleQuery.maximumLimit), found '\(limit)'")
            }
            query.limit = value
        }
        if let cursor = parameters.get("cursor"), !cursor.isEmpty {
            guard let value = ArticleCursor(encoded: cursor) else {
                throw APIError.badParameter(
                    "cursor", "not a cursor this server gave out; pass next_cursor back unchanged")
            }
            query.cursor = value
        }
    }

    private static func date(_ name: String, _ text: String) throws -> EditionDate {
        guard let date = EditionDate(iso: text) else {
            throw APIError.badParameter(name, "expected a date as yyyy-mm-dd, found '\(text.prefix(40))'")
        }
        return date
    }
}

extension Optional {
    /// `map` for an asynchronous, throwing transform that may itself give nothing.
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
