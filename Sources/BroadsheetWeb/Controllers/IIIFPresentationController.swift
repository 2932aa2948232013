import Broadsheet
import BroadsheetFormats
import Foundation
import Hummingbird

/// The paper for IIIF viewers: `/iiif/3/collection.json` (every printed edition),
/// `/iiif/3/editions/{date}/manifest.json` (Presentation 3.0), `.../search?q=` (Content Search
/// 2.0) and `.../pages/{n}/alto.xml` (each page's words as ALTO v4, which the manifest links).
///
/// Every answer allows any origin, since viewers run on other sites, and is cached like the
/// site's pages: it changes when the archive does. An edition answers only once it has printed
/// pages and a published story, so pages filed ahead of publication stay unseen.
struct IIIFPresentationController<Context: RequestContext> {
    let site: Site

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.iiifCollection.route, use: site.cached(collection))
        router.get(SiteURL.editionManifest(.key).route, use: site.cached(manifest))
        router.get(SiteURL.editionSearch(.key).route, use: site.cached(search))
        router.get(SiteURL.pageALTO(.key, .key).route, use: site.cached(alto))
    }

    @Sendable func collection(_ request: Request, context: Context) async throws -> CachedPage {
        let publication = site.publication
        let dates = try await site.store.printedEditionDates()
        let document = IIIF.Collection(
            id: publication.url(SiteURL.iiifCollection.path),
            label: IIIF.text("\(publication.name): the printed editions", language: publication.language),
            summary: IIIF.text(
                dates.count == 1 ? "1 edition as printed." : "\(dates.count) editions as printed, newest first.",
                language: publication.language),
            homepage: [
                IIIF.Link(
                    id: publication.url(SiteURL.archive.path), type: "Text",
                    label: IIIF.text("\(publication.name): editions", language: publication.language),
                    format: "text/html", language: [publication.language])
            ],
            items: dates.map { date in
                IIIF.CollectionItem(
                    id: IIIFIdentifiers(publication: publication, date: date).manifest,
                    label: IIIF.text("\(publication.name), \(date.printed)", language: publication.language),
                    navDate: EditionManifest.navDate(date, in: publication.timeZone))
            })
        return try Self.answer(document, mediaType: IIIF.presentationMediaType).tagged([SurrogateKey.archive])
    }

    @Sendable func manifest(_ request: Request, context: Context) async throws -> CachedPage {
        let (date, edition, pages) = try await printedEdition(context)
        let regions = try await site.store.printedArticles(on: date)
        let stories = edition.articles.compactMap { summary in
            regions[summary.id].map { EditionManifest.PrintedStory(summary: summary, printed: $0) }
        }
        let manifest = EditionManifest(publication: site.publication, date: date, pages: pages, stories: stories)
        return try Self.answer(manifest.manifest(), mediaType: IIIF.presentationMediaType)
            .tagged([SurrogateKey.edition(date)])
    }

    @Sendable func search(_ request: Request, context: Context) async throws -> CachedPage {
        let (date, _, pages) = try await printedEdition(context)
        var withWords: [(page: PrintedPage, words: [WordBox])] = []
        for page in pages {
            withWords.append((page, try await site.store.words(on: date, page: page.number) ?? []))
        }
        let parameters = request.formParameters
        var ignored: [String] = []
        for (name, _) in parameters where !EditionSearch.understood.contains(String(name)) {
            if !ignored.contains(String(name)) { ignored.append(String(name)) }
        }
        let ids = IIIFIdentifiers(publication: site.publication, date: date)
        let id = site.publication.url(request.uri.description)
        let answer = EditionSearch(ids: ids, pages: withWords).answer(
            id: id, query: parameters.get("q") ?? "",
            motivations: parameters.get("motivation").map { $0.split(separator: " ").map(String.init) },
            ignored: ignored)
        return try Self.answer(answer, mediaType: IIIF.searchMediaType)
            .tagged([SurrogateKey.edition(date), SurrogateKey.search])
    }

    @Sendable func alto(_ request: Request, context: Context) async throws -> CachedPage {
        let (date, _, pages) = try await printedEdition(context)
        guard let number = context.parameters.get("page", as: Int.self),
            let page = pages.first(where: { $0.number == number }),
            let words = try await site.store.words(on: date, page: number)
        else {
            throw HTTPError(.notFound, message: "The edition of \(date.printed) has no printed page with this number.")
        }
        let document = ALTOWriter(number: page.number, label: page.label, imageName: page.image)
            .document(width: page.width, height: page.height, words: words)
        var headers = Self.openHeaders
        headers[.contentType] = "text/xml; charset=utf-8"
        return CachedPage(status: .ok, headers: headers, body: ByteBuffer(string: document))
            .tagged([SurrogateKey.edition(date)])
    }

    /// The edition the path names, with its printed pages; 404 unless it has both pages and a
    /// published story.
    private func printedEdition(_ context: Context) async throws -> (EditionDate, Edition, [PrintedPage]) {
        guard let text = context.parameters.get("date"), let date = EditionDate(iso: text) else {
            throw HTTPError(.notFound, message: "Editions are found by their date, as in /iiif/3/editions/2025-04-29/.")
        }
        guard let edition = try await site.store.edition(on: date) else {
            throw HTTPError(.notFound, message: "There is no edition of \(date.printed) in the archive.")
        }
        let pages = try await site.store.printedPages(on: date)
        guard !pages.isEmpty else {
            throw HTTPError(.notFound, message: "The edition of \(date.printed) has no printed pages.")
        }
        return (date, edition, pages)
    }

    private static func answer(_ document: some Encodable, mediaType: String) throws -> CachedPage {
        var headers = openHeaders
        headers[.contentType] = mediaType
        return CachedPage(status: .ok, headers: headers, body: ByteBuffer(bytes: try APIJSON.encoder.encode(document)))
    }

    static var openHeaders: HTTPFields {
        [.accessControlAllowOrigin: "*"]
    }
}
