import Broadsheet
import GRDB

/// The newest published matches that pass a search's filters, newest first, with their scores
/// when the search is by relevance: the rows it ranks, counts and facets. FTS5 walks matches in
/// rowid order without scoring them, and rowids follow filing order, so finding them is cheap;
/// a date filter narrows the walk to the rowids its articles hold.
struct SearchWindow {
    /// Newest first, at most the window's size.
    let ids: [Int64]
    /// `newsrank` of each id (lower is better); empty when the search is newest first.
    let scores: [Double]
    /// More matches pass than the window holds (or the scan stopped before finding them all).
    let isFull: Bool
    /// The rowids a date filter allows.
    let rowids: Range<Int64>

    /// The lowest rowid in the window (the lowest allowed when it holds every match).
    var floor: Int64 { isFull ? (ids.last ?? .max) : rowids.lowerBound }

    init(_ db: Database, search: SearchSQL, bounds: SearchBounds) throws {
        let rowids = try Self.rowids(db, search.query)
        self.rowids = rowids
        guard !rowids.isEmpty else {
            (ids, scores, isFull) = ([], [], false)
            return
        }
        let size = search.windowSize(bounds)
        let scored = search.query.sort == .relevance
        // The scan is bounded; when it stops short, the window holds what it found and says it is full.
        let score: SQL = scored ? ", \(search.score(search.rankKey)) AS score" : ""
        let rows = try SQLRequest<Row>(
            """
            SELECT a.id\(sql: scored ? ", m.score" : "") FROM (
                SELECT articles_fts.rowid AS id\(score) FROM articles_fts
                WHERE articles_fts MATCH \(search.match) AND articles_fts.rowid >= \(rowids.lowerBound)
                    AND articles_fts.rowid < \(rowids.upperBound)
                ORDER BY articles_fts.rowid DESC LIMIT \(bounds.scanLimit)) AS m
            CROSS JOIN articles a ON a.id = m.id
            WHERE \(search.filter.sql) LIMIT \(size + 1)
            """
        ).fetchAll(db)
        ids = try rows.prefix(size).map { try $0.decode(atIndex: 0) }
        scores = scored ? try rows.prefix(size).map { try $0.decode(atIndex: 1) ?? 0 } : []
        if rows.count > size {
            isFull = true
        } else {
            let scanned =
                try SQLRequest<Int>(
                    """
                    SELECT count(*) FROM (SELECT rowid FROM articles_fts
                        WHERE articles_fts MATCH \(search.match) AND rowid >= \(rowids.lowerBound)
                            AND rowid < \(rowids.upperBound) LIMIT \(bounds.scanLimit))
                    """
                ).fetchOne(db) ?? 0
            isFull = scanned >= bounds.scanLimit
        }
    }

    /// The rowids of published articles inside the query's dates (all of them without dates).
    private static func rowids(_ db: Database, _ query: SearchQuery) throws -> Range<Int64> {
        guard query.publishedFrom != nil || query.publishedBefore != nil else { return 0..<Int64.max }
        let from = query.publishedFrom.map(StoredTime.seconds) ?? Int64.min
        let before = query.publishedBefore.map(StoredTime.seconds) ?? Int64.max
        let row = try SQLRequest<Row>(
            """
            SELECT min(id) AS low, max(id) AS high FROM articles
            WHERE status = 'published' AND published_at >= \(from) AND published_at < \(before)
            """
        ).fetchOne(db)
        guard let low = row?["low"] as Int64?, let high = row?["high"] as Int64? else { return 0..<0 }
        return low..<(high + 1)
    }
}
