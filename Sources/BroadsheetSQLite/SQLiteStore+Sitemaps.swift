import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    /// An article's last change: its copy's version instant or its newest correction.
    private static let lastModified = """
        max(a.version_at, coalesce((SELECT max(c.created_at) FROM corrections c WHERE c.article_id = a.id), 0))
        """

    public func archiveMonths() async throws -> [ArchiveMonth] {
        try await perform("listing the archive's months") {
            try await database.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT strftime('%Y', a.published_at, 'unixepoch') AS year,
                               strftime('%m', a.published_at, 'unixepoch') AS month,
                               count(*) AS articles, max(\(Self.lastModified)) AS last_modified
                        FROM articles a WHERE a.status = 'published'
                        GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC
                        """)
                return try rows.compactMap { row -> ArchiveMonth? in
                    guard let year = Int(try row.decode(String.self, forColumn: "year")),
                        let number = Int(try row.decode(String.self, forColumn: "month")),
                        let month = CalendarMonth(year: year, month: number)
                    else { return nil }
                    return ArchiveMonth(
                        month: month, articleCount: try row.decode(forColumn: "articles"),
                        lastModified: Date(timeIntervalSince1970: try row.decode(forColumn: "last_modified")))
                }
            }
        }
    }

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
