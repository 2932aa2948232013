import Broadsheet
import Foundation
import GRDB

extension SQLiteStore: ArchiveTransfer {
    public func archiveCensus() async throws -> ArchiveCensus {
        try await perform("counting the archive's records") {
            try await database.read { db in
                var census = ArchiveCensus(counts: [:], lastIDs: [:])
                for part in ArchivePart.allCases {
                    // `table` is one of our own constants, never user input.
                    let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, max(id) AS last FROM \(part.table)")
                    census.counts[part] = row?["n"] ?? 0
                    census.lastIDs[part] = row?["last"]
                }
                return census
            }
        }
    }

    public func archived(_ part: ArchivePart, after id: Int64, limit: Int) async throws -> ArchiveBatch {
        try await perform("reading \(part.noun) after \(id)") {
            try await database.read { db in
                let reader = ArchiveReader(db: db, after: id, limit: max(1, limit))
                return switch part {
                case .users: .users(try reader.users())
                case .tokens: .tokens(try reader.tokens())
                case .articles: .articles(try reader.articles())
                case .printedPages: .printedPages(try reader.printedPages())
                case .audit: .audit(try reader.auditEntries())
                }
            }
        }
    }

    public func restore(_ batch: ArchiveBatch) async throws {
        // Encoding happens before the write lock is taken, as for `save`.
        let prepared = try EncodedArchivedArticle.encode(batch)
        try await perform("writing \(batch.count) \(batch.part.noun) up to id \(batch.ids.last ?? 0)") {
            try await database.write { db in
                try ArchiveRestorer(db: db).restore(batch, articles: prepared)
                try Workflow.moveArchiveVersion(db)
            }
        }
    }
}

/// Reads one batch of each part, in id order, inside the caller's read transaction.
struct ArchiveReader {
    let db: Database
    let after: Int64
    let limit: Int

