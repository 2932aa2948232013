import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func article(id: Int64) async throws -> Article? {
        try await perform("reading article \(id)") {
            try await database.read { db in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT id, slug, status, revision, content, publish_at, retraction_note, retracted_at
                            FROM articles WHERE id = ?
                            """,
                        arguments: [id])
                else { return nil }
                let corrections = try Row.fetchAll(
                    db,
                    sql: "SELECT kind, text, created_at FROM corrections WHERE article_id = ? ORDER BY created_at, id",
                    arguments: [id]
                ).map { row in
                    Correction(
                        kind: Correction.Kind(rawValue: try row.decode(forColumn: "kind")) ?? .correction,
                        text: try row.decode(forColumn: "text"),
                        createdAt: Date(timeIntervalSince1970: try row.decode(forColumn: "created_at")))
                }
                return Article(
                    id: try row.decode(forColumn: "id"), slug: Slug(verbatim: try row.decode(forColumn: "slug")),
                    status: ArticleStatus(rawValue: try row.decode(forColumn: "status")) ?? .draft,
                    revision: try row.decode(forColumn: "revision"),
                    content: try ContentCoding.decode(try row.decode(forColumn: "content")), corrections: corrections,
                    retraction: try (row.decode(String?.self, forColumn: "retraction_note")).map { note in
                        Retraction(
                            note: note, at: Date(timeIntervalSince1970: try row.decode(forColumn: "retracted_at")))
                    },
                    publishAt: (try row.decode(Int64?.self, forColumn: "publish_at")).map {
                        Date(timeIntervalSince1970: TimeInterval($0))
                    })
            }
        }
    }

    public func articles(matching query: ArticleQuery) async throws -> ArticleList {
        try await perform("listing articles") {
            try await database.read { db in
                var filter = ArticleFilter(query)
                if let cursor = query.cursor {
                    filter.add(
                        "(a.published_at < ? OR (a.published_at = ? AND a.id < ?))",
                        [StoredTime.seconds(cursor.published), StoredTime.seconds(cursor.published), cursor.id])
                }
                var sql = SummaryRow.select + filter.whereClause + " ORDER BY a.published_at DESC, a.id DESC LIMIT ?"
                var arguments = filter.arguments + [query.limit + 1]
                if query.cursor == nil && query.offset > 0 {
                    sql += " OFFSET ?"
                    arguments += [query.offset]
                }
                let rows = try Row.fetchAll(db, sql: sql, arguments: arguments).map(SummaryRow.summary)
                return ArticleList(reading: rows, limit: query.limit)
            }
        }
    }

    public func count(matching query: ArticleQuery) async throws -> Int {
        try await perform("counting articles") {
            try await database.read { db in
                let filter = ArticleFilter(query)
                return try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM articles a" + filter.whereClause, arguments: filter.arguments) ?? 0
            }
        }
    }

    public func revisions(ofArticle id: Int64) async throws -> [Revision] {
        try await perform("reading the revisions of article \(id)") {
            try await database.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT number, content, created_at, status, made_by, action FROM revisions
                        WHERE article_id = ? ORDER BY number
                        """,
                    arguments: [id]
                ).map { row in
                    Revision(
                        articleID: id, number: try row.decode(forColumn: "number"),
                        content: try ContentCoding.decode(try row.decode(forColumn: "content")),
                        createdAt: Date(timeIntervalSince1970: try row.decode(forColumn: "created_at")),
                        status: (try row.decode(String?.self, forColumn: "status")).flatMap(
                            ArticleStatus.init(rawValue:)),
                        madeBy: try row.decode(forColumn: "made_by"), action: try row.decode(forColumn: "action"))
                }
            }
        }
    }
}

/// The WHERE clause an `ArticleQuery` makes, with its bound arguments.
struct ArticleFilter {
    private var conditions: [String] = []
    private(set) var arguments: StatementArguments = []

    init(_ query: ArticleQuery) {
        if let status = query.status {
            // With a narrower filter, keep SQLite on that filter's index: `+` hides the status index.
            let narrower = query.section != nil || query.topic != nil || query.author != nil || query.edition != nil
            add(narrower ? "+a.status = ?" : "a.status = ?", [status.rawValue])
        }
        if let section = query.section {
            add("a.section_id = (SELECT id FROM sections WHERE slug = ?)", [section.rawValue])
        }
        if let topic = query.topic {
            add(
                "a.id IN (SELECT article_id FROM article_topics WHERE topic_id = (SELECT id FROM topics WHERE slug = ?))",
                [topic.rawValue])
        }
        if let author = query.author {
            add(
                "a.id IN (SELECT article_id FROM article_authors WHERE author_id = (SELECT id FROM authors WHERE slug = ?))",
                [author.rawValue])
        }
        if let edition = query.edition {
            add("a.edition_id IN (SELECT id FROM editions WHERE date = ?)", [edition.iso])
        }
        if let from = query.publishedFrom { add("a.published_at >= ?", [StoredTime.seconds(from)]) }
        if let before = query.publishedBefore { add("a.published_at < ?", [StoredTime.seconds(before)]) }
    }

    mutating func add(_ condition: String, _ values: StatementArguments) {
        conditions.append(condition)
        arguments += values
    }

    var whereClause: String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }
}

/// The columns of an `ArticleSummary`, read without decoding the article's JSON.
enum SummaryRow {
    static let select = """
        SELECT a.id, a.slug, a.headline, a.summary, a.byline, a.dateline, a.language, a.supplement,
            a.published_at, a.published_precision, a.updated_at, a.updated_precision,
            s.name AS section_name, s.slug AS section_slug,
            e.publication, e.date AS edition_date, e.region, p.number AS page_number, p.name AS page_name
        FROM articles a
        JOIN sections s ON s.id = a.section_id
        JOIN editions e ON e.id = a.edition_id
        LEFT JOIN pages p ON p.id = a.page_id
        """

    static func summary(_ row: Row) throws -> ArticleSummary {
        var section = Section(name: try row.decode(forColumn: "section_name"))
        section.slug = Slug(verbatim: try row.decode(forColumn: "section_slug"))
        let region: String = try row.decode(forColumn: "region")
        let page: Int? = try row.decode(forColumn: "page_number")
        let edition = EditionReference(
            publication: try row.decode(forColumn: "publication"),
            date: try StoredTime.editionDate(try row.decode(String.self, forColumn: "edition_date")),
            region: region.isEmpty ? nil : region, supplement: try row.decode(forColumn: "supplement"),
            page: try page.map { PageReference(number: $0, name: try row.decode(forColumn: "page_name")) })
        return ArticleSummary(
            id: try row.decode(forColumn: "id"), slug: Slug(verbatim: try row.decode(forColumn: "slug")),
            headline: try row.decode(forColumn: "headline"), summary: try row.decode(forColumn: "summary"),
            byline: try row.decode(forColumn: "byline"), dateline: try row.decode(forColumn: "dateline"),
            section: section, language: try row.decode(forColumn: "language"),
            published: timestamp(
                try row.decode(Int64.self, forColumn: "published_at"), try row.decode(forColumn: "published_precision")),
            updated: timestamp(try row.decode(forColumn: "updated_at"), try row.decode(forColumn: "updated_precision")),
            edition: edition)
    }

    private static func timestamp(_ seconds: Int64?, _ precision: String?) -> Timestamp? {
        seconds.map { timestamp($0, precision) }
    }

    private static func timestamp(_ seconds: Int64, _ precision: String?) -> Timestamp {
        Timestamp(
            StoredTime.instant(seconds), precision: precision.flatMap(Timestamp.Precision.init(rawValue:)) ?? .minute)
    }
}
