import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func article(id: Int64) async throws -> Article? {
        try await perform("reading article \(id)") {
            try await database.read { db in try Self.article(id: id, in: db) }
        }
    }

    public func articles(ids: [Int64]) async throws -> [Article] {
        try await perform("reading \(ids.count) articles") {
            try await database.read { db in try ids.compactMap { try Self.article(id: $0, in: db) } }
        }
    }

    private static func article(id: Int64, in db: Database) throws -> Article? {
        guard
            // Cached: every page of a story asks these two, and preparing statements afresh was 7% of an export.
            let row = try SQLRequest<Row>(
                literal: """
                    SELECT id, slug, status, revision, content, publish_at, retraction_note, retracted_at
                    FROM articles WHERE id = \(id)
                    """, cached: true
            ).fetchOne(db)
        else { return nil }
        let corrections = try SQLRequest<Row>(
            literal: """
                SELECT kind, text, created_at FROM corrections WHERE article_id = \(id) ORDER BY created_at, id
                """, cached: true
        ).fetchAll(db).map { row in
            Correction(
                kind: Correction.Kind(rawValue: try row.decode(forColumn: "kind")) ?? .correction,
                text: try row.decode(forColumn: "text"),
                createdAt: StoredTime.instant(try row.decode(forColumn: "created_at")))
        }
        return Article(
            id: try row.decode(forColumn: "id"), slug: Slug(verbatim: try row.decode(forColumn: "slug")),
            status: ArticleStatus(rawValue: try row.decode(forColumn: "status")) ?? .draft,
            revision: try row.decode(forColumn: "revision"),
            content: try ContentCoding.decode(try row.decode(forColumn: "content")), corrections: corrections,
            retraction: try (row.decode(String?.self, forColumn: "retraction_note")).map { note in
                Retraction(note: note, at: StoredTime.instant(try row.decode(forColumn: "retracted_at")))
            },
            publishAt: (try row.decode(Int64?.self, forColumn: "publish_at")).map(StoredTime.instant))
    }

    public func articles(matching query: ArticleQuery) async throws -> ArticleList {
        try await perform("listing articles") {
            // An export takes each page of a listing from the listing's ids, read once (`ListingMemo`).
            if let memo = ListingMemo.current, query.cursor == nil {
                let ids = try await listingIDs(query.conditions, memo: memo)
                let rows = try await memo.summaries(of: query, in: ids) { [database] stretch in
                    // The ids as one JSON array: one statement, prepared once, for stretches of any length.
                    let list = SearchSQL.jsonArray(stretch)
                    return try await database.read { db in
                        try SQLRequest<Row>(
                            literal: """
                                \(sql: StoreSQL.summarySelect) WHERE a.id IN (SELECT value FROM json_each(\(list)))
                                """, cached: true
                        ).decodeAll(db, SummaryRow.summary)
                    }
                }
                return ArticleList(reading: rows, limit: query.limit)
            }
            return try await database.read { db in
                let rows = try Self.listing(query).decodeAll(db, SummaryRow.summary)
                return ArticleList(reading: rows, limit: query.limit)
            }
        }
    }

    public func count(matching query: ArticleQuery) async throws -> Int {
        try await perform("counting articles") {
            if let memo = ListingMemo.current { return try await listingIDs(query.conditions, memo: memo).count }
            return try await database.read { db in try Self.count(query, in: db) }
        }
    }

    /// Every id of a listing, in its order, read once for the run `memo` belongs to.
    private func listingIDs(_ conditions: [ArticleCondition], memo: ListingMemo) async throws -> [Int64] {
        try await memo.ids(of: conditions) { [database] in
            try await database.read { db in
                let filter = ArticleFilter(listing: conditions)
                return try SQLRequest<Int64>(
                    literal: """
                        SELECT a.id FROM articles a\(sql: filter.index)\(filter.whereClause) \(sql: StoreSQL.listingOrder)
                        """, cached: true
                ).fetchAll(db)
            }
        }
    }

    /// One page of a listing. The page's ids are found first, from an index alone where the
    /// filter has one (`ArticleFilter(listing:)`), so the rows a deep page skips are never read; the wide
    /// rows are read for the page's stories only.
    static func listing(_ query: ArticleQuery) -> SQLRequest<Row> {
        let filter = ArticleFilter(listing: query.pageConditions)
        return SQLRequest(
            literal: """
                \(sql: StoreSQL.summarySelect) WHERE a.id IN (
                    SELECT a.id FROM articles a\(sql: filter.index)\(filter.whereClause)
                    \(sql: StoreSQL.listingOrder) LIMIT \(query.rowsToRead) OFFSET \(query.rowsToSkip))
                \(sql: StoreSQL.listingOrder)
                """,
            // Of a few shapes whatever the listing: each condition's values are arguments.
            cached: true)
    }

    /// How many stories a listing holds, counted on the same index as its pages.
    static func counting(_ query: ArticleQuery) -> SQLRequest<Int> {
        let filter = ArticleFilter(listing: query.conditions)
        return SQLRequest(
            literal: "SELECT count(*) FROM articles a\(sql: filter.index)\(filter.whereClause)", cached: true)
    }

    public func revisions(ofArticle id: Int64) async throws -> [Revision] {
        try await perform("reading the revisions of article \(id)") {
            try await database.read { db in
                try Row.fetchAll(
                    db, sql: RevisionRows.select + " WHERE r.article_id = ? ORDER BY r.number", arguments: [id]
                ).map(RevisionRows.revision)
            }
        }
    }
}

