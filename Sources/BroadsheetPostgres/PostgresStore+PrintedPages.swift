import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    public func savePrintedPages(_ pages: [PrintedPageWords], publication: String) async throws {
        try await write("filing \(pages.count) printed pages") { session in
            var editions: Set<Int64> = []
            // Each page's words are written out as it is filed, so an edition's text is never held twice over.
            for words in pages {
                let page = words.page
                let text = words.words.map(\.text).joined(separator: " ")
                let words = try PrintedPageCoding.encode(words.words)
                let edition = try await Self.editionID(session, publication: publication, date: page.date)
                editions.insert(edition)
                try await session.execute(
                    """
                    INSERT INTO printed_pages (edition_id, number, label, width, height, image, words, text)
                    VALUES (\(edition), \(page.number), \(page.label), \(page.width), \(page.height), \(page.image),
                        \(words)::jsonb, \(text))
                    ON CONFLICT (edition_id, number) DO UPDATE SET label = excluded.label, width = excluded.width,
                        height = excluded.height, image = excluded.image, words = excluded.words, text = excluded.text
                    """)
            }
            // New pages make the stories' places on them out of date: the import finds them again.
            for edition in editions {
                try await session.execute("DELETE FROM printed_articles WHERE edition_id = \(edition)")
            }
            try await Self.bumpArchiveVersion(session)
        }
    }

    public func savePrintedArticle(_ printed: PrintedArticle, articleID: Int64) async throws {
        let regions = try PrintedPageCoding.encode(printed)
        try await write("filing where article \(articleID) was printed") { session in
            guard
                let row = try await session.row(
                    "SELECT edition_id, page_id, content::text AS content FROM articles WHERE id = \(articleID) FOR UPDATE"
                )
            else { throw StoreError.notFound("no article has the id \(articleID)") }
            let edition: Int64 = try row("edition_id")
            if try row("page_id") as Int64? == nil {
                // A story filed without a page number is placed on the page it was found printed on.
                var content = try ContentCoding.decode(try row("content"))
                content.edition.page = PageReference(number: printed.firstPage)
                try await session.execute(
                    """
                    INSERT INTO pages (edition_id, number) VALUES (\(edition), \(printed.firstPage))
                    ON CONFLICT DO NOTHING
                    """)
                try await session.execute(
                    """
                    UPDATE articles SET content = \(try ContentCoding.encode(content))::jsonb,
                        page_id = (SELECT id FROM pages WHERE edition_id = \(edition) AND number = \(printed.firstPage))
                    WHERE id = \(articleID)
                    """)
                // Where it was printed is not an edit: the latest revision records the same article.
                try await session.execute(
                    """
                    UPDATE revisions SET content = (SELECT content FROM articles WHERE id = \(articleID))
                    WHERE article_id = \(articleID)
                        AND number = (SELECT max(number) FROM revisions WHERE article_id = \(articleID))
                    """)
            }
            try await session.execute(
                """
                INSERT INTO printed_articles (article_id, edition_id, regions) VALUES (\(articleID), \(edition), \(regions)::jsonb)
                ON CONFLICT (article_id) DO UPDATE SET edition_id = excluded.edition_id, regions = excluded.regions
                """)
            try await Self.bumpArchiveVersion(session)
        }
    }

    public func printedPages(on date: EditionDate) async throws -> [PrintedPage] {
        try await read("reading the printed pages of \(date.iso)") { session in
            try await session.rows(
                """
                SELECT p.number, p.label, p.width, p.height, p.image FROM printed_pages p
                JOIN editions e ON e.id = p.edition_id
                WHERE e.date = \(date.iso) AND e.region = ''
                ORDER BY p.number
                """
            ).map { row in
                try PrintedPageCoding.page(
                    date: date, number: Int(try row("number") as Int32), label: try row("label"),
                    width: Int(try row("width") as Int32), height: Int(try row("height") as Int32),
                    image: try row("image"))
            }
        }
    }

    public func words(on date: EditionDate, page number: Int) async throws -> [WordBox]? {
        try await read("reading the words of page \(number) of \(date.iso)") { session in
            try await session.value(
                """
                SELECT p.words::text FROM printed_pages p JOIN editions e ON e.id = p.edition_id
                WHERE e.date = \(date.iso) AND e.region = '' AND p.number = \(number)
                """, as: String.self
            ).map { try PrintedPageCoding.decode([WordBox].self, $0, field: "printed_pages.words") }
        }
    }

    public func printedEditionDates() async throws -> [EditionDate] {
        try await read("listing the editions with printed pages") { session in
            try await session.rows(PostgresQuery(unsafeSQL: StoreSQL.printedEditionDates)).map { row in
                try StoredTime.editionDate(try row("date"))
            }
        }
    }

    public func printedArticles(on date: EditionDate) async throws -> [Int64: PrintedArticle] {
        try await read("reading where the stories of \(date.iso) were printed") { session in
            var printed: [Int64: PrintedArticle] = [:]
            for row in try await session.rows(
                """
                SELECT pa.article_id, pa.regions::text AS regions FROM printed_articles pa
                JOIN editions e ON e.id = pa.edition_id
                WHERE e.date = \(date.iso) AND e.region = ''
                """)
            {
                printed[try row("article_id")] = try PrintedPageCoding.decode(
                    PrintedArticle.self, try row("regions"), field: "printed_articles.regions")
            }
            return printed
        }
    }

    public func printedPages(matching expression: SearchExpression, dates: ClosedRange<EditionDate>, limit: Int)
        async throws -> [PrintedPageMatch]
    {
        guard let query = TSQueryExpression.query(expression.anywhere, weighted: false), limit > 0 else { return [] }
        return try await read("searching the printed pages") { session in
            try await session.rows(
                """
                SELECT e.date, p.number, p.label, p.width, p.height, p.image, p.words::text AS words
                FROM printed_pages p JOIN editions e ON e.id = p.edition_id
                WHERE p.search @@ to_tsquery('english'::regconfig, \(query)) AND e.region = ''
                    AND e.date BETWEEN \(dates.lowerBound.iso) AND \(dates.upperBound.iso)
                ORDER BY e.date DESC, p.number LIMIT \(limit)
                """
            ).map { row in
                let page = try PrintedPageCoding.page(
                    date: try StoredTime.editionDate(try row("date")), number: Int(try row("number") as Int32),
                    label: try row("label"), width: Int(try row("width") as Int32),
                    height: Int(try row("height") as Int32), image: try row("image"))
                let words = try PrintedPageCoding.decode([WordBox].self, try row("words"), field: "printed_pages.words")
                return PrintedPageMatch(page: page, words: words)
            }
        }
    }

    /// The main edition's row of `publication` on `date`, made on first use.
    static func editionID(_ session: PostgresSession, publication: String, date: EditionDate) async throws -> Int64 {
        try await session.execute(
            """
            INSERT INTO editions (publication, date, region) VALUES (\(publication), \(date.iso), '')
            ON CONFLICT (publication, date, region) DO NOTHING
            """)
        guard
            let id = try await session.value(
                "SELECT id FROM editions WHERE publication = \(publication) AND date = \(date.iso) AND region = ''",
                as: Int64.self)
        else { throw StoreError.database(operation: "filing an edition", message: "its row was not made") }
        return id
    }
}
