import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Full-text search over published articles, with the SQLite store's bounded ranking.
    ///
    /// A common word can match most of the archive, and ranking every match is what makes a bare
    /// `ORDER BY ts_rank` slow. So the first statement finds the newest `SearchBounds.rankingWindow`
    /// matches that pass the filters (ids grow with import order, which follows publication for a
    /// paper's archive), counting one more to know whether there are more. Ranking keeps to that
    /// window, plus, by relevance, the newest `SearchBounds.headlineWindow` matches with every
    /// word in the headline, however old: those rank first. As on SQLite, the total is the
    /// window's, "more than" when the archive holds more, so the pager offers only pages it can
    /// fill. Facets count the newest `SearchFacets.sampleSize`; snippets are cut for the page's
    /// hits alone.
    public func search(_ query: SearchQuery) async throws -> SearchResults {
        guard let text = TSQueryExpression.query(query.expression),
            let headlineText = TSQueryExpression.query(query.expression, weighted: false)
        else { return .empty }
        return try await snapshot("searching for '\(query.expression.description)'") { session in
            let filter = ArticleFilter(query.conditions)
            let bounds = searchBounds
            guard let window = try await Self.window(session, text: text, filter: filter, bounds: bounds) else {
                return .empty
            }
            let search = PostgresSearch(
                query: query, text: text, headlineText: headlineText, filter: filter, bounds: bounds,
                matches: try window("matches"), floor: try window("floor"), facetFloor: try window("facet_floor"))
            let hits = try await Self.hits(session, search)
            let facets = try await Self.facets(session, search)
            return SearchResults(
                hits: hits, total: min(search.matches, bounds.rankingWindow),
                totalIsCapped: search.matches > bounds.rankingWindow, facets: facets)
        }
    }

    /// The window's row, asked of the newest articles first (`PostgresSearch.windowSpans`): a
    /// common word or a phrase matches most of the archive, and finding its newest matches among
    /// every match meant reading every matching article's vector, where the newest few thousand
    /// articles already hold them. A span that holds too few is widened, up to the whole archive.
    static func window(
        _ session: PostgresSession, text: String, filter: ArticleFilter, bounds: SearchBounds,
        spans: [Int64?] = PostgresSearch.windowSpans
    ) async throws -> PostgresRandomAccessRow? {
        let newest = try await session.row("SELECT max(id) AS id FROM articles").flatMap {
            try $0("id", as: Int64?.self)
        }
        guard let newest else { return nil }
        for span in spans {
            let above = span.map { newest - $0 }
            // A span that holds every article is the whole archive's statement, asked below.
            if let above, above <= 0 { continue }
            let sql = PostgresSearch.windowSQL(text, filter: filter, bounds: bounds, above: above)
            guard let row = try await session.row(sql.query) else { return nil }
            let matches = try row("matches", as: Int.self)
            if above == nil || matches >= PostgresSearch.windowLimit(bounds) { return row }
        }
        return nil
    }

    /// The four facets from one statement: the matches are found once, then counted four ways.
    private static func facets(_ session: PostgresSession, _ search: PostgresSearch) async throws -> SearchFacets {
        var facets = SearchFacets()
        facets.sampled = search.facetFloor != 0
        for row in try await session.rows(search.facetsSQL.query) {
            let name: String = try row("name")
            let count: Int = try row("n")
            switch try row("facet", as: String.self) {
            case "section":
                facets.sections.append(
                    TaxonomyCount(term: Section(name: name, slug: try row("slug")), articleCount: count))
            case "topic":
                facets.topics.append(TaxonomyCount(term: Topic(name: name, slug: try row("slug")), articleCount: count))
            case "author":
                facets.authors.append(
                    TaxonomyCount(
                        term: Author(name: name, slug: try row("slug"), kind: try row("kind")), articleCount: count))
            default:
                facets.years.append(TaxonomyCount(term: Int(name) ?? 0, articleCount: count))
            }
        }
        return facets
    }

    /// Ranks with the score alone, then reads the columns and cuts snippets for the page's hits only.
    private static func hits(_ session: PostgresSession, _ search: PostgresSearch) async throws -> [SearchHit] {
        let ranked = try await session.rows(search.rankSQL.query).map {
            (id: try $0("id", as: Int64.self), score: Double(try $0("score", as: Float.self)))
        }
        guard !ranked.isEmpty else { return [] }
        var details: [Int64: (ArticleSummary, String)] = [:]
        for row in try await session.rows(search.detailSQL(ids: ranked.map(\.id)).query) {
            details[try row("id")] = (try SummaryRow.summary(row), try row("snippet"))
        }
        return ranked.compactMap { item -> SearchHit? in
            guard let (summary, snippet) = details[item.id] else { return nil }
            return SearchHit(
                article: summary,
                snippet: Snippet(marked: snippet),
                score: item.score)
        }
    }
}