/// The conditions of a listing or a search (`ArticleCondition`) as SQL on the article row `a`,
/// each value bound beside its placeholder.
struct ArticleFilter {
    private let conditions: [SQL]
    /// ` INDEXED BY …` where a listing names its index for SQLite, or nothing (`init(listing:)`).
    let index: String

    init(_ conditions: [ArticleCondition]) {
        // With a narrower filter, keep SQLite on that filter's index: `+` hides the status index.
        let hidesStatusIndex = conditions.contains {
            switch $0 {
            case .section, .topic, .author, .edition: true
            case .status, .publishedFrom, .publishedBefore, .after, .scheduled, .filedBy, .headlineContains,
                .filedAfter:
                false
            }
        }
        self.init(conditions, hidingStatusIndex: hidesStatusIndex)
    }

    /// A listing's conditions, each on an index that spares the wide rows, which hold the content:
    /// - beside a section, the status stays visible to the planner: the section's index holds it;
    /// - a topic's or an author's stories, found through their link table, are filtered and sorted
    ///   on `articles_state` (id, status, date) rather than read row by row;
    /// - anything else as `init(_:)`.
    init(listing conditions: [ArticleCondition]) {
        if conditions.contains(where: { if case .section = $0 { true } else { false } }) {
            self.init(conditions, hidingStatusIndex: false)
        } else if conditions.contains(where: {
            switch $0 {
            case .topic, .author: true
            default: false
            }
        }) {
            self.init(conditions, hidingStatusIndex: true, index: " INDEXED BY articles_state")
        } else {
            self.init(conditions)
        }
    }

    private init(_ conditions: [ArticleCondition], hidingStatusIndex: Bool, index: String = "") {
        self.conditions = conditions.map { Self.sql($0, hidingStatusIndex: hidingStatusIndex) }
        self.index = index
    }

    private static func sql(_ condition: ArticleCondition, hidingStatusIndex: Bool) -> SQL {
        let (text, values) = StoreSQL.condition(condition)
        let hidden = if case .status = condition, hidingStatusIndex { "+" + text } else { text }
        return SQL(sql: hidden, arguments: StatementArguments(values.map(\.databaseValue)))
    }

    /// ` WHERE …`, or nothing when there are no conditions.
    var whereClause: SQL {
        conditions.isEmpty ? "" : " WHERE \(conditions.joined(separator: " AND "))"
    }

    /// The conditions joined by AND, for a statement with a WHERE of its own.
    var sql: SQL {
        conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
    }
}

/// The columns of an `ArticleSummary`, read without decoding the article's JSON.
enum SummaryRow {
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
            published: StoredTime.timestamp(
                try row.decode(forColumn: "published_at"), precision: try row.decode(forColumn: "published_precision")),
            updated: try (row.decode(Int64?.self, forColumn: "updated_at")).map {
                StoredTime.timestamp($0, precision: try row.decode(forColumn: "updated_precision"))
            },
            edition: edition)
    }
}

extension StoreSQL.Value {
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let text): text.databaseValue
        case .integer(let number): number.databaseValue
        }
    }
}
