import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func savePrintedPages(_ pages: [PrintedPageWords], publication: String) async throws {
        try await perform("filing \(pages.count) printed pages") {
            try await database.write { db in
                var editions: Set<Int64> = []
                // Each page's words are written out as it is filed, so an edition's text is never held twice over.
                for words in pages {
                    let page = words.page
                    let text = words.words.map(\.text).joined(separator: " ")
                    let words = try PrintedPageCoding.encode(words.words)
                    let edition = try Self.editionID(db, publication: publication, date: page.date)
                    editions.insert(edition)
                    try db.execute(
                        literal: """
                            INSERT INTO printed_pages (edition_id, number, label, width, height, image, words)
                            VALUES (\(edition), \(page.number), \(page.label), \(page.width), \(page.height), \(page.image), \(words))
                            ON CONFLICT (edition_id, number) DO UPDATE SET label = excluded.label,
                                width = excluded.width, height = excluded.height, image = excluded.image,
                                words = excluded.words
                            """)
                    let id = try SQLRequest<Int64>(
                        "SELECT id FROM printed_pages WHERE edition_id = \(edition) AND number = \(page.number)"
                    ).fetchOne(db)
                    try db.execute(literal: "DELETE FROM printed_pages_fts WHERE rowid = \(id)")
                    try db.execute(literal: "INSERT INTO printed_pages_fts (rowid, text) VALUES (\(id), \(text))")
                }
                // New pages make the stories' places on them out of date: the import finds them again.
                for edition in editions {
                    try db.execute(literal: "DELETE FROM printed_articles WHERE edition_id = \(edition)")
                }
                try db.execute(sql: "UPDATE archive_version SET version = version + 1")
            }
        }
    }

    public func savePrintedArticle(_ printed: PrintedArticle, articleID: Int64) async throws {
        let regions = try PrintedPageCoding.encode(printed)
        try await perform("filing where article \(articleID) was printed") {
            try await database.write { db in
                guard
                    let row = try SQLRequest<Row>(
                        "SELECT edition_id, page_id, content FROM articles WHERE id = \(articleID)"
                    ).fetchOne(db)
                else { throw StoreError.notFound("no article has the id \(articleID)") }
                let edition: Int64 = try row.decode(forColumn: "edition_id")
                if try row.decode(Int64?.self, forColumn: "page_id") == nil {
                    try Self.placeOnPage(
                        db, articleID: articleID, edition: edition, number: printed.firstPage,
                        content: try row.decode(forColumn: "content"))
                }
                try db.execute(
                    literal: """
                        INSERT INTO printed_articles (article_id, edition_id, regions) VALUES (\(articleID), \(edition), \(regions))
                        ON CONFLICT (article_id) DO UPDATE SET edition_id = excluded.edition_id, regions = excluded.regions
                        """)
                try db.execute(sql: "UPDATE archive_version SET version = version + 1")
            }
        }
    }

    /// Files a story that had no page number on the page it was found printed on: the text view
    /// groups it there, and its JSON names the page.
    static func placeOnPage(_ db: Database, articleID: Int64, edition: Int64, number: Int, content: String) throws {
        var content = try ContentCoding.decode(content)
        content.edition.page = PageReference(number: number)
        try db.execute(
            literal: "INSERT INTO pages (edition_id, number) VALUES (\(edition), \(number)) ON CONFLICT DO NOTHING")
        try db.execute(
            literal: """
                UPDATE articles SET content = \(try ContentCoding.encode(content)),
                    page_id = (SELECT id FROM pages WHERE edition_id = \(edition) AND number = \(number))
                WHERE id = \(articleID)
                """)
        // Where it was printed is not an edit: the latest revision records the same article, so
        // it reads the article's copy (`RevisionRows`).
        try db.execute(
            literal: """
                UPDATE revisions SET content = NULL
                WHERE article_id = \(articleID)
                    AND number = (SELECT max(number) FROM revisions WHERE article_id = \(articleID))
                """)
    }

    public func printedPages(on date: EditionDate) async throws -> [PrintedPage] {
        try await perform("reading the printed pages of \(date.iso)") {
            try await database.read { db in
                // Cached: every story page asks, and preparing the join was a sixteenth of an export.
                try SQLRequest<Row>(
                    literal: """
                        SELECT p.number, p.label, p.width, p.height, p.image FROM printed_pages p
                        JOIN editions e ON e.id = p.edition_id
                        WHERE e.date = \(date.iso) AND e.region = ''
                        ORDER BY p.number
                        """, cached: true
                ).fetchAll(db).map { row in
                    try PrintedPageCoding.page(
                        date: date, number: row.decode(Int.self, atIndex: 0),
                        label: row.decode(String?.self, atIndex: 1),
                        width: row.decode(Int.self, atIndex: 2), height: row.decode(Int.self, atIndex: 3),
                        image: row.decode(String?.self, atIndex: 4))
                }
            }
        }
    }

    public func words(on date: EditionDate, page number: Int) async throws -> [WordBox]? {
        try await perform("reading the words of page \(number) of \(date.iso)") {
            try await database.read { db in
                try SQLRequest<String>(
                    """
                    SELECT p.words FROM printed_pages p JOIN editions e ON e.id = p.edition_id
                    WHERE e.date = \(date.iso) AND e.region = '' AND p.number = \(number)
                    """
                ).fetchOne(db).map { try PrintedPageCoding.decode([WordBox].self, $0, field: "printed_pages.words") }
            }
        }
    }

    public func printedArticles(on date: EditionDate) async throws -> [Int64: PrintedArticle] {
        try await perform("reading where the stories of \(date.iso) were printed") {
            try await database.read { db in
                var printed: [Int64: PrintedArticle] = [:]
                let rows = try SQLRequest<Row>(
                    literal: """
                        SELECT pa.article_id, pa.regions FROM printed_articles pa
                        JOIN editions e ON e.id = pa.edition_id
                        WHERE e.date = \(date.iso) AND e.region = ''
                        """, cached: true
                ).fetchAll(db)
                for row in rows {
                    printed[try row.decode(Int64.self, atIndex: 0)] = try PrintedPageCoding.decode(
                        PrintedArticle.self, try row.decode(String.self, atIndex: 1), field: "printed_articles.regions")
                }
                return printed
            }
        }
    }

    public func printedPages(matching expression: SearchExpression, dates: ClosedRange<EditionDate>, limit: Int)
        async throws -> [PrintedPageMatch]
    {
        guard let match = FTS5Expression.match(expression.anywhere), limit > 0 else { return [] }
        return try await perform("searching the printed pages") {
            try await database.read { db in
                try SQLRequest<Row>(
                    """
                    SELECT e.date, p.number, p.label, p.width, p.height, p.image, p.words FROM printed_pages_fts f
                    JOIN printed_pages p ON p.id = f.rowid JOIN editions e ON e.id = p.edition_id
                    WHERE printed_pages_fts MATCH \(match) AND e.region = ''
                        AND e.date BETWEEN \(dates.lowerBound.iso) AND \(dates.upperBound.iso)
                    ORDER BY e.date DESC, p.number LIMIT \(limit)
                    """
                ).fetchAll(db).map { row in
                    let page = try PrintedPageCoding.page(
                        date: try StoredTime.editionDate(try row.decode(String.self, atIndex: 0)),
                        number: row.decode(Int.self, atIndex: 1), label: row.decode(String?.self, atIndex: 2),
                        width: row.decode(Int.self, atIndex: 3), height: row.decode(Int.self, atIndex: 4),
                        image: row.decode(String?.self, atIndex: 5))
                    let words = try PrintedPageCoding.decode(
                        [WordBox].self, try row.decode(String.self, atIndex: 6), field: "printed_pages.words")
                    return PrintedPageMatch(page: page, words: words)
                }
            }
        }
    }

    public func printedEditionDates() async throws -> [EditionDate] {
        try await perform("listing the editions with printed pages") {
            try await database.read { db in
                try String.fetchAll(db, sql: StoreSQL.printedEditionDates).map(StoredTime.editionDate)
            }
        }
    }

    /// The main edition's row of `publication` on `date`, made on first use.
    static func editionID(_ db: Database, publication: String, date: EditionDate) throws -> Int64 {
        try db.execute(
            literal:
                "INSERT OR IGNORE INTO editions (publication, date, region) VALUES (\(publication), \(date.iso), '')")
        guard
            let id = try SQLRequest<Int64>(
                "SELECT id FROM editions WHERE publication = \(publication) AND date = \(date.iso) AND region = ''"
            ).fetchOne(db)
        else { throw StoreError.database(operation: "filing an edition", message: "its row was not made") }
        return id
    }
}