    func users() throws -> [User] {
        try Row.fetchAll(db, sql: "SELECT * FROM users WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, limit])
            .map(SQLiteStore.user)
    }

    func tokens() throws -> [ArchivedToken] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT t.*, u.name AS user_name FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.id > ? ORDER BY t.id LIMIT ?
                """,
            arguments: [after, limit]
        ).map { row in ArchivedToken(token: try SQLiteStore.token(row), hash: try row.decode(forColumn: "token_hash")) }
    }

    func auditEntries() throws -> [AuditEntry] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, limit]
        )
        .map(SQLiteStore.auditEntry)
    }

    func printedPages() throws -> [ArchivedPrintedPage] {
        try SQLRequest<Row>(
            """
            SELECT p.id, e.publication, e.date, p.number, p.label, p.width, p.height, p.image, p.words
            FROM printed_pages p JOIN editions e ON e.id = p.edition_id
            WHERE p.id > \(after) ORDER BY p.id LIMIT \(limit)
            """
        ).fetchAll(db).map { row in
            ArchivedPrintedPage(
                id: try row.decode(forColumn: "id"), publication: try row.decode(forColumn: "publication"),
                page: try PrintedPageCoding.page(
                    date: try StoredTime.editionDate(try row.decode(String.self, forColumn: "date")),
                    number: try row.decode(forColumn: "number"), label: try row.decode(forColumn: "label"),
                    width: try row.decode(forColumn: "width"), height: try row.decode(forColumn: "height"),
                    image: try row.decode(forColumn: "image")),
                words: try PrintedPageCoding.decode(
                    [WordBox].self, try row.decode(forColumn: "words"), field: "printed_pages.words"))
        }
    }

    /// A batch of articles with their revisions, corrections and links: one query for the rows,
    /// then one per kind of related record over the batch's id range.
    func articles() throws -> [ArchivedArticle] {
        let rows = try Row.fetchAll(db, sql: Self.articleSQL, arguments: [after, limit])
        guard let first = rows.first?["id"] as Int64?, let last = rows.last?["id"] as Int64? else { return [] }
        let range: StatementArguments = [first, last]
        let revisions = try grouped(
            RevisionRows.select + " WHERE r.article_id BETWEEN ? AND ? ORDER BY r.article_id, r.number", range,
            RevisionRows.revision)
        let corrections = try grouped(
            "SELECT * FROM corrections WHERE article_id BETWEEN ? AND ? ORDER BY id", range
        ) { row in
            ArchivedCorrection(
                id: try row.decode(forColumn: "id"),
                correction: Correction(
                    kind: Correction.Kind(rawValue: try row.decode(forColumn: "kind")) ?? .correction,
                    text: try row.decode(forColumn: "text"),
                    createdAt: StoredTime.instant(try row.decode(forColumn: "created_at"))))
        }
        let topics = try grouped(
            """
            SELECT x.article_id, t.name, t.slug FROM article_topics x JOIN topics t ON t.id = x.topic_id
            WHERE x.article_id BETWEEN ? AND ? ORDER BY x.article_id, x.position
            """, range
        ) { row in
            var topic = Topic(name: try row.decode(forColumn: "name"))
            topic.slug = Slug(verbatim: try row.decode(forColumn: "slug"))
            return topic
        }
        let authors = try grouped(
            """
            SELECT x.article_id, w.name, w.slug, w.kind FROM article_authors x JOIN authors w ON w.id = x.author_id
            WHERE x.article_id BETWEEN ? AND ? ORDER BY x.article_id, x.position
            """, range
        ) { row in
            var author = Author(
                name: try row.decode(forColumn: "name"),
                kind: Author.Kind(rawValue: try row.decode(forColumn: "kind")) ?? .person)
            author.slug = Slug(verbatim: try row.decode(forColumn: "slug"))
            return author
        }
        let printed = try grouped(
            "SELECT article_id, regions FROM printed_articles WHERE article_id BETWEEN ? AND ?", range
        ) { row in
            try PrintedPageCoding.decode(
                PrintedArticle.self, try row.decode(forColumn: "regions"), field: "printed_articles.regions")
        }
        return try rows.map { row in
            let id: Int64 = try row.decode(forColumn: "id")
            var section = Section(name: try row.decode(forColumn: "section_name"))
            section.slug = Slug(verbatim: try row.decode(forColumn: "section_slug"))
            let edition = EditionReference(
                publication: try row.decode(forColumn: "publication"),
                date: try StoredTime.editionDate(try row.decode(String.self, forColumn: "edition_date")),
                region: (try row.decode(String.self, forColumn: "region")).isEmpty
                    ? nil : try row.decode(forColumn: "region"), supplement: try row.decode(forColumn: "supplement"),
                page: try (row.decode(Int?.self, forColumn: "page_number")).map {
                    PageReference(number: $0, name: try row.decode(forColumn: "page_name"))
                })
            return ArchivedArticle(
                id: id, status: ArticleStatus(rawValue: try row.decode(forColumn: "status")) ?? .draft,
                revision: try row.decode(forColumn: "revision"),
                content: try ContentCoding.decode(try row.decode(forColumn: "content")),
                links: ArticleLinks(
                    section: section, topics: topics[id] ?? [], authors: authors[id] ?? [],
                    edition: edition),
                revisions: revisions[id] ?? [], corrections: corrections[id] ?? [],
                publishAt: (try row.decode(Int64?.self, forColumn: "publish_at")).map(StoredTime.instant),
                retractionNote: try row.decode(forColumn: "retraction_note"),
                retractedAt: (try row.decode(Int64?.self, forColumn: "retracted_at")).map(StoredTime.instant),
                createdAt: StoredTime.instant(try row.decode(forColumn: "created_at")),
                modifiedAt: StoredTime.instant(try row.decode(forColumn: "modified_at")), printed: printed[id]?.first)
        }
    }

    private static let articleSQL = """
        SELECT a.id, a.status, a.revision, a.content, a.created_at, a.modified_at, a.publish_at,
            a.retraction_note, a.retracted_at, a.supplement, s.name AS section_name, s.slug AS section_slug,
            e.publication,
            e.date AS edition_date, e.region, p.number AS page_number, p.name AS page_name
        FROM articles a JOIN sections s ON s.id = a.section_id JOIN editions e ON e.id = a.edition_id
            LEFT JOIN pages p ON p.id = a.page_id
        WHERE a.id > ? ORDER BY a.id LIMIT ?
        """

    /// The rows of `sql`, made into records and grouped by their `article_id`, in the rows' order.
    private func grouped<Record>(
        _ sql: String, _ arguments: StatementArguments, _ record: (Row) throws -> Record
    ) throws -> [Int64: [Record]] {
        var groups: [Int64: [Record]] = [:]
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            groups[try row.decode(forColumn: "article_id"), default: []].append(try record(row))
        }
        return groups
    }
}
