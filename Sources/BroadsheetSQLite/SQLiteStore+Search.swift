import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    /// Full-text search over published articles.
    ///
    /// Ranking is bounded: a common word can match most of the archive, and scoring every match
    /// is what makes a bare `ORDER BY bm25` slow. A search scores, counts and facets the newest
    /// matches that pass its filters (`SearchWindow`), plus the best of the newest headline
    /// matches however old; it scores with `newsrank`, which bounds the cost of learning how rare
    /// each word is. Snippets are cut for the page's hits alone.
    public func search(_ query: SearchQuery) async throws -> SearchResults {
        guard !query.expression.isEmpty else { return .empty }
        return try await perform("searching for '\(query.expression.description)'") {
            try await database.read { db in
                let prefixes = try SearchVocabularySQL.expansions(db, for: query.expression)
                guard let match = FTS5Expression.match(query.expression, prefixes: prefixes.words) else {
                    return .empty
                }
                let search = SearchSQL(
                    query: query, match: match,
                    excluded: FTS5Expression.excluded(query.expression, prefixes: prefixes.words),
                    rankKey: path + "\u{1F}" + match)
                let window = try SearchWindow(db, search: search, bounds: searchBounds)
                let ranked =
                    query.sort == .newest
                    ? try Self.newestFirst(db, window, query) : try Self.bestFirst(db, search, window, searchBounds)
                var results = SearchResults(
                    hits: try Self.hits(db, search, ranked), total: window.ids.count, totalIsCapped: window.isFull,
                    facets: try Self.facets(db, search, window))
                results.widePrefixes = prefixes.cut
                return results
            }
        }
    }

    /// The page's ids, newest first, sorted from the window alone.
    private static func newestFirst(_ db: Database, _ window: SearchWindow, _ query: SearchQuery) throws -> [Ranked] {
        try SQLRequest<Int64>(
            """
            SELECT a.id FROM json_each(\(SearchSQL.jsonArray(window.ids))) j CROSS JOIN articles a ON a.id = j.value
            ORDER BY a.published_at DESC, a.id DESC LIMIT \(query.limit) OFFSET \(query.offset)
            """
        ).fetchAll(db).map { Ranked(id: $0, inHeadline: false, score: 0) }
    }

    /// The page's ids, best first: headline matches, then the better score, then the newer.
    ///
    /// The window comes scored. Headline matches older than it are found in the headline index,
    /// the best of them by the headline alone are scored in the full index, and all are merged.
    /// The headline matches taken are ones that pass the filters and hold no excluded word
    /// anywhere, so newer ones the search rules out do not take the places of older ones.
    private static func bestFirst(_ db: Database, _ search: SearchSQL, _ window: SearchWindow, _ bounds: SearchBounds)
        throws -> [Ranked]
    {
        let headlines =
            window.rowids.isEmpty
            ? []
            : try SQLRequest<Row>(
                literal: search.headlines(rowids: window.rowids, limit: bounds.headlineWindow), cached: true
            ).fetchAll(db).map {
                (id: try $0.decode(Int64.self, atIndex: 0), score: try $0.decode(Double.self, atIndex: 1))
            }
        let inHeadline = Set(headlines.map(\.id))
        var candidates = zip(window.ids, window.scores).map {
            Ranked(id: $0, inHeadline: inHeadline.contains($0), score: -$1)
        }
        let older = headlines.filter { $0.id < window.floor }.sorted { $0.score < $1.score }
            .prefix(search.isCostly ? bounds.costlyHeadlines : bounds.headlineWindow).map(\.id)
        if !older.isEmpty {
            candidates += try SQLRequest<Row>(literal: search.olderHeadlines(older)).fetchAll(db).map {
                Ranked(
                    id: try $0.decode(atIndex: 0), inHeadline: true,
                    score: -(try $0.decode(Double?.self, atIndex: 1) ?? 0))
            }
        }
        candidates.sort(by: Ranked.isBefore)
        return Array(candidates.dropFirst(search.query.offset).prefix(search.query.limit))
    }

    /// Reads the columns and cuts snippets for the page's hits only.
    private static func hits(_ db: Database, _ search: SearchSQL, _ ranked: [Ranked]) throws -> [SearchHit] {
        guard !ranked.isEmpty else { return [] }
        var details: [Int64: Row] = [:]
        let ids = ranked.map(\.id)
        for row in try SQLRequest<Row>(literal: search.detail(ids)).fetchAll(db) {
            details[try row.decode(forColumn: "id")] = row
        }
        return try ranked.compactMap { item -> SearchHit? in
            guard let row = details[item.id] else { return nil }
            return SearchHit(
                article: try SummaryRow.summary(row),
                snippet: Snippet(marked: try row.decode(forColumn: "snippet") ?? ""),
                score: item.score)
        }
    }

    private static func facets(_ db: Database, _ search: SearchSQL, _ window: SearchWindow) throws -> SearchFacets {
        var facets = SearchFacets()
        facets.sampled = window.isFull || window.ids.count > SearchFacets.sampleSize
        let sample = SearchSQL.jsonArray(window.ids.prefix(SearchFacets.sampleSize))
        func counts(_ facet: SearchSQL.Facet) throws -> [Row] {
            try SQLRequest<Row>(literal: SearchSQL.facet(facet, among: sample)).fetchAll(db)
        }
        facets.sections = try counts(.section).map {
            TaxonomyCount(
                term: Section(name: try $0.decode(forColumn: "name"), slug: try $0.decode(forColumn: "slug")),
                articleCount: try $0.decode(forColumn: "n"))
        }
        facets.topics = try counts(.topic).map {
            TaxonomyCount(
                term: Topic(name: try $0.decode(forColumn: "name"), slug: try $0.decode(forColumn: "slug")),
                articleCount: try $0.decode(forColumn: "n"))
        }
        facets.authors = try counts(.author).map {
            TaxonomyCount(
                term: Author(
                    name: try $0.decode(forColumn: "name"), slug: try $0.decode(forColumn: "slug"),
                    kind: try $0.decode(forColumn: "kind")), articleCount: try $0.decode(forColumn: "n"))
        }
        facets.years = try counts(.year).map {
            TaxonomyCount(
                term: Int(try $0.decode(String.self, forColumn: "name")) ?? 0,
                articleCount: try $0.decode(forColumn: "n"))
        }
        return facets
    }

    /// One ranked candidate: headline matches come first, then the better score, then the newer.
    struct Ranked {
        let id: Int64
        let inHeadline: Bool
        /// Higher is better.
        let score: Double

        static func isBefore(_ one: Ranked, _ other: Ranked) -> Bool {
            if one.inHeadline != other.inHeadline { return one.inHeadline }
            if one.score != other.score { return one.score > other.score }
            return one.id > other.id
        }
    }
}

