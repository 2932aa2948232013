import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    /// Full-text search over published articles.
    ///
    /// Ranking is bounded: a common word can match most of the archive, and scoring every match
    /// is what makes a bare `ORDER BY bm25` slow. FTS5 walks matches in rowid order without scoring
    /// them, so we first find the newest `SearchBounds.rankingWindow` matches (rowids grow with
    /// import order, which follows publication for a paper's archive) and rank and sort within
    /// that window only; facets count the newest `SearchFacets.sampleSize`. Rarer queries, with
    /// fewer matches than that, are ranked whole. Snippets are cut for the page's hits alone, and
    /// the total is counted up to `SearchResults.countCap`.
    public func search(_ query: SearchQuery) async throws -> SearchResults {
        guard !query.expression.isEmpty else { return .empty }
        return try await perform("searching for '\(query.expression.description)'") {
            try await database.read { db in
                let prefixes = try SearchVocabularySQL.expansions(db, for: query.expression)
                guard let match = FTS5Expression.match(query.expression, prefixes: prefixes.words) else {
                    return .empty
                }
                // One pass over the index, newest first and unscored, bounds everything after it.
                let newest = try Int64.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?"),
                    arguments: [match, searchBounds.rankingWindow + 1])
                // Headline matches reach past the window: a story about the words is found however old.
                let headlines =
                    query.sort == .relevance
                    ? try Int64.fetchAll(
                        db.cachedStatement(
                            sql:
                                "SELECT rowid FROM headlines_fts WHERE headlines_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
                        ),
                        arguments: [match, searchBounds.headlineWindow]) : []
                let search = SearchSQL(
                    query: query, match: match, newest: newest, headlines: headlines, bounds: searchBounds)
                let hits = try Self.hits(db, search)
                let counted = try Int.fetchOne(db, sql: search.countSQL, arguments: search.countArguments) ?? 0
                var results = SearchResults(
                    hits: hits, total: min(counted, SearchResults.countCap),
                    totalIsCapped: counted > SearchResults.countCap,
                    facets: try Self.facets(db, search))
                results.widePrefixes = prefixes.cut
                return results
            }
        }
    }

    /// Ranks with the score alone, then reads the columns and cuts snippets for the page's hits only.
    ///
    /// The window's best and the older headline matches' best are ranked apart, by one measure
    /// (headline matches first, then bm25), and merged.
    private static func hits(_ db: Database, _ search: SearchSQL) throws -> [SearchHit] {
        func rank(_ sql: String, _ arguments: StatementArguments) throws -> [SearchSQL.Ranked] {
            try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                SearchSQL.Ranked(id: $0["id"], inHeadline: $0["in_headline"], score: -($0["score"] as Double? ?? 0))
            }
        }
        var candidates = try rank(search.rankSQL, search.rankArguments)
        if search.hasOlderHeadlines {
            candidates += try rank(search.olderHeadlinesSQL, search.olderHeadlinesArguments)
            candidates.sort(by: SearchSQL.Ranked.isBefore)
        }
        let ranked = candidates.dropFirst(search.query.offset).prefix(search.query.limit)
        guard !ranked.isEmpty else { return [] }
        var details: [Int64: Row] = [:]
        let ids = ranked.map(\.id)
        for row in try Row.fetchAll(db, sql: search.detailSQL(count: ids.count), arguments: search.detailArguments(ids))
        {
            details[row["id"]] = row
        }
        return ranked.compactMap { item -> SearchHit? in
            guard let row = details[item.id] else { return nil }
            return SearchHit(
                article: SummaryRow.summary(row),
                snippet: Snippet(marked: row["snippet"] ?? "", open: SearchSQL.open, close: SearchSQL.close),
                score: item.score)
        }
    }

    private static func facets(_ db: Database, _ search: SearchSQL) throws -> SearchFacets {
        var facets = SearchFacets()
        facets.sampled = search.facetsSampled
        facets.sections = try Row.fetchAll(db, sql: search.facetSQL(.section), arguments: search.facetArguments).map {
            TaxonomyCount(term: Section(name: $0["name"], slug: $0["slug"]), articleCount: $0["n"])
        }
        facets.topics = try Row.fetchAll(db, sql: search.facetSQL(.topic), arguments: search.facetArguments).map {
            TaxonomyCount(term: Topic(name: $0["name"], slug: $0["slug"]), articleCount: $0["n"])
        }
        facets.authors = try Row.fetchAll(db, sql: search.facetSQL(.author), arguments: search.facetArguments).map {
            TaxonomyCount(term: Author(name: $0["name"], slug: $0["slug"], kind: $0["kind"]), articleCount: $0["n"])
        }
        facets.years = try Row.fetchAll(db, sql: search.facetSQL(.year), arguments: search.facetArguments).map {
            TaxonomyCount(term: Int($0["name"] as String) ?? 0, articleCount: $0["n"])
        }
        return facets
    }
}

