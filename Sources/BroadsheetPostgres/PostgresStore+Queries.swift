import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    public func article(id: Int64) async throws -> Article? {
        try await snapshot("reading article \(id)") { session in
            guard
                let row = try await session.row(
                    """
                    SELECT id, slug, status, revision, content, publish_at, retraction_note, retracted_at
                    FROM articles WHERE id = \(id)
                    """)
            else { return nil }
            let corrections = try await session.rows(
                "SELECT kind, text, created_at FROM corrections WHERE article_id = \(id) ORDER BY created_at, id"
            ).map { row in
                Correction(
                    kind: Correction.Kind(rawValue: try row("kind")) ?? .correction, text: try row("text"),
                    createdAt: Date(timeIntervalSince1970: TimeInterval(try row("created_at", as: Int64.self))))
            }
            return Article(
                id: try row("id"), slug: Slug(verbatim: try row("slug")),
                status: ArticleStatus(rawValue: try row("status")) ?? .draft, revision: try row("revision"),
                content: try ContentCoding.decode(try row("content")), corrections: corrections,
                retraction: try row("retraction_note", as: String?.self).map { note in
                    Retraction(note: note, at: Date(unixSeconds: try row("retracted_at")))
                },
                publishAt: try row("publish_at", as: Int64?.self).map(Date.init(unixSeconds:)))
        }
    }

    public func articles(matching query: ArticleQuery) async throws -> ArticleList {
        try await read("listing articles") { session in
            var sql = BoundSQL(SummaryRow.select)
            var filter = ArticleFilter(query)
            if let cursor = query.cursor {
                let seconds = cursor.published.unixSeconds
                filter.add { sql in
                    "(a.published_at < \(sql.bind(seconds)) OR (a.published_at = \(sql.bind(seconds)) AND a.id < \(sql.bind(cursor.id))))"
                }
            }
            filter.write(into: &sql)
            sql.append(" ORDER BY a.published_at DESC, a.id DESC LIMIT \(sql.bind(query.limit + 1))")
            if query.cursor == nil && query.offset > 0 {
                sql.append(" OFFSET \(sql.bind(query.offset))")
            }
            let rows = try await session.rows(sql.query).map(SummaryRow.summary)
            return ArticleList(reading: rows, limit: query.limit)
        }
    }

    public func count(matching query: ArticleQuery) async throws -> Int {
        try await read("counting articles") { session in
            var sql = BoundSQL("SELECT count(*) FROM articles a")
            ArticleFilter(query).write(into: &sql)
            return try await session.value(sql.query, as: Int.self) ?? 0
        }
    }

    public func revisions(ofArticle id: Int64) async throws -> [Revision] {
        try await read("reading the revisions of article \(id)") { session in
            try await session.rows(
                """
                SELECT number, content, created_at, status, made_by, action FROM revisions
                WHERE article_id = \(id) ORDER BY number
                """
            ).map { row in
                Revision(
                    articleID: id, number: try row("number"), content: try ContentCoding.decode(try row("content")),
                    createdAt: Date(unixSeconds: try row("created_at")),
                    status: try row("status", as: String?.self).flatMap(ArticleStatus.init(rawValue:)),
                    madeBy: try row("made_by"), action: try row("action"))
            }
        }
    }
}

/// The conditions an `ArticleQuery` or a search's filters make, each binding its own values.
struct ArticleFilter {
    private var conditions: [(inout BoundSQL) -> String] = []

    init(_ query: ArticleQuery) {
        if let status = query.status { add { "a.status = \($0.bind(status.rawValue))" } }
        addTerms(
            section: query.section, topic: query.topic, author: query.author, edition: query.edition,
            publishedFrom: query.publishedFrom, publishedBefore: query.publishedBefore)
    }

    /// A search's filters: published articles only, narrowed as the reader chose.
    init(search query: SearchQuery) {
        add { _ in "a.status = 'published'" }
        addTerms(
            section: query.section, topic: query.topic, author: query.author, edition: nil,
            publishedFrom: query.publishedFrom, publishedBefore: query.publishedBefore)
    }

