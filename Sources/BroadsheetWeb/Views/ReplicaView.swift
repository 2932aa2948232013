import Broadsheet
import Foundation

/// An edition's printed pages and where its stories were printed: what the replica and an
/// article's "Printed on page" links are drawn from.
struct PrintedEdition: Sendable {
    var pages: [PrintedPage]
    var articles: [Int64: PrintedArticle]

    static let none = PrintedEdition(pages: [], articles: [:])

    func page(_ number: Int) -> PrintedPage? { pages.first { $0.number == number } }

    /// The edition of `date` as `store` holds it; an export reads each date once (`PrintedEditions`).
    static func read(on date: EditionDate, from store: any ArticleStore) async throws -> PrintedEdition {
        let read: @Sendable () async throws -> PrintedEdition = {
            async let pages = store.printedPages(on: date)
            async let regions = store.printedArticles(on: date)
            return PrintedEdition(pages: try await pages, articles: try await regions)
        }
        guard let memo = PrintedEditions.current else { return try await read() }
        return try await memo.edition(on: date, orRead: read)
    }
}

/// A reader's search on one page (`?q=`) and the places it was found there.
struct PageSearch: Sendable {
    var text: String
    var hits: [PageHitFinder.Hit]
}

extension PageContext {
    /// `/epaper/{date}/{page}`: the page as printed (picture, story links, hits, zoom links) when
    /// there is one, and always the text view's list of its stories.
    func printedPage(
        number: Int, of edition: Edition, printed: PrintedEdition = .none, search: PageSearch? = nil
    ) async throws -> PageModel<PrintedPageModel> {
        let textPage = edition.pages.first { $0.number == number }
        let name = textPage?.name.map { "Page \(number): \($0)" } ?? "Page \(number)"
        let numbers = Set(edition.pages.map(\.number)).union(printed.pages.map(\.number)).sorted()
        let searched = search.map(\.text)
        func link(_ other: Int?) -> PageLinkModel? {
            other.map { PageLinkModel(url: pageLink(edition.date, $0, searching: searched), number: $0) }
        }
        let onPage = storiesPrinted(on: number, of: edition, printed: printed)
        let listed = textPage?.articles ?? []
        let listedIDs = Set(listed.map(\.id))
        let starting = onPage.filter { printed.articles[$0.id]?.firstPage == number && !listedIDs.contains($0.id) }
        var model = PrintedPageModel(
            heading: "E-Paper | \(edition.date.printed)", page_name: name, edition_url: edition.date.siteURL.href,
            articles: (listed + starting).map(card), previous: link(numbers.last { $0 < number }),
            next: link(numbers.first { $0 > number }))
        model.jumps = jumps(on: number, stories: onPage, date: edition.date, printed: printed)
        model.has_jumps = !model.jumps.isEmpty
        if printed.pages.contains(where: { $0.image != nil }) {
            model.thumbnails = printed.pages.map { page in
                ThumbnailModel(
                    url: pageLink(edition.date, page.number, searching: searched), number: page.number,
                    label: "Page \(page.displayLabel)", image: Maybe(page.thumbnail?.href),
                    current: page.number == number)
            }
            model.has_thumbnails = true
        }
        if let page = printed.page(number), let links = PageImageLinks(page) {
            model.replica = Maybe(
                replica(page, links: links, edition: edition, stories: onPage, printed: printed, search: search))
            model.script_url = Maybe(SiteURL.staticFile(.value("replica.js")).href)
        }
        if let search {
            let count = search.hits.count
            model.search = Maybe(
                PageSearchModel(
                    query: search.text,
                    summary: count == 0
                        ? "Nothing printed on this page matches “\(search.text)”."
                        : "\(count) \(count == 1 ? "place" : "places") on this page "
                            + "\(count == 1 ? "matches" : "match") “\(search.text)”.",
                    found: count > 0, search_url: SiteURL.search.href(searching: search.text)))
        }
        return try await self.page(
            title: "\(name) — E-Paper | \(edition.date.printed)",
            canonical: .printedPage(.value(edition.date), .value(number)), model)
    }

    /// The address of a page of the edition, keeping the reader's search on it.
    func pageLink(_ date: EditionDate, _ number: Int, searching text: String?) -> String {
        SiteURL.printedPage(.value(date), .value(number)).href(searching: text)
    }