/// How much of a search is ranked: the limits that keep a common word cheap at a million articles.
public struct SearchBounds: Sendable {
    /// How many of the newest matches are ranked; older ones are reached through filters and,
    /// when their headline matches, through the headline index.
    public var rankingWindow = 10_000
    /// How many of the newest headline matches are ranked with the window, however old.
    public var headlineWindow = 500

    public init() {}
}

/// The statements of one search, all bound to the same MATCH text, filters and window.
///
/// Every statement starts from the search index (`CROSS JOIN` keeps SQLite from starting at
/// `articles` and asking the index once per article).
struct SearchSQL {
    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    enum Facet {
        case section, topic, author, year
    }

    /// One ranked candidate: headline matches come first, then the better bm25 score, then the newer.
    struct Ranked {
        let id: Int64
        let inHeadline: Bool
        let score: Double

        static func isBefore(_ one: Ranked, _ other: Ranked) -> Bool {
            if one.inHeadline != other.inHeadline { return one.inHeadline }
            if one.score != other.score { return one.score > other.score }
            return one.id > other.id
        }
    }

    let query: SearchQuery
    let match: String
    /// The lowest rowid ranked (0: every match is).
    let floor: Int64
    /// The lowest rowid counted in the facets (0: every match is).
    let facetFloor: Int64
    /// Without filters, the newest matches' ids answer the count and the facets without
    /// another pass over the index; with filters they cannot, as filters reach older matches.
    private let unfiltered: (all: String, sample: String)?
    private let filter: (sql: String, arguments: StatementArguments)

    /// The newest headline matches (a JSON array), to rank them first.
    private let headlines: String
    /// Those of them older than the window.
    private let olderHeadlines: [Int64]

    /// - Parameters:
    ///   - newest: the ids of the newest matches, up to `bounds.rankingWindow + 1`.
    ///   - headlines: the ids of the newest headline matches, up to `bounds.headlineWindow`.
    init(query: SearchQuery, match: String, newest: [Int64], headlines: [Int64], bounds: SearchBounds) {
        self.query = query
        self.match = match
        let floor = newest.count > bounds.rankingWindow ? newest[bounds.rankingWindow - 1] : 0
        self.floor = floor
        self.headlines = Self.jsonArray(headlines)
        self.olderHeadlines = headlines.filter { $0 < floor }
        self.facetFloor = newest.count > SearchFacets.sampleSize ? newest[SearchFacets.sampleSize - 1] : 0
        let hasFilters =
            query.section != nil || query.topic != nil || query.author != nil
            || query.publishedFrom != nil || query.publishedBefore != nil
        self.unfiltered =
            hasFilters ? nil : (Self.jsonArray(newest), Self.jsonArray(newest.prefix(SearchFacets.sampleSize)))
        var conditions = ["a.status = 'published'"]
        var arguments: StatementArguments = []
        if let section = query.section {
            conditions.append("a.section_id = (SELECT id FROM sections WHERE slug = ?)")
            arguments += [section.rawValue]
        }
        if let topic = query.topic {
            conditions.append(
                "a.id IN (SELECT article_id FROM article_topics WHERE topic_id = (SELECT id FROM topics WHERE slug = ?))"
            )
            arguments += [topic.rawValue]
        }
        if let author = query.author {
            conditions.append(
                "a.id IN (SELECT article_id FROM article_authors WHERE author_id = (SELECT id FROM authors WHERE slug = ?))"
            )
            arguments += [author.rawValue]
        }
        if let from = query.publishedFrom {
            conditions.append("a.published_at >= ?")
            arguments += [ArticleWriter.seconds(from)]
        }
        if let before = query.publishedBefore {
            conditions.append("a.published_at < ?")
            arguments += [ArticleWriter.seconds(before)]
        }
        filter = (conditions.joined(separator: " AND "), arguments)
    }

