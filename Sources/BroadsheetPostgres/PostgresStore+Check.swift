import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    /// PostgreSQL keeps its own constraints, so this checks what it cannot: the schema is this
    /// build's, the archive version is there, and every article's derived data matches its content.
    public func check() async throws -> [StoreProblem] {
        let pending = try await pendingMigrations()
        if !pending.isEmpty {
            return [StoreProblem(message: "schema is missing migrations \(pending.joined(separator: ", "))")]
        }
        return try await snapshot("checking the database") { session in
            var problems: [StoreProblem] = []
            if try await session.value("SELECT count(*) FROM archive_version", as: Int.self) != 1 {
                problems.append(StoreProblem(message: "the archive version row is missing"))
            }
            let rows = try await session.connection.query(Self.derivedDataSQL, logger: logger)
            for try await row in rows {
                problems += try Self.derivedData(row.makeRandomAccess()).problems()
            }
            let pages = try await session.rows(
                """
                SELECT e.date, p.number, p.words::text AS words, p.text FROM printed_pages p
                JOIN editions e ON e.id = p.edition_id ORDER BY e.date, p.number
                """
            ).map { row in
                PrintedPageCheck.StoredPage(
                    date: try row("date"), number: Int(try row("number") as Int32), words: try row("words"),
                    indexed: try row("text"))
            }
            let placements = try await session.rows(
                """
                SELECT pa.article_id, e.date, pa.regions::text AS regions FROM printed_articles pa
                JOIN editions e ON e.id = pa.edition_id ORDER BY pa.article_id
                """
            ).map { row in
                PrintedPageCheck.StoredPlacement(
                    articleID: try row("article_id"), date: try row("date"), regions: try row("regions"))
            }
            problems += PrintedPageCheck.problems(pages: pages, placements: placements)
            return problems
        }
    }

    /// Each article's columns, links, revisions and search entry beside its content. The search
    /// vector is generated from the headline and body columns, so those stand for the index.
    private static let derivedDataSQL: PostgresQuery = """
        SELECT a.id, a.slug, a.headline, a.revision, a.content::text AS content, a.body_text,
            a.search IS NOT NULL AS indexed, s.slug AS section_slug, e.date AS edition_date,
            ARRAY(SELECT t.slug FROM article_topics x JOIN topics t ON t.id = x.topic_id
                WHERE x.article_id = a.id ORDER BY x.position) AS topic_slugs,
            ARRAY(SELECT w.slug FROM article_authors x JOIN authors w ON w.id = x.author_id
                WHERE x.article_id = a.id ORDER BY x.position) AS author_slugs,
            (SELECT count(*) FROM revisions r WHERE r.article_id = a.id) AS revision_count,
            coalesce((SELECT r.content = a.content FROM revisions r WHERE r.article_id = a.id
                ORDER BY r.number DESC LIMIT 1), false) AS latest_revision_matches
        FROM articles a JOIN sections s ON s.id = a.section_id JOIN editions e ON e.id = a.edition_id
        ORDER BY a.id
        """

    private static func derivedData(_ row: PostgresRandomAccessRow) throws -> DerivedArticleData {
        let headline: String = try row("headline")
        return DerivedArticleData(
            id: try row("id"), json: try row("content"), headline: headline, slug: try row("slug"),
            sectionSlug: try row("section_slug"), editionDate: try row("edition_date"),
            topicSlugs: try row("topic_slugs"), authorSlugs: try row("author_slugs"), revision: try row("revision"),
            revisionCount: try row("revision_count"), latestRevisionMatches: try row("latest_revision_matches"),
            indexedHeadline: try row("indexed", as: Bool.self) ? headline : nil, indexedBody: try row("body_text"))
    }

    public func stats() async throws -> StoreStats {
        try await snapshot("counting") { session in
            var byStatus: [ArticleStatus: Int] = [:]
            for row in try await session.rows("SELECT status, count(*) AS n FROM articles GROUP BY status") {
                if let status = ArticleStatus(rawValue: try row("status")) { byStatus[status] = try row("n") }
            }
            let counts = try await session.row(
                """
                SELECT (SELECT count(*) FROM revisions) AS revisions, (SELECT count(*) FROM editions) AS editions,
                    (SELECT count(*) FROM sections) AS sections, (SELECT count(*) FROM topics) AS topics,
                    (SELECT count(*) FROM authors) AS authors, (SELECT count(*) FROM corrections) AS corrections,
                    (SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_class c
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() AND c.relkind = 'r') AS bytes
                """)
            guard let counts else { throw StoreError.database(operation: "counting", message: "no row") }
            return StoreStats(
                articlesByStatus: byStatus, revisions: try counts("revisions"), editions: try counts("editions"),
                sections: try counts("sections"), topics: try counts("topics"), authors: try counts("authors"),
                corrections: try counts("corrections"), bytes: try counts("bytes"))
        }
    }
}
