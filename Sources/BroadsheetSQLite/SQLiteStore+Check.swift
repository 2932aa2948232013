import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func check() async throws -> [StoreProblem] {
        try await perform("checking the database") {
            try await database.write { db in
                var problems: [StoreProblem] = []
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] {
                    problems += integrity.map { StoreProblem(message: "SQLite integrity: \($0)") }
                }
                for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                    problems.append(
                        StoreProblem(
                            message:
                                "foreign key broken in table \(try row.decode(String.self, atIndex: 0)), row \(try row.decode(atIndex: 1) ?? 0)"
                        ))
                }
                for index in ["articles_fts", "headlines_fts"] {
                    do {
                        try db.execute(sql: "INSERT INTO \(index) (\(index), rank) VALUES ('integrity-check', 1)")
                    } catch {
                        // `articles_fts` is checked against the articles' own text (`ArticleSearchText`).
                        problems.append(
                            StoreProblem(
                                message:
                                    "search index \(index) differs from the text it indexes: \(SQLiteStore.describe(error))"
                            ))
                    }
                }
                // An index's own list of the rows it holds: `articles_fts` reads its rows from the articles.
                for index in ["articles_fts", "headlines_fts"] {
                    let orphans = try Int64.fetchAll(
                        db, sql: "SELECT id FROM \(index)_docsize WHERE id NOT IN (SELECT id FROM articles)")
                    problems += orphans.map {
                        StoreProblem(articleID: $0, message: "\(index) holds an article that does not exist")
                    }
                }
                let rows = try Row.fetchCursor(db, sql: DerivedDataCheck.sql)
                while let row = try rows.next() {
                    problems += try DerivedDataCheck.problems(in: row)
                }
                problems += try Self.printedPageProblems(db)
                return problems
            }
        }
    }

    /// The printed pages' words, their search rows and the stories' regions (`PrintedPageCheck`).
    static func printedPageProblems(_ db: Database) throws -> [StoreProblem] {
        let pages = try Row.fetchAll(
            db,
            sql: """
                SELECT e.date, p.number, p.words, f.text FROM printed_pages p JOIN editions e ON e.id = p.edition_id
                LEFT JOIN printed_pages_fts f ON f.rowid = p.id ORDER BY e.date, p.number
                """
        ).map { row in
            PrintedPageCheck.StoredPage(
                date: try row.decode(atIndex: 0), number: try row.decode(atIndex: 1), words: try row.decode(atIndex: 2),
                indexed: try row.decode(atIndex: 3))
        }
        let placements = try Row.fetchAll(
            db,
            sql: """
                SELECT pa.article_id, e.date, pa.regions FROM printed_articles pa
                JOIN editions e ON e.id = pa.edition_id ORDER BY pa.article_id
                """
        ).map { row in
            PrintedPageCheck.StoredPlacement(
                articleID: try row.decode(atIndex: 0), date: try row.decode(atIndex: 1),
                regions: try row.decode(atIndex: 2))
        }
        let orphans = try Int64.fetchAll(
            db, sql: "SELECT rowid FROM printed_pages_fts WHERE rowid NOT IN (SELECT id FROM printed_pages)")
        return PrintedPageCheck.problems(pages: pages, placements: placements)
            + orphans.map { StoreProblem(message: "printed_pages_fts holds page row \($0), which does not exist") }
    }

    public func stats() async throws -> StoreStats {
        try await perform("counting") {
            try await database.read { db in
                var byStatus: [ArticleStatus: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM articles GROUP BY status") {
                    if let status = ArticleStatus(rawValue: try row.decode(forColumn: "status")) {
                        byStatus[status] = try row.decode(forColumn: "n")
                    }
                }
                func count(_ table: String) throws -> Int {
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                }
                let pageCount = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                return StoreStats(
                    articlesByStatus: byStatus, revisions: try count("revisions"), editions: try count("editions"),
                    sections: try count("sections"), topics: try count("topics"), authors: try count("authors"),
                    corrections: try count("corrections"), bytes: pageCount * pageSize)
            }
        }
    }
}

/// Compares each article's columns, links, revisions and search entry with its stored JSON,
/// which is the truth they are all derived from.
enum DerivedDataCheck {
    static let separator = "\u{1F}"

    static let sql = """
        SELECT a.id, a.slug, a.headline, a.revision, a.content, s.slug AS section_slug, e.date AS edition_date,
            (SELECT group_concat(slug, char(31)) FROM (SELECT t.slug FROM article_topics x
                JOIN topics t ON t.id = x.topic_id WHERE x.article_id = a.id ORDER BY x.position)) AS topic_slugs,
            (SELECT group_concat(slug, char(31)) FROM (SELECT w.slug FROM article_authors x
                JOIN authors w ON w.id = x.author_id WHERE x.article_id = a.id ORDER BY x.position)) AS author_slugs,
            (SELECT count(*) FROM revisions r WHERE r.article_id = a.id) AS revision_count,
            (SELECT coalesce(r.content, a.content) FROM revisions r WHERE r.article_id = a.id
                ORDER BY number DESC LIMIT 1) AS latest_revision,
            (SELECT group_concat(number, ', ') FROM revisions r WHERE r.article_id = a.id AND r.content IS NULL
                AND r.number < (SELECT max(number) FROM revisions m WHERE m.article_id = a.id)) AS lost_copies,
            CASE WHEN EXISTS (SELECT 1 FROM articles_fts_docsize d WHERE d.id = a.id) THEN a.headline END
                AS indexed_headline,
            (SELECT headline FROM headlines_fts WHERE rowid = a.id) AS headline_index
        FROM articles a JOIN sections s ON s.id = a.section_id JOIN editions e ON e.id = a.edition_id
        ORDER BY a.id
        """

    static func problems(in row: Row) throws -> [StoreProblem] {
        let json: String = try row.decode(forColumn: "content")
        var problems = DerivedArticleData(
            id: try row.decode(forColumn: "id"), json: json, headline: try row.decode(forColumn: "headline"),
            slug: try row.decode(forColumn: "slug"), sectionSlug: try row.decode(forColumn: "section_slug"),
            editionDate: try row.decode(forColumn: "edition_date"),
            topicSlugs: slugs(try row.decode(forColumn: "topic_slugs")),
            authorSlugs: slugs(try row.decode(forColumn: "author_slugs")),
            revision: try row.decode(forColumn: "revision"), revisionCount: try row.decode(forColumn: "revision_count"),
            latestRevisionMatches: (try row.decode(String?.self, forColumn: "latest_revision")) == json,
            indexedHeadline: try row.decode(forColumn: "indexed_headline")
        ).problems()
        // Only the newest revision may leave its copy to the article.
        if let lost = try row.decode(String?.self, forColumn: "lost_copies") {
            problems.append(
                StoreProblem(articleID: try row.decode(forColumn: "id"), message: "revisions \(lost) lost their copy"))
        }
        if (try row.decode(String?.self, forColumn: "headline_index"))
            != (try row.decode(String.self, forColumn: "headline"))
        {
            problems.append(
                StoreProblem(
                    articleID: try row.decode(forColumn: "id"), message: "headline index differs from its headline"))
        }
        return problems
    }

    private static func slugs(_ joined: String?) -> [String] {
        joined.map { $0.components(separatedBy: separator) } ?? []
    }
}
