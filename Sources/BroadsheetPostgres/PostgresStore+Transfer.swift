import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore: ArchiveTransfer {
    public func archiveCensus() async throws -> ArchiveCensus {
        try await snapshot("counting the archive's records") { session in
            var census = ArchiveCensus(counts: [:], lastIDs: [:])
            for part in ArchivePart.allCases {
                let row = try await session.row(
                    "SELECT count(*) AS n, max(id) AS last FROM \(unescaped: part.table)")
                census.counts[part] = try row?("n", as: Int.self) ?? 0
                census.lastIDs[part] = try row?("last", as: Int64?.self)
            }
            return census
        }
    }

    public func archived(_ part: ArchivePart, after id: Int64, limit: Int) async throws -> ArchiveBatch {
        try await snapshot("reading \(part.noun) after \(id)") { session in
            let reader = PostgresArchiveReader(session: session, after: id, limit: max(1, limit))
            return switch part {
            case .users: .users(try await reader.users())
            case .tokens: .tokens(try await reader.tokens())
            case .articles: .articles(try await reader.articles())
            case .printedPages: .printedPages(try await reader.printedPages())
            case .audit: .audit(try await reader.auditEntries())
            }
        }
    }

    public func restore(_ batch: ArchiveBatch) async throws {
        // Encoding happens before the transaction begins, as for `save`.
        let prepared = try EncodedArchivedArticle.encode(batch)
        try await write("writing \(batch.count) \(batch.part.noun) up to id \(batch.ids.last ?? 0)") { session in
            try await PostgresArchiveRestorer(session: session).restore(batch, articles: prepared)
            try await Self.bumpArchiveVersion(session)
        }
        if case .articles = batch.part { await noteFiled(batch.count) }
    }
}

/// Reads one batch of each part, in id order, inside the caller's snapshot.
struct PostgresArchiveReader {
    let session: PostgresSession
    let after: Int64
    let limit: Int

    func users() async throws -> [User] {
        try await session.rows("SELECT * FROM users WHERE id > \(after) ORDER BY id LIMIT \(limit)")
            .map(PostgresStore.user)
    }

    func tokens() async throws -> [ArchivedToken] {
        try await session.rows(
            """
            SELECT t.id, t.label, t.created_at, t.expires_at, t.revoked_at, t.token_hash, u.name AS user_name
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.id > \(after) ORDER BY t.id LIMIT \(limit)
            """
        ).map { row in ArchivedToken(token: try PostgresStore.token(row), hash: try row("token_hash")) }
    }

    func auditEntries() async throws -> [AuditEntry] {
        try await session.rows("SELECT * FROM audit_log WHERE id > \(after) ORDER BY id LIMIT \(limit)")
            .map(PostgresStore.auditEntry)
    }

    func printedPages() async throws -> [ArchivedPrintedPage] {
        try await session.rows(
            """
            SELECT p.id, e.publication, e.date, p.number, p.label, p.width, p.height, p.image, p.words::text AS words
            FROM printed_pages p JOIN editions e ON e.id = p.edition_id
            WHERE p.id > \(after) ORDER BY p.id LIMIT \(limit)
            """
        ).map { row in
            ArchivedPrintedPage(
                id: try row("id"), publication: try row("publication"),
                page: try PrintedPageCoding.page(
                    date: try StoredTime.editionDate(try row("date")), number: Int(try row("number") as Int32),
                    label: try row("label"), width: Int(try row("width") as Int32),
                    height: Int(try row("height") as Int32), image: try row("image")),
                words: try PrintedPageCoding.decode([WordBox].self, try row("words"), field: "printed_pages.words"))
        }
    }

