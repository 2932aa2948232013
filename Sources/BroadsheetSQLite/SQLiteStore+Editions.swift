import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func editions() async throws -> [EditionSummary] {
        // An export reads the list once (`EditionMemo`); the server binds none.
        guard let memo = EditionMemo.current else { return try await readEditions() }
        return try await memo.editions { try await readEditions() }
    }

    private func readEditions() async throws -> [EditionSummary] {
        try await perform("listing editions") {
            try await database.read { db in
                try Row.fetchAll(db.cachedStatement(sql: Self.editionListing(within: false))).map(Self.editionSummary)
            }
        }
    }

    public func editions(in month: CalendarMonth) async throws -> [EditionSummary] {
        try await perform("listing the editions of \(month.iso)") {
            try await database.read { db in
                try Row.fetchAll(
                    db.cachedStatement(sql: Self.editionListing(within: true)),
                    arguments: [month.iso + "-01", month.iso + "-31"]
                ).map(Self.editionSummary)
            }
        }
    }

    private static func editionSummary(_ row: Row) throws -> EditionSummary {
        let region: String = try row.decode(forColumn: "region")
        return EditionSummary(
            publication: try row.decode(forColumn: "publication"),
            date: try StoredTime.editionDate(try row.decode(String.self, forColumn: "date")),
            region: region.isEmpty ? nil : region, articleCount: try row.decode(forColumn: "articles"))
    }

    /// Every edition with published stories (within `range`, those dated from the first `?` to the
    /// second), newest first, each counted on `articles_edition` (migration 016) one edition at a
    /// time; `MATERIALIZED` keeps the count from being made twice, once for the filter and once
    /// for the column.
    static func editionListing(within range: Bool) -> String {
        """
        WITH counted AS MATERIALIZED (
            SELECT e.publication, e.date, e.region,
                (SELECT count(*) FROM articles a WHERE a.edition_id = e.id AND a.status = 'published') AS articles
            FROM editions e\(range ? " WHERE e.date BETWEEN ? AND ?" : "")
        )
        SELECT publication, date, region, articles FROM counted WHERE articles > 0 ORDER BY date DESC, region
        """
    }

    public func edition(on date: EditionDate) async throws -> Edition? {
        // An export reads each edition once (`EditionMemo`); the server binds none.
        guard let memo = EditionMemo.current else { return try await readEdition(on: date) }
        return try await memo.edition(on: date) { try await readEdition(on: date) }
    }

    private func readEdition(on date: EditionDate) async throws -> Edition? {
        try await perform("reading the edition of \(date)") {
            try await database.read { db in
                let articles = try SQLRequest<Row>(
                    literal: """
                        \(sql: StoreSQL.summarySelect)
                        WHERE a.edition_id IN (SELECT id FROM editions WHERE date = \(date.iso)) AND +a.status = 'published'
                        ORDER BY p.number IS NULL, p.number, a.id
                        """, cached: true
                ).decodeAll(db, SummaryRow.summary)
                return Edition(date: date, articles: articles)
            }
        }
    }

    public func latestEditionDate() async throws -> EditionDate? {
        try await perform("finding the latest edition") {
            try await database.read { db in
                try String.fetchOne(
                    db,
                    sql: """
                        SELECT e.date FROM editions e
                        WHERE EXISTS (SELECT 1 FROM articles a WHERE a.edition_id = e.id AND a.status = 'published')
                        ORDER BY e.date DESC LIMIT 1
                        """
                ).flatMap { EditionDate(iso: $0) }
            }
        }
    }

    public func neighbours(of date: EditionDate) async throws -> EditionNeighbours {
        // An export finds them in the list of editions it has read (`EditionMemo`).
        if let known = EditionMemo.current?.neighbours(of: date) { return known }
        return try await perform("finding the editions around \(date)") {
            try await database.read { db in
                let published: SQL =
                    "EXISTS (SELECT 1 FROM articles a WHERE a.edition_id = e.id AND a.status = 'published')"
                let previous = try SQLRequest<String>(
                    "SELECT max(e.date) FROM editions e WHERE e.date < \(date.iso) AND \(published)"
                ).fetchOne(db)
                let next = try SQLRequest<String>(
                    "SELECT min(e.date) FROM editions e WHERE e.date > \(date.iso) AND \(published)"
                ).fetchOne(db)
                return EditionNeighbours(
                    previous: previous.flatMap { EditionDate(iso: $0) }, next: next.flatMap { EditionDate(iso: $0) })
            }
        }
    }
}
