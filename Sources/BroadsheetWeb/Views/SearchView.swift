import Broadsheet

extension PageContext {
    /// `/search`: the form, the hits with highlighted snippets, facets that narrow, and pages.
    /// `printedPages` names, by article id, the printed page each hit starts on, if any;
    /// `printed` are the pages whose own words answer the search.
    func search(
        _ parameters: SearchParameters, results: SearchResults?, printed: [PrintedPageMatch] = [], page: Int,
        perPage: Int, printedPages: [Int64: Int] = [:]
    ) async throws -> PageModel<SearchModel> {
        let filters = [
            ("Section", parameters.section, "section"), ("Topic", parameters.topic, "topic"),
            ("Author", parameters.author, "author"), ("From", parameters.from?.printed, "from"),
            ("To", parameters.to?.printed, "to"),
        ].compactMap { label, value, name in
            value.map { FilterModel(label: "\(label): \($0)", remove: parameters.link([name: nil])) }
        }
        var model = SearchModel(
            q: parameters.text, newest: parameters.sort == .newest, filters: filters, has_filters: !filters.isEmpty,
            hidden: [
                ("section", parameters.section), ("topic", parameters.topic), ("author", parameters.author),
                ("from", parameters.from?.iso), ("to", parameters.to?.iso),
            ].compactMap { name, value in value.map { HiddenFieldModel(name: name, value: $0) } })
        guard let results else {
            model.prompt = true
            return try await self.page(title: "Search", model)
        }
        let shown = parameters.text.trimmingCharacters(in: .whitespaces)
        model.searched = shown
        model.printed = printedHits(printed, parameters)
        if results.hits.isEmpty {
            model.none = true
            model.scan_stopped = results.totalIsCapped
        }
        model.count =
            results.totalIsCapped
            ? "More than \(results.total.formatted()) results"
            : "\(results.total.formatted()) \(results.total == 1 ? "result" : "results")"
        model.hits = results.hits.map { hit in
            var card = card(hit.article)
            card.snippet_html = Maybe(HTMLText.highlighted(hit.snippet))
            if let number = printedPages[hit.article.id] {
                card.on_page = Maybe(
                    LinkModel(
                        name: "Page \(number) as printed",
                        url: pageLink(hit.article.edition.date, number, searching: parameters.text)))
            }
            return card
        }
        model.relevance_link = parameters.link(["sort": nil])
        model.newest_link = parameters.link(["sort": "newest"])
        model.facets = facets(results.facets, parameters)
        // Facets count the matches the search read: its window, up to the sample size.
        model.sampled = results.facets.sampled ? min(results.total, SearchFacets.sampleSize).formatted() : nil
        model.wide_prefixes = results.widePrefixes.map {
            WidePrefixModel(prefix: $0, count: SearchVocabulary.wordsPerPrefix)
        }
        model.pagination = pagination(
            page: page, total: results.total, perPage: perPage, maximumPages: SearchResults.countCap / perPage
        ) { parameters.link(page: $0) }
        return try await self.page(title: shown.isEmpty ? "Search" : "Search: \(shown)", model)
    }

    /// Each printed page that answers the search: its edition and page, a thumbnail, the words
    /// around its first hits, and a link that opens the page with the hits marked.
    private func printedHits(_ printed: [PrintedPageMatch], _ parameters: SearchParameters) -> [PrintedHitModel] {
        let finder = PageHitFinder(SearchExpression(parsing: parameters.text).anywhere)
        return printed.map { match in
            let page = match.page
            let hits = finder.hits(in: match.words)
            return PrintedHitModel(
                url: page.siteURL.href + "?q=" + SearchParameters.queryEncoded(parameters.text),
                edition: page.date.printed, label: page.displayLabel, thumbnail: page.thumbnail?.href,
                snippet_html: HTMLText.highlighted(finder.snippet(of: hits, in: match.words)))
        }
    }

    private func facets(_ facets: SearchFacets, _ parameters: SearchParameters) -> [FacetGroupModel] {
        // A taxonomy's facet: each term narrows the search to its slug.
        func terms<Term>(
            _ name: String, _ counts: [TaxonomyCount<Term>], _ key: String, _ term: (Term) -> (String, Slug)
        )
            -> FacetGroupModel
        {
            FacetGroupModel(
                name: name,
                items: counts.map {
                    let (label, slug) = term($0.term)
                    return FacetModel(label: label, count: $0.articleCount, url: parameters.link([key: slug.rawValue]))
                })
        }
        let groups = [
            terms("Section", facets.sections, "section") { ($0.name, $0.slug) },
            terms("Topic", facets.topics, "topic") { ($0.name, $0.slug) },
            terms("Author", facets.authors, "author") { ($0.name, $0.slug) },
            FacetGroupModel(
                name: "Year",
                items: facets.years.map {
                    FacetModel(
                        label: String($0.term), count: $0.articleCount,
                        url: parameters.link(["from": "\($0.term)-01-01", "to": "\($0.term)-12-31"]))
                }),
        ]
        return groups.filter { !$0.items.isEmpty }
    }
}