    /// A batch of articles with their revisions, corrections and links: one query for the rows,
    /// then one per kind of related record over the batch's id range.
    func articles() async throws -> [ArchivedArticle] {
        let rows = try await session.rows(
            """
            SELECT a.id, a.status, a.revision, a.content, a.created_at, a.modified_at, a.publish_at,
                a.retraction_note, a.retracted_at, a.supplement, s.name AS section_name, s.slug AS section_slug,
                e.publication, e.date AS edition_date, e.region, p.number AS page_number, p.name AS page_name
            FROM articles a JOIN sections s ON s.id = a.section_id JOIN editions e ON e.id = a.edition_id
                LEFT JOIN pages p ON p.id = a.page_id
            WHERE a.id > \(after) ORDER BY a.id LIMIT \(limit)
            """)
        guard let first = try rows.first?("id", as: Int64.self), let last = try rows.last?("id", as: Int64.self)
        else { return [] }
        let revisions = try await grouped(
            """
            SELECT article_id, number, content, created_at, status, made_by, action FROM revisions
            WHERE article_id BETWEEN \(first) AND \(last) ORDER BY article_id, number
            """
        ) { row in
            Revision(
                articleID: try row("article_id"), number: try row("number"),
                content: try ContentCoding.decode(try row("content")),
                createdAt: StoredTime.instant(try row("created_at")),
                status: try row("status", as: String?.self).flatMap(ArticleStatus.init(rawValue:)),
                madeBy: try row("made_by"), action: try row("action"))
        }
        let corrections = try await grouped(
            """
            SELECT id, article_id, kind, text, created_at FROM corrections
            WHERE article_id BETWEEN \(first) AND \(last) ORDER BY id
            """
        ) { row in
            ArchivedCorrection(
                id: try row("id"),
                correction: Correction(
                    kind: Correction.Kind(rawValue: try row("kind")) ?? .correction, text: try row("text"),
                    createdAt: StoredTime.instant(try row("created_at"))))
        }
        let topics = try await grouped(
            """
            SELECT x.article_id, t.name, t.slug FROM article_topics x JOIN topics t ON t.id = x.topic_id
            WHERE x.article_id BETWEEN \(first) AND \(last) ORDER BY x.article_id, x.position
            """
        ) { row in
            var topic = Topic(name: try row("name"))
            topic.slug = Slug(verbatim: try row("slug"))
            return topic
        }
        let authors = try await grouped(
            """
            SELECT x.article_id, w.name, w.slug, w.kind FROM article_authors x JOIN authors w ON w.id = x.author_id
            WHERE x.article_id BETWEEN \(first) AND \(last) ORDER BY x.article_id, x.position
            """
        ) { row in
            var author = Author(name: try row("name"), kind: Author.Kind(rawValue: try row("kind")) ?? .person)
            author.slug = Slug(verbatim: try row("slug"))
            return author
        }
        let printed = try await grouped(
            """
            SELECT article_id, regions::text AS regions FROM printed_articles
            WHERE article_id BETWEEN \(first) AND \(last)
            """
        ) { row in
            try PrintedPageCoding.decode(PrintedArticle.self, try row("regions"), field: "printed_articles.regions")
        }
        return try rows.map { row in
            let id: Int64 = try row("id")
            let links = ArticleLinks(
                section: Section(name: try row("section_name"), slug: try row("section_slug")),
                topics: topics[id] ?? [], authors: authors[id] ?? [], edition: try edition(row))
            return ArchivedArticle(
                id: id, status: ArticleStatus(rawValue: try row("status")) ?? .draft, revision: try row("revision"),
                content: try ContentCoding.decode(try row("content")), links: links,
                revisions: revisions[id] ?? [], corrections: corrections[id] ?? [],
                publishAt: try row("publish_at", as: Int64?.self).map(StoredTime.instant),
                retractionNote: try row("retraction_note"),
                retractedAt: try row("retracted_at", as: Int64?.self).map(StoredTime.instant),
                createdAt: StoredTime.instant(try row("created_at")),
                modifiedAt: StoredTime.instant(try row("modified_at")), printed: printed[id]?.first)
        }
    }

    /// The edition and page rows an article row links to, with its supplement.
    private func edition(_ row: PostgresRandomAccessRow) throws -> EditionReference {
        let iso: String = try row("edition_date")
        guard let date = EditionDate(iso: iso) else {
            throw StoreError.database(operation: "reading an archived article", message: "edition date '\(iso)'")
        }
        let region: String = try row("region")
        let page: Int? = try row("page_number")
        return EditionReference(
            publication: try row("publication"), date: date, region: region.isEmpty ? nil : region,
            supplement: try row("supplement"),
            page: try page.map { PageReference(number: $0, name: try row("page_name")) })
    }

    /// The rows of `query`, made into records and grouped by their `article_id`, in the rows' order.
    private func grouped<Record>(
        _ query: PostgresQuery, _ record: (PostgresRandomAccessRow) throws -> Record
    ) async throws -> [Int64: [Record]] {
        var groups: [Int64: [Record]] = [:]
        for row in try await session.rows(query) {
            groups[try row("article_id"), default: []].append(try record(row))
        }
        return groups
    }
}
