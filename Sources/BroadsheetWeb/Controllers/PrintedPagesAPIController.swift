import Broadsheet
import Hummingbird

/// The printed pages of an edition under `/api/v1/editions/{date}/pages`: what a replica
/// viewer or an app needs to draw the pages and link their stories.
struct PrintedPagesAPIController<Context: RequestContext> {
    let site: Site

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.api(.printedPages(.key)).route, use: site.cached(pages))
        router.get(SiteURL.api(.printedPage(.key, .key)).route, use: site.cached(page))
    }

    @Sendable func pages(_ request: Request, context: Context) async throws -> JSONResponse<ItemsJSON<PrintedPageJSON>>
    {
        let (date, edition) = try await self.edition(context)
        let pages = PrintedPageJSON.pages(
            try await site.store.printedPages(on: date), printed: try await site.store.printedArticles(on: date),
            stories: edition.articles, publication: site.publication)
        return JSONResponse(value: ItemsJSON(items: pages), surrogateKeys: [SurrogateKey.edition(date)])
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> JSONResponse<PrintedPageJSON> {
        let (date, edition) = try await self.edition(context)
        let text = context.parameters.get("number") ?? ""
        guard let number = Int(text), PageReference.numbers.contains(number) else {
            throw APIError.badParameter(
                "number", "expected a page number from 1 to \(PageReference.numbers.upperBound), found '\(text)'")
        }
        guard let page = try await site.store.printedPages(on: date).first(where: { $0.number == number }) else {
            throw APIError.notFound("the edition of \(date.iso) has no printed page \(number)")
        }
        let words: [WordBox]?
        switch request.uri.queryParameters.get("words") {
        case nil, "false": words = nil
        case "true": words = try await site.store.words(on: date, page: number) ?? []
        case let other?: throw APIError.badParameter("words", "expected true or false, found '\(other)'")
        }
        let stories = PrintedStoryJSON.stories(
            on: number, printed: try await site.store.printedArticles(on: date), stories: edition.articles,
            publication: site.publication)
        return JSONResponse(
            value: PrintedPageJSON(page: page, articles: stories, words: words, publication: site.publication),
            surrogateKeys: [SurrogateKey.edition(date)])
    }

    /// The edition named in the path; a 404 when it has no published story and no printed page.
    private func edition(_ context: Context) async throws -> (EditionDate, Edition) {
        let text = context.parameters.get("date") ?? ""
        guard let date = EditionDate(iso: text) else {
            throw APIError.badParameter("date", "expected a date as yyyy-mm-dd, found '\(text)'")
        }
        if let edition = try await site.store.edition(on: date) { return (date, edition) }
        guard !(try await site.store.printedPages(on: date)).isEmpty else {
            throw APIError.notFound("there is no edition of \(date.iso)")
        }
        return (date, Edition(publication: site.publication.name, date: date, pages: [], articles: []))
    }
}