    private static let matched = """
        FROM articles_fts
        CROSS JOIN articles a ON a.id = articles_fts.rowid
        JOIN sections s ON s.id = a.section_id
        JOIN editions e ON e.id = a.edition_id
        LEFT JOIN pages p ON p.id = a.page_id
        """

    private static func ranking(_ rows: String, order: String) -> String {
        """
        SELECT a.id, bm25(articles_fts, 10.0, 4.0, 1.0) AS score,
            a.id IN (SELECT value FROM json_each(?)) AS in_headline
        FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid
        WHERE articles_fts MATCH ? AND \(rows)
        ORDER BY \(order) LIMIT ?
        """
    }

    /// The window's first `offset + limit`, in the page's order.
    var rankSQL: String {
        let order =
            query.sort == .newest ? "a.published_at DESC, a.id DESC" : "in_headline DESC, score, a.id DESC"
        return Self.ranking("articles_fts.rowid >= ? AND \(filter.sql)", order: order)
    }

    var rankArguments: StatementArguments {
        [headlines, match, floor] + filter.arguments + [query.offset + query.limit]
    }

    var hasOlderHeadlines: Bool { !olderHeadlines.isEmpty }

    /// The older headline matches' first `offset + limit`; each is looked up by its id.
    var olderHeadlinesSQL: String {
        Self.ranking(
            "articles_fts.rowid IN (\(Array(repeating: "?", count: olderHeadlines.count).joined(separator: ", "))) AND \(filter.sql)",
            order: "score, a.id DESC")
    }

    var olderHeadlinesArguments: StatementArguments {
        [headlines, match] + StatementArguments(olderHeadlines) + filter.arguments + [query.offset + query.limit]
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

    var facetsSampled: Bool { facetFloor != 0 }

    private static func jsonArray(_ ids: some Collection<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    var countSQL: String {
        if unfiltered != nil {
            return
                "SELECT count(*) FROM json_each(?) j CROSS JOIN articles a ON a.id = j.value WHERE a.status = 'published'"
        }
        return """
            SELECT count(*) FROM (
                SELECT 1 FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid
                WHERE articles_fts MATCH ? AND \(filter.sql) LIMIT ?)
            """
    }

    var countArguments: StatementArguments {
        if let unfiltered { return [unfiltered.all] }
        return [match] + filter.arguments + [SearchResults.countCap + 1]
    }

    func facetSQL(_ facet: Facet) -> String {
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
        if unfiltered != nil {
            return """
                SELECT \(columns), count(*) AS n FROM json_each(?) j CROSS JOIN articles a ON a.id = j.value \(join)
                WHERE a.status = 'published' \(order)
                """
        }
        return """
            SELECT \(columns), count(*) AS n
            FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid \(join)
            WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? AND \(filter.sql) \(order)
            """
    }

    var facetArguments: StatementArguments {
        if let unfiltered { return [unfiltered.sample] }
        return [match, facetFloor] + filter.arguments
    }
}