/// The statements of one search, all bound to the same tsquery text, filters and window.
struct PostgresSearch {
    /// Headline, summary and body weigh 10 : 4 : 1, as in the SQLite store's bm25 ({D, C, B, A}).
    /// With `ts_rank` and length normalisation 1 (divide by 1 + log of the length) this came
    /// closest to bm25's order of all the functions and normalisations tried (SearchParityTests).
    static let weights = "'{0.1, 0.1, 0.4, 1.0}'::real[]"
    /// `ts_headline`'s options: the private markers `Snippet` splits on, and about SQLite's length.
    static let headlineOptions =
        "StartSel=\(Snippet.matchStart), StopSel=\(Snippet.matchEnd), MaxWords=24, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter=\" … \""

    let query: SearchQuery
    let text: String
    /// The query for the headline's own `tsvector`: the same words, without the headline weight.
    let headlineText: String
    let filter: ArticleFilter
    let bounds: SearchBounds
    /// How many published articles pass the filters and match, counted up to the window (or the
    /// facet sample, if larger) and one more.
    let matches: Int
    /// The lowest id ranked (0: every match is).
    let floor: Int64
    /// The lowest id counted in the facets (0: every match is).
    let facetFloor: Int64

    init(
        query: SearchQuery, text: String, headlineText: String, filter: ArticleFilter, bounds: SearchBounds,
        matches: Int, floor: Int64?, facetFloor: Int64?
    ) {
        self.bounds = bounds
        self.query = query
        self.text = text
        self.headlineText = headlineText
        self.filter = filter
        self.matches = matches
        self.floor = matches > bounds.rankingWindow ? floor ?? 0 : 0
        self.facetFloor = matches > SearchFacets.sampleSize ? facetFloor ?? 0 : 0
    }

    /// How many of the newest articles the window is asked of, in turn: nil is all of them.
    static let windowSpans: [Int64?] = [4_096, 32_768, nil]

    /// How many matches the window counts: the ranking window or the facet sample, whichever is
    /// larger, and one more.
    static func windowLimit(_ bounds: SearchBounds) -> Int {
        max(bounds.rankingWindow, SearchFacets.sampleSize) + 1
    }

    /// Counts the newest matches that pass the filters, and finds where the ranking window and
    /// the facet sample end; with `above`, among the articles whose id is greater alone.
    static func windowSQL(_ text: String, filter: ArticleFilter, bounds: SearchBounds, above: Int64? = nil)
        -> BoundSQL
    {
        let range: BoundSQL = above.map { "a.id > \($0) AND " } ?? ""
        return """
            SELECT count(*) AS matches, min(id) FILTER (WHERE position <= \(bounds.rankingWindow)) AS floor,
                min(id) FILTER (WHERE position <= \(SearchFacets.sampleSize)) AS facet_floor
            FROM (SELECT a.id, row_number() OVER (ORDER BY a.id DESC) AS position FROM articles a
                WHERE \(range)\(match(text)) AND \(filter.sql) ORDER BY a.id DESC LIMIT \(windowLimit(bounds))) newest
            """
    }

    /// Whether an article matches `text`, each in its own configuration. `vector` is the whole
    /// text's `a.search` or the headline's own `a.headline_search`.
    ///
    /// The first `@@` asks for either configuration's query at once, a superset the GIN index
    /// answers in one scan; the rest keeps each article to its own. Given only the two `@@`
    /// joined by OR, the planner reads every article's vector instead.
    static func match(_ text: String, in vector: String = "a.search") -> BoundSQL {
        let english = PostgresStore.isEnglish("a.language")
        return """
            (\(sql: vector) @@ (to_tsquery('english'::regconfig, \(text)) || to_tsquery('simple'::regconfig, \(text)))
                AND ((\(sql: vector) @@ to_tsquery('english'::regconfig, \(text)) AND \(sql: english))
                    OR (\(sql: vector) @@ to_tsquery('simple'::regconfig, \(text)) AND NOT \(sql: english))))
            """
    }

