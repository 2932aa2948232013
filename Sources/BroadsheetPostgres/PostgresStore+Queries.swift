import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    /// One statement, its corrections read beside the row as arrays: a first rendering waits for
    /// this before anything else, and four round trips (a transaction's two and two reads) were a
    /// third of it.
    public func article(id: Int64) async throws -> Article? {
        try await read("reading article \(id)") { session in try await Self.article(id: id, in: session) }
    }

    public func articles(ids: [Int64]) async throws -> [Article] {
        try await read("reading \(ids.count) articles") { session in
            var articles: [Article] = []
            for id in ids {
                if let article = try await Self.article(id: id, in: session) { articles.append(article) }
            }
            return articles
        }
    }

    private static func article(id: Int64, in session: PostgresSession) async throws -> Article? {
        guard
            let row = try await session.row(
                """
                SELECT id, slug, status, revision, content, publish_at, retraction_note, retracted_at,
                    ARRAY(SELECT kind FROM corrections WHERE article_id = a.id ORDER BY created_at, id)
                        AS correction_kinds,
                    ARRAY(SELECT text FROM corrections WHERE article_id = a.id ORDER BY created_at, id)
                        AS correction_texts,
                    ARRAY(SELECT created_at FROM corrections WHERE article_id = a.id ORDER BY created_at, id)
                        AS correction_times
                FROM articles a WHERE id = \(id)
                """)
        else { return nil }
        let kinds = try row("correction_kinds", as: [String].self)
        let texts = try row("correction_texts", as: [String].self)
        let times = try row("correction_times", as: [Int64].self)
        let corrections = zip(kinds, zip(texts, times)).map { kind, rest in
            Correction(
                kind: Correction.Kind(rawValue: kind) ?? .correction, text: rest.0,
                createdAt: StoredTime.instant(rest.1))
        }
        return Article(
            id: try row("id"), slug: Slug(verbatim: try row("slug")),
            status: ArticleStatus(rawValue: try row("status")) ?? .draft, revision: try row("revision"),
            content: try ContentCoding.decode(try row("content")), corrections: corrections,
            retraction: try row("retraction_note", as: String?.self).map { note in
                Retraction(note: note, at: StoredTime.instant(try row("retracted_at")))
            },
            publishAt: try row("publish_at", as: Int64?.self).map(StoredTime.instant))
    }

    public func articles(matching query: ArticleQuery) async throws -> ArticleList {
        // An export takes each page of a listing from the listing's ids, read once (`ListingMemo`).
        if let memo = ListingMemo.current, query.cursor == nil {
            let ids = try await listingIDs(query.conditions, memo: memo)
            let rows = try await memo.summaries(of: query, in: ids) { [self] stretch in
                try await read("listing articles") { session in
                    let sql: BoundSQL = "\(sql: StoreSQL.summarySelect) WHERE a.id = ANY(\(stretch))"
                    return try await session.rows(sql.query).map(SummaryRow.summary)
                }
            }
            return ArticleList(reading: rows, limit: query.limit)
        }
        return try await read("listing articles") { session in
            let sql: BoundSQL = """
                \(sql: StoreSQL.summarySelect)\(ArticleFilter(query.pageConditions).whereClause)
                \(sql: StoreSQL.listingOrder) LIMIT \(query.rowsToRead) OFFSET \(query.rowsToSkip)
                """
            let rows = try await session.rows(sql.query).map(SummaryRow.summary)
            return ArticleList(reading: rows, limit: query.limit)
        }
    }

    public func count(matching query: ArticleQuery) async throws -> Int {
        if let memo = ListingMemo.current { return try await listingIDs(query.conditions, memo: memo).count }
        return try await read("counting articles") { session in
            let sql: BoundSQL =
                StoryLink.whole(of: query.conditions).map(Self.total)
                ?? "SELECT count(*) FROM articles a\(ArticleFilter(query.conditions).whereClause)"
            return try await session.value(sql.query, as: Int.self) ?? 0
        }
    }

    /// All the published stories of a topic or an author: the link table's rows for it, counted
    /// on its index, less those of the few stories not published, found on `articles_newest`.
    /// Counted from the articles, each looked up in the link table, it was a sequential scan of
    /// the archive and a hash join (39 ms at 100,000 stories), for every uncached topic page.
    static func total(of link: StoryLink) -> BoundSQL {
        let id: BoundSQL = "SELECT id FROM \(sql: link.terms) WHERE slug = \(link.slug)"
        return """
            SELECT (SELECT count(*) FROM \(sql: link.table) WHERE \(sql: link.column) = (\(id)))
                - (SELECT count(*) FROM articles a WHERE a.status = ANY(\(StoryLink.unpublished)) AND EXISTS (
                    SELECT 1 FROM \(sql: link.table) l WHERE l.\(sql: link.column) = (\(id)) AND l.article_id = a.id))
            """
    }

    /// Every id of a listing, in its order, read once for the run `memo` belongs to.
    private func listingIDs(_ conditions: [ArticleCondition], memo: ListingMemo) async throws -> [Int64] {
        try await memo.ids(of: conditions) { [self] in
            try await read("listing articles") { session in
                let sql: BoundSQL =
                    "SELECT a.id FROM articles a\(ArticleFilter(conditions).whereClause) \(sql: StoreSQL.listingOrder)"
                return try await session.rows(sql.query).map { try $0[0].decode(Int64.self) }
            }
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
                    createdAt: StoredTime.instant(try row("created_at")),
                    status: try row("status", as: String?.self).flatMap(ArticleStatus.init(rawValue:)),
                    madeBy: try row("made_by"), action: try row("action"))
            }
        }
    }
}

