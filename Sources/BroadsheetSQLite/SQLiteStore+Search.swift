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
        try Int64.fetchAll(
            db,
            sql: """
                SELECT a.id FROM json_each(?) j CROSS JOIN articles a ON a.id = j.value
                ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?
                """, arguments: [SearchSQL.jsonArray(window.ids), query.limit, query.offset]
        ).map { Ranked(id: $0, inHeadline: false, score: 0) }
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
            : try Row.fetchAll(
                db.cachedStatement(sql: search.headlinesSQL),
                arguments: search.headlinesArguments(rowids: window.rowids, limit: bounds.headlineWindow)
            ).map { (id: try $0.decode(Int64.self, atIndex: 0), score: try $0.decode(Double.self, atIndex: 1)) }
        let inHeadline = Set(headlines.map(\.id))
        var candidates = zip(window.ids, window.scores).map {
            Ranked(id: $0, inHeadline: inHeadline.contains($0), score: -$1)
        }
        let older = headlines.filter { $0.id < window.floor }.sorted { $0.score < $1.score }
            .prefix(search.isCostly ? bounds.costlyHeadlines : bounds.headlineWindow).map(\.id)
        if !older.isEmpty {
            candidates += try Row.fetchAll(
                db, sql: search.olderHeadlinesSQL(count: older.count), arguments: search.olderHeadlinesArguments(older)
            ).map {
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
        for row in try Row.fetchAll(db, sql: search.detailSQL(count: ids.count), arguments: search.detailArguments(ids))
        {
            details[try row.decode(forColumn: "id")] = row
        }
        return try ranked.compactMap { item -> SearchHit? in
            guard let row = details[item.id] else { return nil }
            return SearchHit(
                article: try SummaryRow.summary(row),
                snippet: Snippet(
                    marked: try row.decode(forColumn: "snippet") ?? "", open: SearchSQL.open, close: SearchSQL.close),
                score: item.score)
        }
    }

    private static func facets(_ db: Database, _ search: SearchSQL, _ window: SearchWindow) throws -> SearchFacets {
        var facets = SearchFacets()
        facets.sampled = window.isFull || window.ids.count > SearchFacets.sampleSize
        let sample: StatementArguments = [SearchSQL.jsonArray(window.ids.prefix(SearchFacets.sampleSize))]
        facets.sections = try Row.fetchAll(db, sql: SearchSQL.facetSQL(.section), arguments: sample).map {
            TaxonomyCount(
                term: Section(name: try $0.decode(forColumn: "name"), slug: try $0.decode(forColumn: "slug")),
                articleCount: try $0.decode(forColumn: "n"))
        }
        facets.topics = try Row.fetchAll(db, sql: SearchSQL.facetSQL(.topic), arguments: sample).map {
            TaxonomyCount(
                term: Topic(name: try $0.decode(forColumn: "name"), slug: try $0.decode(forColumn: "slug")),
                articleCount: try $0.decode(forColumn: "n"))
        }
        facets.authors = try Row.fetchAll(db, sql: SearchSQL.facetSQL(.author), arguments: sample).map {
            TaxonomyCount(
                term: Author(
                    name: try $0.decode(forColumn: "name"), slug: try $0.decode(forColumn: "slug"),
                    kind: try $0.decode(forColumn: "kind")), articleCount: try $0.decode(forColumn: "n"))
        }
        facets.years = try Row.fetchAll(db, sql: SearchSQL.facetSQL(.year), arguments: sample).map {
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
    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"
    /// The score of a row in the full index: headline above summary above body.
    static let score = "newsrank(articles_fts, 10.0, 4.0, 1.0, ?)"

    enum Facet {
        case section, topic, author, year
    }

    let query: SearchQuery
    let match: String
    /// Any of the excluded terms (`FTS5Expression.excluded`), or nil.
    let excluded: String?
    let filter: SearchFilter
    /// What `NewsRank` remembers this search's phrase rarities under.
    let rankKey: String

    init(query: SearchQuery, match: String, excluded: String?, rankKey: String) {
        self.query = query
        self.match = match
        self.excluded = excluded
        self.filter = SearchFilter(query)
        self.rankKey = rankKey
    }

    /// The newest headline matches in a rowid range that pass the filters and, when the search
    /// excludes words, hold none of them in the whole text (the headline index sees only the
    /// headline), scored by the headline alone.
    var headlinesSQL: String {
        let unexcluded =
            excluded == nil
            ? ""
            : """
            AND NOT EXISTS (SELECT 1 FROM articles_fts
                WHERE articles_fts MATCH ? AND articles_fts.rowid = headlines_fts.rowid)
            """
        return """
            SELECT headlines_fts.rowid, newsrank(headlines_fts, 1.0, ?) AS score
            FROM headlines_fts CROSS JOIN articles a ON a.id = headlines_fts.rowid
            WHERE headlines_fts MATCH ? AND headlines_fts.rowid >= ? AND headlines_fts.rowid < ?
                AND \(filter.sql) \(unexcluded)
            ORDER BY headlines_fts.rowid DESC LIMIT ?
            """
    }

    func headlinesArguments(rowids: Range<Int64>, limit: Int) -> StatementArguments {
        ["headline\u{1F}" + rankKey, match, rowids.lowerBound, rowids.upperBound] + filter.arguments
            + (excluded.map { [$0] } ?? []) + [limit]
    }

    /// Phrases and prefixes cost more to find and to score than words.
    var isCostly: Bool { query.expression.required.joined().contains { $0.kind != .word } }

    func windowSize(_ bounds: SearchBounds) -> Int {
        isCostly ? bounds.costlyWindow : bounds.rankingWindow
    }

    private static let matched = """
        FROM articles_fts
        CROSS JOIN articles a ON a.id = articles_fts.rowid
        JOIN sections s ON s.id = a.section_id
        JOIN editions e ON e.id = a.edition_id
        LEFT JOIN pages p ON p.id = a.page_id
        """

    /// Headline matches older than the window, each looked up by its id and scored.
    func olderHeadlinesSQL(count: Int) -> String {
        """
        SELECT a.id, \(Self.score) AS score
        FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid
        WHERE articles_fts MATCH ? AND articles_fts.rowid IN (\(Array(repeating: "?", count: count).joined(separator: ", ")))
            AND \(filter.sql)
        """
    }

    func olderHeadlinesArguments(_ ids: [Int64]) -> StatementArguments {
        [rankKey, match] + StatementArguments(ids) + filter.arguments
    }

    func detailSQL(count: Int) -> String {
        """
        SELECT a.id, a.slug, a.headline, a.summary, a.byline, a.dateline, a.language, a.supplement,
            a.published_at, a.published_precision, a.updated_at, a.updated_precision,
            s.name AS section_name, s.slug AS section_slug,
            e.publication, e.date AS edition_date, e.region, p.number AS page_number, p.name AS page_name,
            snippet(articles_fts, -1, '\(Self.open)', '\(Self.close)', '…', 24) AS snippet
        \(Self.matched)
        WHERE articles_fts MATCH ? AND articles_fts.rowid IN (\(Array(repeating: "?", count: count).joined(separator: ", ")))
        """
    }

    func detailArguments(_ ids: [Int64]) -> StatementArguments {
        StatementArguments([match] + ids.map { $0 as any DatabaseValueConvertible })
    }

    static func jsonArray(_ ids: some Collection<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    static func facetSQL(_ facet: Facet) -> String {
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
            SELECT \(columns), count(*) AS n FROM json_each(?) j CROSS JOIN articles a ON a.id = j.value \(join)
            WHERE a.status = 'published' \(order)
            """
    }

}
