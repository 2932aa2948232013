import Broadsheet

extension PageContext {
    /// `/news/{id}/{slug}`: the whole story as printed, with its credits, times and print line.
    func article(_ article: Article, related: [ArticleSummary]) async throws -> [String: Any] {
        let content = article.content
        // The dateline opens the first paragraph, which need not be the first block (a picture may lead).
        let datelineIndex = content.body.firstIndex { if case .paragraph = $0 { true } else { false } }
        var context: [String: Any] = [
            "headline": content.headline,
            "body": content.body.enumerated().map { index, block in
                bodyBlock(block, dateline: index == datelineIndex ? content.dateline : nil)
            },
            "published": site.dates.text(content.published),
            "published_iso": DateDisplay.rfc3339(content.published.instant),
            "section": ["name": content.section.name, "url": content.section.siteURL.href],
            "topics": content.topics.map { ["name": $0.name, "url": $0.siteURL.href] },
            "print_line": printLine(content.edition),
            "edition_url": content.edition.date.siteURL.href,
            "authors": content.authors.enumerated().map { index, author -> [String: Any] in
                var item: [String: Any] = ["name": author.name, "url": author.siteURL.href, "first": index == 0]
                if author.kind == .agency { item["agency"] = true }
                if author.kind == .staff { item["staff"] = true }
                return item
            },
            "corrections": article.corrections.map { correction -> [String: Any] in
                [
                    "kind": correction.kind == .correction ? "Correction" : "Clarification", "text": correction.text,
                    "date": site.dates.text(Timestamp(correction.createdAt, precision: .day)),
                ]
            },
            "has_topics": !content.topics.isEmpty,
            "has_corrections": !article.corrections.isEmpty,
            "related": related.map(card),
            "has_related": !related.isEmpty,
        ]
        context.merge(languageAttributes(content.language)) { $1 }
        if let summary = content.summary { context["summary"] = summary }
        if let byline = content.byline { context["byline"] = byline }
        if let updated = content.updated, updated != content.published {
            context["updated"] = site.dates.text(updated)
            context["updated_iso"] = DateDisplay.rfc3339(updated.instant)
        }
        let data = StructuredData(publication: site.publication)
        context["meta"] = data.articleMeta(article)
        context["json_ld"] = [
            StructuredData.script(data.newsArticle(article)),
            StructuredData.script(
                data.breadcrumbs([
                    (site.publication.name, .front), (content.section.name, content.section.siteURL),
                    (content.headline, article.siteURL),
                ])),
        ]
        return try await page(
            title: content.headline, description: content.summary ?? datelineIndex.map { content.body[$0].text },
            canonical: article.siteURL, currentSection: content.section.slug,
            feed: (content.section.name, .section(.value(content.section.slug))), context)
    }

    /// "Published in Dawn, The Business and Finance Weekly, April 28th, 2025".
    func printLine(_ edition: EditionReference) -> String {
        var parts = ["Published in \(edition.publication)"]
        if let supplement = edition.supplement { parts.append(supplement) }
        parts.append(edition.date.printedWithOrdinal)
        return parts.joined(separator: ", ")
    }
}