/// The conditions of a listing or a search (`ArticleCondition`) as SQL on the article row `a`,
/// each value bound beside its placeholder.
struct ArticleFilter {
    private let conditions: [BoundSQL]

    init(_ conditions: [ArticleCondition]) {
        self.conditions = conditions.map { condition in
            // Each value goes where its `?` stands.
            let (text, values) = StoreSQL.condition(condition)
            var sql: BoundSQL = ""
            for (index, part) in text.split(separator: "?", omittingEmptySubsequences: false).enumerated() {
                if index > 0 {
                    switch values[index - 1] {
                    case .text(let text): sql += "\(text)"
                    case .integer(let number): sql += "\(number)"
                    }
                }
                sql += "\(sql: String(part))"
            }
            return sql
        }
    }

    /// ` WHERE …`, or nothing when there are no conditions.
    var whereClause: BoundSQL {
        conditions.isEmpty ? "" : " WHERE \(conditions.joined(separator: " AND "))"
    }

    /// The conditions joined by AND, for a statement with a WHERE of its own.
    var sql: BoundSQL {
        conditions.isEmpty ? "true" : conditions.joined(separator: " AND ")
    }
}

/// The columns of an `ArticleSummary`, read without decoding the article's JSON.
enum SummaryRow {
    static func summary(_ row: PostgresRandomAccessRow) throws -> ArticleSummary {
        let region: String = try row("region")
        let page: Int? = try row("page_number")
        let edition = EditionReference(
            publication: try row("publication"), date: try StoredTime.editionDate(try row("edition_date")),
            region: region.isEmpty ? nil : region, supplement: try row("supplement"),
            page: try page.map { PageReference(number: $0, name: try row("page_name")) })
        return ArticleSummary(
            id: try row("id"), slug: Slug(verbatim: try row("slug")), headline: try row("headline"),
            summary: try row("summary"), byline: try row("byline"), dateline: try row("dateline"),
            section: Section(name: try row("section_name"), slug: try row("section_slug")),
            language: try row("language"),
            published: StoredTime.timestamp(try row("published_at"), precision: try row("published_precision")),
            updated: try row("updated_at", as: Int64?.self).map {
                StoredTime.timestamp($0, precision: try row("updated_precision"))
            },
            edition: edition)
    }
}