    /// The query in the article's own configuration, for ranking and snippets.
    private static func ownQuery(_ text: String) -> BoundSQL {
        let english = PostgresStore.isEnglish("a.language")
        return """
            CASE WHEN \(sql: english) THEN to_tsquery('english'::regconfig, \(text)) \
            ELSE to_tsquery('simple'::regconfig, \(text)) END
            """
    }

    /// The page's ids and scores. By relevance, matches with every word in the headline come
    /// first, and the newest of them join the window however old they are.
    var rankSQL: BoundSQL {
        let byRelevance = query.sort != .newest
        let headline: BoundSQL = byRelevance ? Self.match(headlineText, in: "a.headline_search") : "false"
        // The candidates' ids first, each set on its own index: ORed in one WHERE, the window's
        // range and the headline matches left the planner a scan of every article's vector.
        // The inner `a` is each subquery's own, for the filter's conditions.
        let window: BoundSQL =
            "SELECT a.id FROM articles a WHERE a.id >= \(floor) AND \(Self.match(text)) AND \(filter.sql)"
        let candidates: BoundSQL =
            byRelevance && floor > 0
            ? """
            \(window) UNION (SELECT a.id FROM articles a WHERE \(headline) AND \(Self.match(text)) AND \(filter.sql)
                ORDER BY a.id DESC LIMIT \(bounds.headlineWindow))
            """
            : window
        let order =
            byRelevance
            ? "in_headline DESC, score DESC, a.published_at DESC, a.id DESC" : "a.published_at DESC, a.id DESC"
        return """
            SELECT a.id, ts_rank(\(sql: Self.weights), a.search, \(Self.ownQuery(text)), 1) AS score,
                \(headline) AS in_headline
            FROM articles a WHERE a.id IN (\(candidates))
            ORDER BY \(sql: order) LIMIT \(query.limit) OFFSET \(query.offset)
            """
    }

    func detailSQL(ids: [Int64]) -> BoundSQL {
        let configuration =
            "CASE WHEN \(PostgresStore.isEnglish("a.language")) THEN 'english'::regconfig ELSE 'simple'::regconfig END"
        return """
            SELECT \(sql: StoreSQL.summaryColumns),
                ts_headline(\(sql: configuration), concat_ws(' ', a.summary, a.body_text), \(Self.ownQuery(text)),
                    \(Self.headlineOptions)) AS snippet
            FROM articles a \(sql: StoreSQL.summaryJoins)
            WHERE a.id = ANY(\(ids))
            """
    }

    /// Each facet's twelve commonest terms among the matches the facets count, in the order the
    /// page lists them: `facet`, then `place`.
    var facetsSQL: BoundSQL {
        """
        WITH matched AS MATERIALIZED (SELECT a.id, a.section_id, a.published_at FROM articles a
            WHERE \(Self.match(text)) AND a.id >= \(facetFloor) AND \(filter.sql)
        ), counted AS (
            SELECT 'section' AS facet, t.name, t.slug, NULL::text AS kind, count(*) AS n
            FROM matched m JOIN sections t ON t.id = m.section_id GROUP BY t.id
            UNION ALL
            SELECT 'topic', t.name, t.slug, NULL, count(*)
            FROM matched m JOIN article_topics x ON x.article_id = m.id JOIN topics t ON t.id = x.topic_id GROUP BY t.id
            UNION ALL
            SELECT 'author', t.name, t.slug, t.kind, count(*)
            FROM matched m JOIN article_authors x ON x.article_id = m.id JOIN authors t ON t.id = x.author_id
            GROUP BY t.id
            UNION ALL
            SELECT 'year', year, NULL, NULL, count(*)
            FROM (SELECT to_char(to_timestamp(published_at) AT TIME ZONE 'UTC', 'YYYY') AS year FROM matched) y
            GROUP BY year
        ), placed AS (
            SELECT *, row_number() OVER (PARTITION BY facet ORDER BY n DESC,
                CASE WHEN facet = 'year' THEN NULL ELSE name END COLLATE "C",
                CASE WHEN facet = 'year' THEN name END DESC) AS place
            FROM counted
        )
        SELECT facet, name, slug, kind, n FROM placed WHERE place <= 12 ORDER BY facet, place
        """
    }
}
