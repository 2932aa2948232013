import Broadsheet
import Hummingbird

/// `/epaper/{date}/{page}/clip/{x,y,w,h}`: a part of a printed page a reader shares. Its
/// preview (`og:image`) is that part of the page, so a link posted anywhere shows the cutting.
struct ClippingController<Context: RequestContext> {
    let site: Site

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.clipping(.key, .key, .key).route, use: site.cached(clipping))
    }

    @Sendable func clipping(_ request: Request, context: Context) async throws -> CachedPage {
        let text = context.parameters.get("date") ?? ""
        guard let date = EditionDate(iso: text) else {
            throw HTTPError(.notFound, message: "There is no edition of \(text.prefix(40)).")
        }
        async let pages = site.store.printedPages(on: date)
        async let regions = site.store.printedArticles(on: date)
        async let stored = site.store.edition(on: date)
        guard let number = context.parameters.get("page", as: Int.self),
            let page = try await pages.first(where: { $0.number == number }), page.image != nil
        else {
            throw HTTPError(.notFound, message: "The edition of \(date.printed) has no such printed page.")
        }
        let clipping: Clipping
        do {
            clipping = try Clipping(context.parameters.get("region") ?? "", on: page)
        } catch {
            throw HTTPError(.badRequest, message: "This clipping is not on the page: \(error)")
        }
        let printed = try await regions
        let stories = (try await stored?.articles ?? []).filter { story in
            printed[story.id]?.regions(on: number).contains {
                clipping.overlaps($0.bounds, pageWidth: page.width, pageHeight: page.height)
            } ?? false
        }
        return try site.html(try await PageContext(site: site).clipping(clipping, of: page, stories: stories))
            .tagged([SurrogateKey.edition(date)] + stories.map { SurrogateKey.article($0.id) })
    }
}
