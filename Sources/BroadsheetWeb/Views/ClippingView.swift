import Broadsheet

extension PageContext {
    /// The widest picture of a clipping the page shows and previews give.
    static let clippingWidth = 1200

    /// A clipping: the cut part of the page, the stories it holds, and the page it came from.
    func clipping(_ clipping: Clipping, of page: PrintedPage, stories: [ArticleSummary]) async throws
        -> PageModel<ClippingModel>
    {
        let links = PageImageLinks(page)
        let box = try PageBox(
            left: Double(clipping.x), top: Double(clipping.y), width: Double(clipping.width),
            height: Double(clipping.height), pageWidth: Double(page.width), pageHeight: Double(page.height))
        let image = links?.region(box, width: Self.clippingWidth)
        let shown = min(Self.clippingWidth, clipping.width)
        let shownHeight = max(1, Int((Double(clipping.height) * Double(shown) / Double(clipping.width)).rounded()))
        let source = "\(site.publication.name), \(page.date.printed), page \(page.displayLabel)"
        let title = stories.count == 1 ? stories[0].headline : "Clipping from \(source)"
        let alt =
            stories.isEmpty ? "Part of page \(page.displayLabel)" : stories.map(\.headline).joined(separator: "; ")
        let model = ClippingModel(
            title: title, source: source, image: Maybe(image), width: shown, height: shownHeight, alt: alt,
            page_url: page.siteURL.href, stories: stories.map(card))
        var meta = [
            MetaTagModel(property: Maybe("og:type"), name: nil, content: "article"),
            MetaTagModel(property: Maybe("og:title"), name: nil, content: title),
            MetaTagModel(
                property: Maybe("og:url"), name: nil, content: site.publication.url(clipping.siteURL.path)),
            MetaTagModel(property: Maybe("og:description"), name: nil, content: source),
            MetaTagModel(property: nil, name: Maybe("twitter:card"), content: "summary_large_image"),
        ]
        if let image {
            meta += [
                MetaTagModel(property: Maybe("og:image"), name: nil, content: site.publication.url(image)),
                MetaTagModel(property: Maybe("og:image:width"), name: nil, content: String(shown)),
                MetaTagModel(property: Maybe("og:image:height"), name: nil, content: String(shownHeight)),
                MetaTagModel(property: Maybe("og:image:alt"), name: nil, content: alt),
            ]
        }
        return try await self.page(
            title: title, description: source, canonical: clipping.siteURL, meta: meta, model)
    }
}
