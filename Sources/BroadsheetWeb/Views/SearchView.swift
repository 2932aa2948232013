import Broadsheet

extension PageContext {
    /// `/search`: the form, the hits with highlighted snippets, facets that narrow, and pages.
    func search(_ parameters: SearchParameters, results: SearchResults?, page: Int, perPage: Int) async throws
        -> [String: Any]
    {
        var content: [String: Any] = ["q": parameters.text, "newest": parameters.sort == .newest]
        var filters: [[String: Any]] = []
        func filter(_ label: String, _ value: String?, _ name: String) {
            if let value { filters.append(["label": "\(label): \(value)", "remove": parameters.link([name: nil])]) }
        }
        filter("Section", parameters.section, "section")
        filter("Topic", parameters.topic, "topic")
        filter("Author", parameters.author, "author")
        filter("From", parameters.from?.printed, "from")
        filter("To", parameters.to?.printed, "to")
        content["filters"] = filters
        content["has_filters"] = !filters.isEmpty
        content["hidden"] = [
            ("section", parameters.section), ("topic", parameters.topic), ("author", parameters.author),
            ("from", parameters.from?.iso), ("to", parameters.to?.iso),
        ].compactMap { name, value in value.map { ["name": name, "value": $0] } }
        guard let results else {
            content["prompt"] = true
            return try await self.page(title: "Search", content)
        }
        let shown = parameters.text.trimmingCharacters(in: .whitespaces)
        content["searched"] = shown
        if results.hits.isEmpty {
            content["none"] = true
            content["scan_stopped"] = results.totalIsCapped
        }
        content["count"] =
            results.totalIsCapped
            ? "More than \(results.total.formatted()) results"
            : "\(results.total.formatted()) \(results.total == 1 ? "result" : "results")"
        content["hits"] = results.hits.map { hit -> [String: Any] in
            var item = card(hit.article)
            item["snippet_html"] = HTMLText.highlighted(hit.snippet)
            return item
        }
        content["relevance_link"] = parameters.link(["sort": nil])
        content["newest_link"] = parameters.link(["sort": "newest"])
        content["facets"] = facets(results.facets, parameters)
        // Facets count the matches the search read: its window, up to the sample size.
        content["sampled"] =
            results.facets.sampled ? min(results.total, SearchFacets.sampleSize).formatted() : nil
        content["wide_prefixes"] = results.widePrefixes.map {
            ["prefix": $0, "count": SearchVocabulary.wordsPerPrefix]
        }
        content["pagination"] = pagination(
            page: page, total: results.total, perPage: perPage, maximumPages: SearchResults.countCap / perPage
        ) { parameters.link(page: $0) }
        return try await self.page(title: shown.isEmpty ? "Search" : "Search: \(shown)", content)
    }

    private func facets(_ facets: SearchFacets, _ parameters: SearchParameters) -> [[String: Any]] {
        var groups: [[String: Any]] = []
        func group(_ name: String, _ items: [[String: Any]]) {
            if !items.isEmpty { groups.append(["name": name, "items": items]) }
        }
        group(
            "Section",
            facets.sections.map {
                [
                    "label": $0.term.name, "count": $0.articleCount,
                    "url": parameters.link(["section": $0.term.slug.rawValue], page: nil),
                ]
            })
        group(
            "Topic",
            facets.topics.map {
                [
                    "label": $0.term.name, "count": $0.articleCount,
                    "url": parameters.link(["topic": $0.term.slug.rawValue]),
                ]
            })
        group(
            "Author",
            facets.authors.map {
                [
                    "label": $0.term.name, "count": $0.articleCount,
                    "url": parameters.link(["author": $0.term.slug.rawValue]),
                ]
            })
        group(
            "Year",
            facets.years.map {
                [
                    "label": String($0.term), "count": $0.articleCount,
                    "url": parameters.link(["from": "\($0.term)-01-01", "to": "\($0.term)-12-31"]),
                ]
            })
        return groups
    }
}
