import Broadsheet

extension PageContext {
    /// `/news/{id}/{slug}`: the whole story as printed, with its credits, times and print line.
    func article(_ article: Article, related: [ArticleSummary], printed: PrintedEdition = .none) async throws
        -> PageModel<ArticleModel>
    {
        let content = article.content
        // The dateline opens the first paragraph, which need not be the first block (a picture may lead).
        let datelineIndex = content.body.firstIndex { if case .paragraph = $0 { true } else { false } }
        let updated = content.updated.flatMap { $0 == content.published ? nil : $0 }
        var model = ArticleModel(
            headline: content.headline, summary: content.summary, byline: content.byline,
            authors: content.authors.enumerated().map { index, author in
                AuthorLinkModel(
                    name: author.name, url: author.siteURL.href, first: index == 0, agency: author.kind == .agency,
                    staff: author.kind == .staff)
            },
            body: content.body.enumerated().map { index, block in
                BodyBlockModel(block, dateline: index == datelineIndex ? content.dateline : nil)
            },
            published: site.dates.text(content.published),
            published_iso: DateDisplay.rfc3339(content.published.instant),
            updated: updated.map(site.dates.text), updated_iso: updated.map { DateDisplay.rfc3339($0.instant) },
            section: LinkModel(name: content.section.name, url: content.section.siteURL.href),
            topics: content.topics.map { LinkModel(name: $0.name, url: $0.siteURL.href) },
            has_topics: !content.topics.isEmpty, print_line: printLine(content.edition),
            edition_url: content.edition.date.siteURL.href,
            corrections: article.corrections.map { correction in
                CorrectionModel(
                    kind: correction.kind == .correction ? "Correction" : "Clarification", text: correction.text,
                    date: site.dates.text(Timestamp(correction.createdAt, precision: .day)))
            },
            has_corrections: !article.corrections.isEmpty, related: related.map(card), has_related: !related.isEmpty,
            lang: content.language, dir: Self.direction(of: content.language))
        if site.theme.keepsBundledBodyBlocks && !model.body.isEmpty {
            model.body_html = Maybe(ArticleBodyHTML.html(model.body))
        }
        model.printed = printedPlaces(of: article, in: printed)
        model.has_printed = !model.printed.isEmpty
        let data = StructuredData(publication: site.publication)
        return try await page(
            title: content.headline, description: content.summary ?? datelineIndex.map { content.body[$0].text },
            canonical: article.siteURL, currentSection: content.section.slug,
            feed: (content.section.name, .section(.value(content.section.slug))), meta: data.articleMeta(article),
            jsonLD: [
                StructuredData.script(data.newsArticle(article)),
                StructuredData.script(
                    data.breadcrumbs([
                        (site.publication.name, .front), (content.section.name, content.section.siteURL),
                        (content.headline, article.siteURL),
                    ])),
            ], model)
    }

    /// Where the story stands on its printed pages, a link and a picture for each page it runs on.
    func printedPlaces(of article: Article, in printed: PrintedEdition) -> [PrintedPlaceModel] {
        guard let placed = printed.articles[article.id] else { return [] }
        let date = article.content.edition.date
        return placed.pages.map { number in
            let bounds = PageBox.union(placed.regions(on: number).map(\.bounds)) ?? .whole
            let page = printed.page(number)
            let links = page.flatMap(PageImageLinks.init)
            let clip = page.flatMap { $0.image == nil ? nil : Clipping(around: bounds, on: $0) }
            return PrintedPlaceModel(
                note: number == placed.firstPage ? "Printed on page \(number)" : "Continued on page \(number)",
                url: SiteURL.printedPage(.value(date), .value(number)).href,
                thumbnail: Maybe(links?.region(bounds, width: Self.printedThumbnailWidth)),
                alt: "The story on page \(number)", clip: Maybe(clip?.siteURL.href))
        }
    }

    /// The width of a story's picture beside "Printed on page 7".
    static let printedThumbnailWidth = 240

    /// "Published in Dawn, The Business and Finance Weekly, April 28th, 2025".
    func printLine(_ edition: EditionReference) -> String {
        var parts = ["Published in \(edition.publication)"]
        if let supplement = edition.supplement { parts.append(supplement) }
        parts.append(edition.date.printedWithOrdinal)
        return parts.joined(separator: ", ")
    }
}
