import Broadsheet

extension PageContext {
    /// The front page and `/epaper/{date}`: "E-Paper | <date>", its pages or sections, and the days around it.
    func edition(_ edition: Edition, neighbours: EditionNeighbours, isFront: Bool) async throws -> [String: Any] {
        var content: [String: Any] = [
            "heading": "E-Paper | \(edition.date.printed)",
            "date_iso": edition.date.iso,
            "article_count": edition.articles.count,
            "single_article": edition.articles.count == 1,
        ]
        if let region = edition.region { content["region"] = region }
        if edition.pages.isEmpty {
            content["groups"] = edition.sections.map { group -> [String: Any] in
                [
                    "name": group.section.name, "url": group.section.siteURL.href,
                    "articles": group.articles.map(card),
                ]
            }
        } else {
            content["groups"] = edition.pages.map { page -> [String: Any] in
                [
                    "name": page.name.map { "Page \(page.number): \($0)" } ?? "Page \(page.number)",
                    "url": SiteURL.printedPage(.value(edition.date), .value(page.number)).href,
                    "articles": page.articles.map(card),
                ]
            }
        }
        if let previous = neighbours.previous {
            content["previous"] = ["url": previous.siteURL.href, "date": previous.printed]
        }
        if let next = neighbours.next {
            content["next"] = ["url": next.siteURL.href, "date": next.printed]
        }
        let data = StructuredData(publication: site.publication)
        let address = isFront ? SiteURL.front : edition.date.siteURL
        var structured = [data.collectionPage(edition, address: address)]
        if isFront {
            structured.insert(data.webSite, at: 0)
        } else {
            structured.append(
                data.breadcrumbs([
                    (site.publication.name, .front), ("E-Paper archive", .archive),
                    ("E-Paper | \(edition.date.printed)", address),
                ]))
        }
        content["json_ld"] = structured.map(StructuredData.script)
        return try await page(
            title: isFront ? site.publication.name : "E-Paper | \(edition.date.printed)",
            description: "The e-paper of \(site.publication.name) for \(edition.date.printed).",
            canonical: address, content)
    }

    /// `/epaper/{date}/{page}`: one printed page.
    func printedPage(_ page: Page, of edition: Edition) async throws -> [String: Any] {
        let name = page.name.map { "Page \(page.number): \($0)" } ?? "Page \(page.number)"
        var content: [String: Any] = [
            "heading": "E-Paper | \(edition.date.printed)", "page_name": name,
            "edition_url": edition.date.siteURL.href, "articles": page.articles.map(card),
        ]
        if let previous = edition.pages.last(where: { $0.number < page.number }) {
            content["previous"] = [
                "url": SiteURL.printedPage(.value(edition.date), .value(previous.number)).href,
                "number": previous.number,
            ]
        }
        if let next = edition.pages.first(where: { $0.number > page.number }) {
            content["next"] = [
                "url": SiteURL.printedPage(.value(edition.date), .value(next.number)).href, "number": next.number,
            ]
        }
        return try await self.page(
            title: "\(name) — E-Paper | \(edition.date.printed)",
            canonical: .printedPage(.value(edition.date), .value(page.number)), content)
    }

    /// The front page of an archive that holds nothing yet.
    func emptyFront() async throws -> [String: Any] {
        try await page(title: site.publication.name, canonical: .front, ["empty": true])
    }
}