    /// The edition's published stories with regions on page `number`, in the edition's order.
    private func storiesPrinted(on number: Int, of edition: Edition, printed: PrintedEdition) -> [ArticleSummary] {
        edition.articles.filter { printed.articles[$0.id]?.regions(on: number).isEmpty == false }
    }

    private func replica(
        _ page: PrintedPage, links: PageImageLinks, edition: Edition, stories: [ArticleSummary],
        printed: PrintedEdition, search: PageSearch?
    ) -> ReplicaModel {
        let shown = links.scaledSize(toWidth: PageImageLinks.pageWidths[1])
        let srcset = Set(PageImageLinks.pageWidths.map { min($0, page.width) }).sorted().map {
            "\(links.scaled(toWidth: $0)) \($0)w"
        }
        let regions = stories.compactMap { story -> RegionLinkModel? in
            guard let article = printed.articles[story.id] else { return nil }
            return RegionLinkModel(
                url: story.siteURL.href, headline: story.headline,
                shapes: article.regions(on: page.number).map(Self.shape))
        }
        let hits = (search?.hits ?? []).flatMap { hit in
            hit.boxes.map { box in
                HitBoxModel(
                    x: Self.percent(box.x), y: Self.percent(box.y), width: Self.percent(box.width),
                    height: Self.percent(box.height), text: hit.text)
            }
        }
        let quarters = [
            ("Top left quarter", 0.0, 0.0), ("Top right quarter", 0.5, 0.0), ("Bottom left quarter", 0.0, 0.5),
            ("Bottom right quarter", 0.5, 0.5),
        ].compactMap { name, x, y in
            (try? PageBox(x: x, y: y, width: 0.5, height: 0.5)).map {
                ZoomLinkModel(name: name, url: links.region($0, width: PageImageLinks.zoomWidth))
            }
        }
        let storyZooms = stories.compactMap { story -> ZoomLinkModel? in
            guard let bounds = PageBox.union(printed.articles[story.id]?.regions(on: page.number).map(\.bounds) ?? [])
            else { return nil }
            return ZoomLinkModel(
                name: "“\(story.headline)” enlarged", url: links.region(bounds, width: PageImageLinks.zoomWidth))
        }
        return ReplicaModel(
            alt: "Page \(page.displayLabel) of the \(edition.date.printed) edition, as printed",
            image: links.scaled(toWidth: shown.width), srcset: srcset.joined(separator: ", "),
            phone_image: links.scaled(toWidth: PageImageLinks.phoneWidth), width: shown.width, height: shown.height,
            service: links.service, info: links.info, full_width: page.width, full_height: page.height,
            regions: regions, hits: hits, has_hits: !hits.isEmpty, zooms: quarters + storyZooms)
    }

    /// "Continued on page 12" for a story that starts here, "Continued from page 1" for one that ends here.
    private func jumps(on number: Int, stories: [ArticleSummary], date: EditionDate, printed: PrintedEdition)
        -> [JumpModel]
    {
        stories.flatMap { story -> [JumpModel] in
            guard let article = printed.articles[story.id], article.pages.count > 1 else { return [] }
            let others = article.firstPage == number ? article.pages.filter { $0 != number } : [article.firstPage]
            return others.map { other in
                JumpModel(
                    headline: story.headline, article_url: story.siteURL.href,
                    note: article.firstPage == number ? "Continued on page \(other)" : "Continued from page \(other)",
                    page_url: SiteURL.printedPage(.value(date), .value(other)).href)
            }
        }
    }

    private static func shape(_ region: Region) -> RegionShapeModel {
        switch region.shape {
        case .rectangle(let box):
            RegionShapeModel(
                rectangle: true, x: percent(box.x), y: percent(box.y), width: percent(box.width),
                height: percent(box.height), points: "")
        case .polygon(let corners):
            RegionShapeModel(
                rectangle: false, x: "", y: "", width: "", height: "",
                points: corners.map { "\(percent($0.x)),\(percent($0.y))" }.joined(separator: " "))
        }
    }

    /// A fraction of the page as a percentage with three decimals at most: "12.5", "33.333".
    static func percent(_ fraction: Double) -> String {
        let text = String(format: "%.3f", fraction * 100)
        let trimmed =
            text.contains(".") ? text.replacingOccurrences(of: "0+$", with: "", options: .regularExpression) : text
        return trimmed.hasSuffix(".") ? String(trimmed.dropLast()) : trimmed
    }
}
