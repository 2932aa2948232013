import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    /// An article's last change: its copy's version instant or its newest correction.
    private static let lastModified = """
        max(a.version_at, coalesce((SELECT max(c.created_at) FROM corrections c WHERE c.article_id = a.id), 0))
        """

    /// Walks the months from the first published story's to the last's, each counted on
    /// `articles_newest`, which holds every column the count reads (migration 017); the newest
    /// correction of each month's stories is read apart, from the few corrected.
    public func archiveMonths() async throws -> [ArchiveMonth] {
        try await perform("listing the archive's months") {
            try await database.read { db in
                let bounds = try Row.fetchOne(
                    db, sql: "SELECT min(published_at), max(published_at) FROM articles WHERE status = 'published'")
                guard let first: Int64 = bounds?[0], let last: Int64 = bounds?[1],
                    let end = CalendarMonth(containing: StoredTime.instant(last))
                else { return [] }
                var corrected: [CalendarMonth: Int64] = [:]
                for row in try Row.fetchAll(db, sql: Self.correctedStories) {
                    guard let month = CalendarMonth(containing: StoredTime.instant(row[0])) else { continue }
                    corrected[month] = max(corrected[month] ?? 0, row[1])
                }
                let count = try db.cachedStatement(sql: Self.monthCount)
                var months: [ArchiveMonth] = []
                var month = CalendarMonth(containing: StoredTime.instant(first))
                while let current = month, current <= end {
                    let interval = current.interval
                    let row = try Row.fetchOne(
                        count,
                        arguments: [StoredTime.seconds(interval.start), StoredTime.seconds(interval.end)])
                    if let row, let articles: Int = row[0], articles > 0, let version: Double = row[1] {
                        let lastModified = max(version, Double(corrected[current] ?? 0))
                        months.append(
                            ArchiveMonth(
                                month: current, articleCount: articles,
                                lastModified: Date(timeIntervalSince1970: lastModified)))
                    }
                    month = current.next
                }
                return months.reversed()
            }
        }
    }

    static let monthCount = """
        SELECT count(*), max(version_at) FROM articles
        WHERE status = 'published' AND published_at >= ? AND published_at < ?
        """

    /// Each corrected published story's time and newest correction.
    private static let correctedStories = """
        SELECT a.published_at, max(c.created_at) FROM corrections c JOIN articles a ON a.id = c.article_id
        WHERE a.status = 'published' GROUP BY c.article_id
        """

    public func articleStamps(publishedIn interval: DateInterval, limit: Int, offset: Int) async throws
        -> [ArticleStamp]
    {
        try await perform("listing articles for a sitemap") {
            try await database.read { db in
                try SQLRequest<Row>(
                    """
                    SELECT a.id, a.slug, a.headline, a.language, a.published_at, \(sql: Self.lastModified) AS last_modified
                    FROM articles a
                    WHERE a.status = 'published' AND a.published_at >= \(StoredTime.seconds(interval.start))
                        AND a.published_at < \(StoredTime.seconds(interval.end))
                    ORDER BY a.published_at, a.id LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                    """
                ).decodeAll(db) { row in
                    ArticleStamp(
                        id: try row.decode(forColumn: "id"), slug: Slug(verbatim: try row.decode(forColumn: "slug")),
                        headline: try row.decode(forColumn: "headline"),
                        language: try row.decode(forColumn: "language"),
                        published: StoredTime.instant(try row.decode(forColumn: "published_at")),
                        lastModified: StoredTime.instant(try row.decode(forColumn: "last_modified")))
                }
            }
        }
    }
}
