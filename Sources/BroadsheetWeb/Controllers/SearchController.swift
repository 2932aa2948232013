import Broadsheet
import Foundation
import Hummingbird

/// Search on the site (`/search`), in the API (`/api/v1/search`) and for browsers (`/opensearch.xml`).
struct SearchController<Context: RequestContext> {
    let site: Site
    static var perPage: Int { 20 }
    /// Printed pages listed with the first page of results.
    static var printedPagesShown: Int { 6 }

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.search.route, use: site.cached(page))
        router.get(SiteURL.api(.search).route, use: site.cached(api))
        router.get(SiteURL.openSearch.route, use: site.cached(openSearch))
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> CachedPage {
        let parameters: SearchParameters
        do {
            parameters = try SearchParameters(request.formParameters)
        } catch let error as APIError {
            throw HTTPError(.badRequest, message: error.message)
        }
        let pageText = request.formParameters.get("page") ?? "1"
        guard let page = Int(pageText), page >= 1, page <= SearchResults.countCap / Self.perPage else {
            throw HTTPError(
                .badRequest,
                message: "The page number must be a whole number from 1 to \(SearchResults.countCap / Self.perPage).")
        }
        let query = parameters.query(in: site.publication, limit: Self.perPage, offset: (page - 1) * Self.perPage)
        let results = query.expression.isEmpty ? nil : try await site.store.search(query)
        let printed = try await printedPages(parameters, expression: query.expression, page: page)
        let printedPages = try await firstPrintedPages(of: results?.hits.map(\.article) ?? [])
        return try site.html(
            try await PageContext(site: site).search(
                parameters, results: results, printed: printed, page: page, perPage: Self.perPage,
                printedPages: printedPages)
        ).tagged([SurrogateKey.search])
    }

    /// The printed pages whose words answer the search, shown beside the first page of articles:
    /// a library's scanned issues may have no articles at all. Pages have no section, topic or
    /// author, so a search narrowed by one shows none.
    private func printedPages(_ parameters: SearchParameters, expression: SearchExpression, page: Int)
        async throws -> [PrintedPageMatch]
    {
        guard page == 1, !expression.isEmpty, parameters.section == nil, parameters.topic == nil,
            parameters.author == nil
        else { return [] }
        let dates = (parameters.from ?? .first)...max(parameters.from ?? .first, parameters.to ?? .last)
        return try await site.store.printedPages(matching: expression, dates: dates, limit: Self.printedPagesShown)
    }

    /// The printed page each story starts on, for those printed on a page of the archive.
    private func firstPrintedPages(of articles: [ArticleSummary]) async throws -> [Int64: Int] {
        var pages: [Int64: Int] = [:]
        for date in Set(articles.map(\.edition.date)) {
            let printed = try await site.store.printedArticles(on: date)
            for article in articles where article.edition.date == date {
                if let first = printed[article.id]?.firstPage { pages[article.id] = first }
            }
        }
        return pages
    }

    @Sendable func api(_ request: Request, context: Context) async throws -> JSONResponse<SearchJSON> {
        let parameters = try SearchParameters(request.formParameters)
        guard !parameters.text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.badParameter("q", "expected the words to search for")
        }
        let (limit, offset) = try SearchPage.read(request.formParameters)
        let query = parameters.query(in: site.publication, limit: limit, offset: offset)
        let results = try await site.store.search(query)
        return JSONResponse(
            value: SearchJSON(
                results: results, publication: site.publication,
                nextCursor: SearchPage.nextCursor(after: results, offset: offset)),
            surrogateKeys: [SurrogateKey.search])
    }

    @Sendable func openSearch(_ request: Request, context: Context) async throws -> CachedPage {
        let name = HTMLText.escape(site.publication.name)
        let page = HTMLText.escape(SiteURL.search.url(in: site.publication))
        let api = HTMLText.escape(SiteURL.api(.search).url(in: site.publication))
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
              <ShortName>\(name)</ShortName>
              <Description>Search the archive of \(name)</Description>
              <InputEncoding>UTF-8</InputEncoding>
              <Url type="text/html" method="get" template="\(page)?q={searchTerms}"/>
              <Url type="application/json" method="get" template="\(api)?q={searchTerms}"/>
            </OpenSearchDescription>

            """
        return CachedPage(
            status: .ok, headers: [.contentType: "application/opensearchdescription+xml; charset=utf-8"],
            body: ByteBuffer(string: xml))
    }
}

/// Where the next page of search results starts.
struct SearchCursor {
    var offset: Int

    init(offset: Int) {
        self.offset = offset
    }

    init?(encoded: String) {
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("s:"), let offset = Int(text.dropFirst(2)), offset >= 0, offset < SearchResults.countCap
        else { return nil }
        self.offset = offset
    }

    var encoded: String { Data("s:\(offset)".utf8).base64EncodedString() }
}

/// `{"items": [{id, headline, url, published_at, snippet, score}], "total", "next_cursor"}`;
/// the snippet is HTML: escaped text with the matches in `<mark>`.
struct SearchJSON: Encodable {
    let results: SearchResults
    let publication: Publication
    let nextCursor: String?

    private enum Keys: String, CodingKey {
        case items, total
        case nextCursor = "next_cursor"
    }

    private struct Hit: Encodable {
        var id: Int64
        var headline: String
        var url: String
        var publishedAt: String
        var snippet: String
        var score: Double

        enum CodingKeys: String, CodingKey {
            case id, headline, url, snippet, score
            case publishedAt = "published_at"
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(
            results.hits.map { hit in
                Hit(
                    id: hit.article.id, headline: hit.article.headline,
                    url: hit.article.siteURL.url(in: publication),
                    publishedAt: DateDisplay.rfc3339(hit.article.published.instant),
                    snippet: HTMLText.highlighted(hit.snippet),
                    score: (hit.score * 1000).rounded() / 1000)
            }, forKey: .items)
        try container.encode(results.total, forKey: .total)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