/// The statements of one search, all bound to the same MATCH text and filters.
///
/// Every statement starts from the search index (`CROSS JOIN` keeps SQLite from starting at
/// `articles` and asking the index once per article).
struct SearchSQL {
    /// The score of a row in the full index: headline above summary above body; `key` is what
    /// `NewsRank` remembers the phrase rarities under.
    static func score(_ key: String) -> SQL {
        "newsrank(articles_fts, 10.0, 4.0, 1.0, \(key))"
    }

    enum Facet {
        case section, topic, author, year
    }

    let query: SearchQuery
    let match: String
    /// Any of the excluded terms (`FTS5Expression.excluded`), or nil.
    let excluded: String?
    let filter: ArticleFilter
    /// What `NewsRank` remembers this search's phrase rarities under.
    let rankKey: String

    init(query: SearchQuery, match: String, excluded: String?, rankKey: String) {
        self.query = query
        self.match = match
        self.excluded = excluded
        self.filter = ArticleFilter(query.conditions)
        self.rankKey = rankKey
    }

    func score(_ key: String) -> SQL { Self.score(key) }

    /// The newest headline matches in a rowid range that pass the filters and, when the search
    /// excludes words, hold none of them in the whole text (the headline index sees only the
    /// headline), scored by the headline alone.
    func headlines(rowids: Range<Int64>, limit: Int) -> SQL {
        let unexcluded: SQL =
            excluded.map {
                """
                AND NOT EXISTS (SELECT 1 FROM articles_fts
                    WHERE articles_fts MATCH \($0) AND articles_fts.rowid = headlines_fts.rowid)
                """
            } ?? ""
        return """
            SELECT headlines_fts.rowid, newsrank(headlines_fts, 1.0, \("headline\u{1F}" + rankKey)) AS score
            FROM headlines_fts CROSS JOIN articles a ON a.id = headlines_fts.rowid
            WHERE headlines_fts MATCH \(match) AND headlines_fts.rowid >= \(rowids.lowerBound)
                AND headlines_fts.rowid < \(rowids.upperBound) AND \(filter.sql) \(unexcluded)
            ORDER BY headlines_fts.rowid DESC LIMIT \(limit)
            """
    }

    /// Phrases and prefixes cost more to find and to score than words.
    var isCostly: Bool { query.expression.required.joined().contains { $0.kind != .word } }

    func windowSize(_ bounds: SearchBounds) -> Int {
        isCostly ? bounds.costlyWindow : bounds.rankingWindow
    }

    /// Headline matches older than the window, each looked up by its id and scored.
    func olderHeadlines(_ ids: [Int64]) -> SQL {
        """
        SELECT a.id, \(score(rankKey)) AS score
        FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid
        WHERE articles_fts MATCH \(match) AND articles_fts.rowid IN \(ids) AND \(filter.sql)
        """
    }

    /// The page's hits: their summaries and snippets, matches marked as `Snippet` reads them.
    func detail(_ ids: [Int64]) -> SQL {
        """
        SELECT \(sql: StoreSQL.summaryColumns),
            snippet(articles_fts, -1, \(String(Snippet.matchStart)), \(String(Snippet.matchEnd)), '…', 24) AS snippet
        FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid \(sql: StoreSQL.summaryJoins)
        WHERE articles_fts MATCH \(match) AND articles_fts.rowid IN \(ids)
        """
    }

    static func jsonArray(_ ids: some Collection<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// One facet's twelve commonest terms among `sample`, a JSON array of article ids.
    static func facet(_ facet: Facet, among sample: String) -> SQL {
        let (join, columns, group) =
            switch facet {
            case .section: ("JOIN sections t ON t.id = a.section_id", "t.name, t.slug", "t.id")
            case .topic:
                (
                    "JOIN article_topics x ON x.article_id = a.id JOIN topics t ON t.id = x.topic_id", "t.name, t.slug",
                    "t.id"
                )
            case .author:
                (
                    "JOIN article_authors x ON x.article_id = a.id JOIN authors t ON t.id = x.author_id",
                    "t.name, t.slug, t.kind", "t.id"
                )
            case .year: ("", "strftime('%Y', a.published_at, 'unixepoch') AS name", "name")
            }
        let order = "GROUP BY \(group) ORDER BY n DESC, \(facet == .year ? "name DESC" : "t.name") LIMIT 12"
        return """
            SELECT \(sql: columns), count(*) AS n FROM json_each(\(sample)) j CROSS JOIN articles a ON a.id = j.value
            \(sql: join) WHERE a.status = 'published' \(sql: order)
            """
    }
}
