import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func savePrintedPages(_ pages: [PrintedPageWords], publication: String) async throws {
        let encoded = try pages.map { page in (page.page, try PrintedPageJSON.encode(page.words)) }
        try await perform("filing \(pages.count) printed pages") {
            try await database.write { db in
                var editions: Set<Int64> = []
                for (page, words) in encoded {
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
        let regions = try PrintedPageJSON.encode(printed)
        try await perform("filing where article \(articleID) was printed") {
            try await database.write { db in
                guard
                    let edition = try SQLRequest<Int64>("SELECT edition_id FROM articles WHERE id = \(articleID)")
                        .fetchOne(db)
                else { throw StoreError.notFound("no article has the id \(articleID)") }
                try db.execute(
                    literal: """
                        INSERT INTO printed_articles (article_id, edition_id, regions) VALUES (\(articleID), \(edition), \(regions))
                        ON CONFLICT (article_id) DO UPDATE SET edition_id = excluded.edition_id, regions = excluded.regions
                        """)
                try db.execute(sql: "UPDATE archive_version SET version = version + 1")
            }
        }
    }

    public func printedPages(on date: EditionDate) async throws -> [PrintedPage] {
        try await perform("reading the printed pages of \(date.iso)") {
            try await database.read { db in
                try SQLRequest<Row>(
                    """
                    SELECT p.number, p.label, p.width, p.height, p.image FROM printed_pages p
                    JOIN editions e ON e.id = p.edition_id
                    WHERE e.date = \(date.iso) AND e.region = ''
                    ORDER BY p.number
                    """
                ).fetchAll(db).map { row in
                    try PrintedPageJSON.page(
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
                ).fetchOne(db).map { try PrintedPageJSON.decode([WordBox].self, $0, field: "printed_pages.words") }
            }
        }
    }

    public func printedArticles(on date: EditionDate) async throws -> [Int64: PrintedArticle] {
        try await perform("reading where the stories of \(date.iso) were printed") {
            try await database.read { db in
                var printed: [Int64: PrintedArticle] = [:]
                let rows = try SQLRequest<Row>(
                    """
                    SELECT pa.article_id, pa.regions FROM printed_articles pa
                    JOIN editions e ON e.id = pa.edition_id
                    WHERE e.date = \(date.iso) AND e.region = ''
                    """
                ).fetchAll(db)
                for row in rows {
                    printed[try row.decode(Int64.self, atIndex: 0)] = try PrintedPageJSON.decode(
                        PrintedArticle.self, try row.decode(String.self, atIndex: 1), field: "printed_articles.regions")
                }
                return printed
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
