import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    /// An article's last change: its copy's version instant or its newest correction.
    private static let lastModified = """
        greatest(a.version_at, coalesce((SELECT max(c.created_at) FROM corrections c WHERE c.article_id = a.id), 0))
        """

    public func archiveMonths() async throws -> [ArchiveMonth] {
        try await read("listing the archive's months") { session in
            let rows = try await session.rows(
                """
                SELECT extract(year FROM to_timestamp(a.published_at) AT TIME ZONE 'UTC')::integer AS year,
                       extract(month FROM to_timestamp(a.published_at) AT TIME ZONE 'UTC')::integer AS month,
                       count(*) AS articles, max(\(unescaped: Self.lastModified)) AS last_modified
                FROM articles a WHERE a.status = 'published'
                GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC
                """)
            return try rows.compactMap { row -> ArchiveMonth? in
                guard let month = CalendarMonth(year: try row("year"), month: try row("month")) else { return nil }
                return ArchiveMonth(
                    month: month, articleCount: try row("articles"),
                    lastModified: Date(timeIntervalSince1970: try row("last_modified")))
            }
        }
    }

    public func articleStamps(publishedIn interval: DateInterval, limit: Int, offset: Int) async throws
        -> [ArticleStamp]
    {
        try await read("listing articles for a sitemap") { session in
            try await session.rows(
                """
                SELECT a.id, a.slug, a.headline, a.language, a.published_at,
                    \(unescaped: Self.lastModified) AS last_modified
                FROM articles a
                WHERE a.status = 'published' AND a.published_at >= \(StoredTime.seconds(interval.start))
                    AND a.published_at < \(StoredTime.seconds(interval.end))
                ORDER BY a.published_at, a.id LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                """
            ).map { row in
                ArticleStamp(
                    id: try row("id"), slug: Slug(verbatim: try row("slug")), headline: try row("headline"),
                    language: try row("language"), published: StoredTime.instant(try row("published_at")),
                    lastModified: Date(timeIntervalSince1970: try row("last_modified")))
            }
        }
    }
}
