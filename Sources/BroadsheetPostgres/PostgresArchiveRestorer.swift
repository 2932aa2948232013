import Broadsheet
import Foundation
import PostgresNIO

/// Writes a batch of archived records with their own ids inside the caller's transaction; a
/// record whose id is stored already is left as it is, so a batch written twice is written once.
/// Each table's id sequence is then moved past the ids written, so the archive's next record
/// gets the id after them.
struct PostgresArchiveRestorer {
    let session: PostgresSession
    /// Whose term look-ups the restorer shares: sections, topics, authors, editions and pages are
    /// found by their names and slugs, under the target's own ids.
    let writer: PostgresArticleWriter

    init(session: PostgresSession) {
        self.session = session
        writer = PostgresArticleWriter(session: session, now: Date())
    }

    func restore(_ batch: ArchiveBatch, articles: [EncodedArchivedArticle]) async throws {
        switch batch {
        case .users(let users):
            for user in users {
                try await session.execute(
                    """
                    INSERT INTO users (id, name, role, password_hash, created_at)
                    VALUES (\(user.id), \(user.name), \(user.role.rawValue), \(user.passwordHash), \(StoredTime.seconds(user.createdAt)))
                    ON CONFLICT (id) DO NOTHING
                    """)
            }
        case .tokens(let tokens):
            for stored in tokens {
                try await insert(stored)
            }
        case .audit(let entries):
            for entry in entries {
                try await session.execute(
                    """
                    INSERT INTO audit_log (id, at, actor, action, article_id, address, detail)
                    VALUES (\(entry.id), \(entry.at.timeIntervalSince1970), \(entry.actor), \(entry.action),
                        \(entry.articleID), \(entry.address), \(entry.detail))
                    ON CONFLICT (id) DO NOTHING
                    """)
            }
        case .printedPages(let pages):
            for stored in pages {
                let page = stored.page
                let edition = try await PostgresStore.editionID(
                    session, publication: stored.publication, date: page.date)
                try await session.execute(
                    """
                    INSERT INTO printed_pages (id, edition_id, number, label, width, height, image, words, text)
                    VALUES (\(stored.id), \(edition), \(page.number), \(page.label), \(page.width), \(page.height),
                        \(page.image), \(try PrintedPageCoding.encode(stored.words))::jsonb,
                        \(stored.words.map(\.text).joined(separator: " ")))
                    ON CONFLICT (id) DO NOTHING
                    """)
            }
        case .articles:
            let ids = articles.map(\.article.id)
            let stored = Set(
                try await session.rows("SELECT id FROM articles WHERE id = ANY(\(ids))").map {
                    try $0("id", as: Int64.self)
                })
            var links = PostgresArchiveLinks(writer: writer)
            for article in articles where !stored.contains(article.article.id) {
                try await insert(article, links: &links)
            }
            try await links.write(session)
            try await moveSequence(of: "corrections")
        }
        try await moveSequence(of: batch.part.table)
    }

    private func insert(_ stored: ArchivedToken) async throws {
        let token = stored.token
        guard
            let userID = try await session.value(
                "SELECT id FROM users WHERE name = \(token.userName)", as: Int64.self)
        else {
            throw StoreError.notFound("token \(token.id) belongs to '\(token.userName)', who is not in the target")
        }
        try await session.execute(
            """
            INSERT INTO api_tokens (id, user_id, label, token_hash, created_at, expires_at, revoked_at)
            VALUES (\(token.id), \(userID), \(token.label), \(stored.hash), \(StoredTime.seconds(token.createdAt)),
                \(token.expiresAt.map(StoredTime.seconds)), \(token.revokedAt.map(StoredTime.seconds)))
            ON CONFLICT (id) DO NOTHING
            """)
    }

    /// One article: its row (the search vector follows from its columns), revisions and
    /// corrections; its links go to `links`, which writes them when the batch is done.
    private func insert(_ prepared: EncodedArchivedArticle, links: inout PostgresArchiveLinks) async throws {
        let article = prepared.article
        let content = article.content
        let id = article.id
        let refs = try await links.references(article.links)
        let columns = PostgresArticleWriter.Columns(content)
        try await session.execute(
            """
            INSERT INTO articles (
                id, source_uri, source_format, slug, status, revision, headline, summary, byline, dateline,
                language, section_id, edition_id, page_id, supplement, published_at, published_precision,
                updated_at, updated_precision, version_at, content, body_text, created_at, modified_at,
                publish_at, retraction_note, retracted_at)
            VALUES (
                \(id), \(content.source.uri), \(content.source.format), \(columns.slug), \(article.status.rawValue),
                \(article.revision), \(content.headline), \(content.summary), \(content.byline), \(columns.dateline),
                \(content.language), \(refs.section), \(refs.edition), \(refs.page), \(content.edition.supplement),
                \(columns.published), \(columns.publishedPrecision), \(columns.updated), \(columns.updatedPrecision),
                \(columns.version), \(prepared.json)::jsonb, \(content.bodyText), \(StoredTime.seconds(article.createdAt)),
                \(StoredTime.seconds(article.modifiedAt)), \(article.publishAt.map(StoredTime.seconds)), \(article.retractionNote),
                \(article.retractedAt.map(StoredTime.seconds)))
            """)
        try await links.link(article: id, article.links)
        for (revision, json) in zip(article.revisions, prepared.revisionJSON) {
            try await session.execute(
                """
                INSERT INTO revisions (article_id, number, content, created_at, status, made_by, action)
                VALUES (\(id), \(revision.number), \(json)::jsonb, \(StoredTime.seconds(revision.createdAt)),
                    \(revision.status?.rawValue), \(revision.madeBy), \(revision.action))
                """)
        }
        for stored in article.corrections {
            let correction = stored.correction
            try await session.execute(
                """
                INSERT INTO corrections (id, article_id, kind, text, created_at)
                VALUES (\(stored.id), \(id), \(correction.kind.rawValue), \(correction.text),
                    \(StoredTime.seconds(correction.createdAt)))
                """)
        }
        if let printed = article.printed {
            try await session.execute(
                """
                INSERT INTO printed_articles (article_id, edition_id, regions)
                VALUES (\(id), \(refs.edition), \(try PrintedPageCoding.encode(printed))::jsonb)
                """)
        }
    }

    /// Moves the id sequence of `table` to its highest id, never back: rows written with explicit
    /// ids leave a sequence where it was, and its next id would collide with them.
    private func moveSequence(of table: String) async throws {
        try await session.execute(
            """
            SELECT setval(sequence, greatest(coalesce(pg_sequence_last_value(sequence), 0), last))
            FROM (SELECT pg_get_serial_sequence(\(table), 'id')::regclass AS sequence,
                (SELECT max(id) FROM \(unescaped: table)) AS last) AS highest
            WHERE last IS NOT NULL
            """)
    }
}
