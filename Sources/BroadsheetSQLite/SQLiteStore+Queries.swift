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
                        kind: Correction.Kind(rawValue: row["kind"]) ?? .correction, text: row["text"],
                        createdAt: Date(timeIntervalSince1970: row["created_at"]))
                }
                return Article(
                    id: row["id"], slug: Slug(verbatim: row["slug"]),
                    status: ArticleStatus(rawValue: row["status"]) ?? .draft, revision: row["revision"],
                    content: try ContentCoding.decode(row["content"]), corrections: corrections,
                    retraction: (row["retraction_note"] as String?).map { note in
                        Retraction(note: note, at: Date(timeIntervalSince1970: row["retracted_at"]))
                    },
                    publishAt: (row["publish_at"] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) })
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
                        [ArticleWriter.seconds(cursor.published), ArticleWriter.seconds(cursor.published), cursor.id])
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
                        articleID: id, number: row["number"], content: try ContentCoding.decode(row["content"]),
                        createdAt: Date(timeIntervalSince1970: row["created_at"]),
                        status: (row["status"] as String?).flatMap(ArticleStatus.init(rawValue:)),
                        madeBy: row["made_by"], action: row["action"])
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
        if let from = query.publishedFrom { add("a.published_at >= ?", [ArticleWriter.seconds(from)]) }
        if let before = query.publishedBefore { add("a.published_at < ?", [ArticleWriter.seconds(before)]) }
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

    static func summary(_ row: Row) -> ArticleSummary {
        var section = Section(name: row["section_name"])
        section.slug = Slug(verbatim: row["section_slug"])
        let region: String = row["region"]
        let page: Int? = row["page_number"]
        let edition = EditionReference(
            publication: row["publication"], date: EditionDate(iso: row["edition_date"] as String)!,
            region: region.isEmpty ? nil : region, supplement: row["supplement"],
            page: page.map { PageReference(number: $0, name: row["page_name"]) })
        return ArticleSummary(
            id: row["id"], slug: Slug(verbatim: row["slug"]), headline: row["headline"], summary: row["summary"],
            byline: row["byline"], dateline: row["dateline"], section: section, language: row["language"],
            published: timestamp(row["published_at"], row["published_precision"])!,
            updated: timestamp(row["updated_at"], row["updated_precision"]), edition: edition)
    }

    private static func timestamp(_ seconds: Int64?, _ precision: String?) -> Timestamp? {
        guard let seconds else { return nil }
        return Timestamp(
            Date(timeIntervalSince1970: TimeInterval(seconds)),
            precision: precision.flatMap(Timestamp.Precision.init(rawValue:)) ?? .minute)
    }
}
