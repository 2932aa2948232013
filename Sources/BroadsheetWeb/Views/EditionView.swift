import Broadsheet

extension PageContext {
    /// The front page and `/epaper/{date}`: "E-Paper | <date>", its pages or sections, and the days around it.
    func edition(_ edition: Edition, neighbours: EditionNeighbours, isFront: Bool) async throws
        -> PageModel<EditionModel>
    {
        let groups =
            edition.pages.isEmpty
            ? edition.sections.map { group in
                GroupModel(
                    name: group.section.name, url: group.section.siteURL.href, articles: group.articles.map(card))
            }
            : edition.pages.map { page in
                GroupModel(
                    name: page.name.map { "Page \(page.number): \($0)" } ?? "Page \(page.number)",
                    url: SiteURL.printedPage(.value(edition.date), .value(page.number)).href,
                    articles: page.articles.map(card))
            }
        let model = EditionModel(
            heading: "E-Paper | \(edition.date.printed)", date_iso: edition.date.iso,
            article_count: edition.articles.count, single_article: edition.articles.count == 1,
            region: edition.region, groups: groups,
            previous: neighbours.previous.map { EditionLinkModel(url: $0.siteURL.href, date: $0.printed) },
            next: neighbours.next.map { EditionLinkModel(url: $0.siteURL.href, date: $0.printed) },
            book_url: SiteURL.editionBook(.value(edition.date)).href)
        let data = StructuredData(publication: site.publication)
        let address = isFront ? SiteURL.front : edition.date.siteURL
        var structured = [StructuredData.script(data.collectionPage(edition, address: address))]
        if isFront {
            structured.insert(StructuredData.script(data.webSite), at: 0)
        } else {
            structured.append(
                StructuredData.script(
                    data.breadcrumbs([
                        (site.publication.name, .front), ("E-Paper archive", .archive),
                        ("E-Paper | \(edition.date.printed)", address),
                    ])))
        }
        return try await page(
            title: isFront ? site.publication.name : "E-Paper | \(edition.date.printed)",
            description: "The e-paper of \(site.publication.name) for \(edition.date.printed).",
            canonical: address, jsonLD: structured, model)
    }

    /// The front page of an archive that holds nothing yet.
    func emptyFront() async throws -> PageModel<EmptyFrontModel> {
        try await page(title: site.publication.name, canonical: .front, EmptyFrontModel())
    }
}
