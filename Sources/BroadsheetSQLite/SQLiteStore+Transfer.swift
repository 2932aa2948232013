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
        ).map { row in ArchivedToken(token: SQLiteStore.token(row), hash: row["token_hash"]) }
    }

    func auditEntries() throws -> [AuditEntry] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, limit]
        )
        .map(SQLiteStore.auditEntry)
    }

    /// A batch of articles with their revisions, corrections and links: one query for the rows,
    /// then one per kind of related record over the batch's id range.
    func articles() throws -> [ArchivedArticle] {
        let rows = try Row.fetchAll(db, sql: Self.articleSQL, arguments: [after, limit])
        guard let first = rows.first?["id"] as Int64?, let last = rows.last?["id"] as Int64? else { return [] }
        let range: StatementArguments = [first, last]
        let revisions = try grouped(
            """
            SELECT article_id, number, content, created_at, status, made_by, action FROM revisions
            WHERE article_id BETWEEN ? AND ? ORDER BY article_id, number
            """, range
        ) { row in
            Revision(
                articleID: row["article_id"], number: row["number"], content: try ContentCoding.decode(row["content"]),
                createdAt: Self.date(row["created_at"]),
                status: (row["status"] as String?).flatMap(ArticleStatus.init(rawValue:)),
                madeBy: row["made_by"], action: row["action"])
        }
        let corrections = try grouped(
            "SELECT * FROM corrections WHERE article_id BETWEEN ? AND ? ORDER BY id", range
        ) { row in
            ArchivedCorrection(
                id: row["id"],
                correction: Correction(
                    kind: Correction.Kind(rawValue: row["kind"]) ?? .correction, text: row["text"],
                    createdAt: Self.date(row["created_at"])))
        }
        let topics = try grouped(
            """
            SELECT x.article_id, t.name, t.slug FROM article_topics x JOIN topics t ON t.id = x.topic_id
            WHERE x.article_id BETWEEN ? AND ? ORDER BY x.article_id, x.position
            """, range
        ) { row in
            var topic = Topic(name: row["name"])
            topic.slug = Slug(verbatim: row["slug"])
            return topic
        }
        let authors = try grouped(
            """
            SELECT x.article_id, w.name, w.slug, w.kind FROM article_authors x JOIN authors w ON w.id = x.author_id
            WHERE x.article_id BETWEEN ? AND ? ORDER BY x.article_id, x.position
            """, range
        ) { row in
            var author = Author(name: row["name"], kind: Author.Kind(rawValue: row["kind"]) ?? .person)
            author.slug = Slug(verbatim: row["slug"])
            return author
        }
        return try rows.map { row in
            let id: Int64 = row["id"]
            var section = Section(name: row["section_name"])
            section.slug = Slug(verbatim: row["section_slug"])
            let edition = EditionReference(
                publication: row["publication"], date: EditionDate(iso: row["edition_date"] as String)!,
                region: (row["region"] as String).isEmpty ? nil : row["region"], supplement: row["supplement"],
                page: (row["page_number"] as Int?).map { PageReference(number: $0, name: row["page_name"]) })
            return ArchivedArticle(
                id: id, status: ArticleStatus(rawValue: row["status"]) ?? .draft, revision: row["revision"],
                content: try ContentCoding.decode(row["content"]),
                links: ArticleLinks(
                    section: section, topics: topics[id] ?? [], authors: authors[id] ?? [],
                    edition: edition),
                revisions: revisions[id] ?? [], corrections: corrections[id] ?? [],
                publishAt: (row["publish_at"] as Int64?).map(Self.date), retractionNote: row["retraction_note"],
                retractedAt: (row["retracted_at"] as Int64?).map(Self.date), createdAt: Self.date(row["created_at"]),
                modifiedAt: Self.date(row["modified_at"]))
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
            groups[row["article_id"], default: []].append(try record(row))
        }
        return groups
    }

    private static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