    private mutating func addTerms(
        section: Slug?, topic: Slug?, author: Slug?, edition: EditionDate?, publishedFrom: Date?, publishedBefore: Date?
    ) {
        if let section {
            add { "a.section_id = (SELECT id FROM sections WHERE slug = \($0.bind(section.rawValue)))" }
        }
        if let topic {
            add {
                "a.id IN (SELECT article_id FROM article_topics WHERE topic_id = (SELECT id FROM topics WHERE slug = \($0.bind(topic.rawValue))))"
            }
        }
        if let author {
            add {
                "a.id IN (SELECT article_id FROM article_authors WHERE author_id = (SELECT id FROM authors WHERE slug = \($0.bind(author.rawValue))))"
            }
        }
        if let edition { add { "a.edition_id IN (SELECT id FROM editions WHERE date = \($0.bind(edition.iso)))" } }
        if let publishedFrom { add { "a.published_at >= \($0.bind(publishedFrom.unixSeconds))" } }
        if let publishedBefore { add { "a.published_at < \($0.bind(publishedBefore.unixSeconds))" } }
    }

    var isEmpty: Bool { conditions.isEmpty }

    mutating func add(_ condition: @escaping (inout BoundSQL) -> String) {
        conditions.append(condition)
    }

    /// Appends ` WHERE …` (nothing when there are no conditions).
    func write(into sql: inout BoundSQL) {
        guard !conditions.isEmpty else { return }
        sql.append(" WHERE ")
        writeConditions(into: &sql)
    }

    /// Appends the conditions joined by AND, for a statement that has its own WHERE.
    func writeConditions(into sql: inout BoundSQL) {
        for (index, condition) in conditions.enumerated() {
            let text = condition(&sql)
            sql.append(index == 0 ? text : " AND " + text)
        }
    }
}

/// The columns of an `ArticleSummary`, read without decoding the article's JSON.
enum SummaryRow {
    static let columns = """
        a.id, a.slug, a.headline, a.summary, a.byline, a.dateline, a.language, a.supplement,
            a.published_at, a.published_precision, a.updated_at, a.updated_precision,
            s.name AS section_name, s.slug AS section_slug,
            e.publication, e.date AS edition_date, e.region, p.number AS page_number, p.name AS page_name
        """

    static let joins = """
        JOIN sections s ON s.id = a.section_id
        JOIN editions e ON e.id = a.edition_id
        LEFT JOIN pages p ON p.id = a.page_id
        """

    static let select = "SELECT \(columns) FROM articles a \(joins)"

    static func summary(_ row: PostgresRandomAccessRow) throws -> ArticleSummary {
        let region: String = try row("region")
        let page: Int? = try row("page_number")
        let editionDate: String = try row("edition_date")
        guard let date = EditionDate(iso: editionDate) else {
            throw StoreError.database(operation: "reading an article", message: "edition date '\(editionDate)'")
        }
        let edition = EditionReference(
            publication: try row("publication"), date: date, region: region.isEmpty ? nil : region,
            supplement: try row("supplement"),
            page: try page.map { PageReference(number: $0, name: try row("page_name")) })
        return ArticleSummary(
            id: try row("id"), slug: Slug(verbatim: try row("slug")), headline: try row("headline"),
            summary: try row("summary"), byline: try row("byline"), dateline: try row("dateline"),
            section: Section(name: try row("section_name"), slug: try row("section_slug")),
            language: try row("language"),
            published: timestamp(try row("published_at"), try row("published_precision"))
                ?? Timestamp(Date(timeIntervalSince1970: 0)),
            updated: timestamp(try row("updated_at"), try row("updated_precision")), edition: edition)
    }

    private static func timestamp(_ seconds: Int64?, _ precision: String?) -> Timestamp? {
        guard let seconds else { return nil }
        return Timestamp(
            Date(timeIntervalSince1970: TimeInterval(seconds)),
            precision: precision.flatMap(Timestamp.Precision.init(rawValue:)) ?? .minute)
    }
}
