import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    /// An article's last change: its copy's version instant or its newest correction.
    private static let lastModified = """
        greatest(a.version_at, coalesce((SELECT max(c.created_at) FROM corrections c WHERE c.article_id = a.id), 0))
        """

    /// Counted on `articles_newest`, which holds every column the count reads (migration 017);
    /// the newest correction of each month's stories is read apart, from the few corrected.
    public func archiveMonths() async throws -> [ArchiveMonth] {
        try await read("listing the archive's months") { session in
            var corrected: [CalendarMonth: Int64] = [:]
            for row in try await session.rows(Self.correctedStories) {
                guard let month = CalendarMonth(containing: StoredTime.instant(try row("published_at"))) else {
                    continue
                }
                corrected[month] = max(corrected[month] ?? 0, try row("corrected_at"))
            }
            let rows = try await session.rows(PostgresQuery(unsafeSQL: Self.monthCounts))
            return try rows.compactMap { row -> ArchiveMonth? in
                guard let month = CalendarMonth(year: try row("year"), month: try row("month")) else { return nil }
                let version: Double = try row("last_version")
                return ArchiveMonth(
                    month: month, articleCount: try row("articles"),
                    lastModified: Date(timeIntervalSince1970: max(version, Double(corrected[month] ?? 0))))
            }
        }
    }

    static let monthCounts = """
        SELECT extract(year FROM to_timestamp(published_at) AT TIME ZONE 'UTC')::integer AS year,
               extract(month FROM to_timestamp(published_at) AT TIME ZONE 'UTC')::integer AS month,
               count(*) AS articles, max(version_at) AS last_version
        FROM articles WHERE status = 'published'
        GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC
        """

    /// Each corrected published story's time and newest correction.
    private static let correctedStories: PostgresQuery = """
        SELECT a.published_at, max(c.created_at) AS corrected_at FROM corrections c
        JOIN articles a ON a.id = c.article_id
        WHERE a.status = 'published' GROUP BY c.article_id, a.published_at
        """

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
