import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    public func editions() async throws -> [EditionSummary] {
        // An export reads the list once (`EditionMemo`); the server binds none.
        guard let memo = EditionMemo.current else { return try await readEditions() }
        return try await memo.editions { try await readEditions() }
    }

    private func readEditions() async throws -> [EditionSummary] {
        try await read("listing editions") { session in
            try await session.rows(Self.editionListing("").query).map(Self.editionSummary)
        }
    }

    public func editions(in month: CalendarMonth) async throws -> [EditionSummary] {
        try await read("listing the editions of \(month.iso)") { session in
            let dated: BoundSQL = "AND e.date BETWEEN \(month.iso + "-01") AND \(month.iso + "-31")"
            return try await session.rows(Self.editionListing(dated).query).map(Self.editionSummary)
        }
    }

    private static func editionSummary(_ row: PostgresRandomAccessRow) throws -> EditionSummary {
        let region: String = try row("region")
        return EditionSummary(
            publication: try row("publication"), date: try StoredTime.editionDate(try row("date")),
            region: region.isEmpty ? nil : region, articleCount: try row("articles"))
    }

    /// Every edition with published stories that `filter` keeps, newest first, each counted on
    /// `articles_edition` (migration 016) one edition at a time, from the index alone once the
    /// table is vacuumed.
    static func editionListing(_ filter: BoundSQL) -> BoundSQL {
        """
        SELECT e.publication, e.date, e.region, c.articles FROM editions e
        CROSS JOIN LATERAL (
            SELECT count(*) AS articles FROM articles a WHERE a.edition_id = e.id AND a.status = 'published'
        ) c
        WHERE c.articles > 0 \(filter)
        ORDER BY e.date DESC, e.region COLLATE "C"
        """
    }

    public func edition(on date: EditionDate) async throws -> Edition? {
        // An export reads each edition once (`EditionMemo`); the server binds none.
        guard let memo = EditionMemo.current else { return try await readEdition(on: date) }
        return try await memo.edition(on: date) { try await readEdition(on: date) }
    }

    private func readEdition(on date: EditionDate) async throws -> Edition? {
        try await read("reading the edition of \(date)") { session in
            let sql: BoundSQL = """
                \(sql: StoreSQL.summarySelect)
                WHERE a.edition_id IN (SELECT id FROM editions WHERE date = \(date.iso)) AND a.status = 'published'
                ORDER BY p.number IS NULL, p.number, a.id
                """
            let articles = try await session.rows(sql.query).map(SummaryRow.summary)
            return Edition(date: date, articles: articles)
        }
    }

    public func latestEditionDate() async throws -> EditionDate? {
        try await read("finding the latest edition") { session in
            try await session.value(
                """
                SELECT e.date FROM editions e
                WHERE EXISTS (SELECT 1 FROM articles a WHERE a.edition_id = e.id AND a.status = 'published')
                ORDER BY e.date DESC LIMIT 1
                """, as: String.self
            ).flatMap { EditionDate(iso: $0) }
        }
    }

    public func neighbours(of date: EditionDate) async throws -> EditionNeighbours {
        // An export finds them in the list of editions it has read (`EditionMemo`).
        if let known = EditionMemo.current?.neighbours(of: date) { return known }
        return try await read("finding the editions around \(date)") { session in
            let row = try await session.row(
                """
                SELECT
                    (SELECT max(e.date) FROM editions e WHERE e.date < \(date.iso) AND \(unescaped: Self.hasPublished)) AS previous,
                    (SELECT min(e.date) FROM editions e WHERE e.date > \(date.iso) AND \(unescaped: Self.hasPublished)) AS next
                """)
            return EditionNeighbours(
                previous: try row?("previous", as: String?.self).flatMap { EditionDate(iso: $0) },
                next: try row?("next", as: String?.self).flatMap { EditionDate(iso: $0) })
        }
    }

    private static let hasPublished =
        "EXISTS (SELECT 1 FROM articles a WHERE a.edition_id = e.id AND a.status = 'published')"
}
