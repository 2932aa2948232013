import Broadsheet
import Foundation
import GRDB

/// Writes a batch of archived records with their own ids inside the caller's transaction; a
/// record whose id is stored already is left as it is, so a batch written twice is written once.
struct ArchiveRestorer {
    /// Whose statements, term look-ups and search entries the restorer shares.
    let writer: ArticleWriter

    init(db: Database) {
        writer = ArticleWriter(db: db)
    }

    func restore(_ batch: ArchiveBatch, articles: [EncodedArchivedArticle]) throws {
        switch batch {
        case .users(let users):
            for user in users {
                try writer.execute(
                    """
                    INSERT INTO users (id, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING
                    """,
                    arguments: [
                        user.id, user.name, user.role.rawValue, user.passwordHash,
                        StoredTime.seconds(user.createdAt),
                    ])
            }
        case .tokens(let tokens):
            for stored in tokens {
                let token = stored.token
                guard
                    let userID = try writer.fetchID("SELECT id FROM users WHERE name = ?", arguments: [token.userName])
                else {
                    throw StoreError.notFound(
                        "token \(token.id) belongs to '\(token.userName)', who is not in the target")
                }
                try writer.execute(
                    """
                    INSERT INTO api_tokens (id, user_id, label, token_hash, created_at, expires_at, revoked_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                    """,
                    arguments: [
                        token.id, userID, token.label, stored.hash, StoredTime.seconds(token.createdAt),
                        token.expiresAt.map(StoredTime.seconds), token.revokedAt.map(StoredTime.seconds),
                    ])
            }
        case .audit(let entries):
            for entry in entries {
                try writer.execute(
                    """
                    INSERT INTO audit_log (id, at, actor, action, article_id, address, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                    """,
                    arguments: [
                        entry.id, entry.at.timeIntervalSince1970, entry.actor, entry.action, entry.articleID,
                        entry.address, entry.detail,
                    ])
            }
        case .printedPages(let pages):
            for stored in pages
            where try writer.fetchID("SELECT id FROM printed_pages WHERE id = ?", arguments: [stored.id]) == nil {
                try insert(stored)
            }
        case .articles:
            for article in articles
            where try writer.fetchID("SELECT id FROM articles WHERE id = ?", arguments: [article.article.id]) == nil {
                try insert(article)
            }
        }
    }

    /// One printed page under its own id, with its words in the search index.
    private func insert(_ stored: ArchivedPrintedPage) throws {
        let db = writer.db
        let page = stored.page
        let edition = try SQLiteStore.editionID(db, publication: stored.publication, date: page.date)
        let text = stored.words.map(\.text).joined(separator: " ")
        try db.execute(
            literal: """
                INSERT INTO printed_pages (id, edition_id, number, label, width, height, image, words)
                VALUES (\(stored.id), \(edition), \(page.number), \(page.label), \(page.width), \(page.height),
                    \(page.image), \(try PrintedPageCoding.encode(stored.words)))
                """)
        try db.execute(literal: "INSERT INTO printed_pages_fts (rowid, text) VALUES (\(stored.id), \(text))")
    }

    /// One article: its row, links, revisions, corrections and search entries (with its words for prefixes).
    private func insert(_ restored: EncodedArchivedArticle) throws {
        let article = restored.article
        let content = article.content
        let links = article.links
        let refs = try writer.references(section: links.section, edition: links.edition)
        try writer.execute(
            """
            INSERT INTO articles (
                id, source_uri, source_format, slug, status, revision, headline, summary, byline, dateline,
                language, section_id, edition_id, page_id, supplement, published_at, published_precision,
                updated_at, updated_precision, version_at, content, created_at, modified_at, publish_at,
                retraction_note, retracted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                article.id, content.source.uri, content.source.format, Slug(content.headline).rawValue,
                article.status.rawValue, article.revision,
            ] + writer.columns(content, refs: refs)
                + [
                    restored.json, StoredTime.seconds(article.createdAt), StoredTime.seconds(article.modifiedAt),
                    article.publishAt.map(StoredTime.seconds), article.retractionNote,
                    article.retractedAt.map(StoredTime.seconds),
                ])
        for (position, topic) in links.topics.enumerated() {
            let topicID = try writer.upsertTerm(table: "topics", name: topic.name, slug: topic.slug)
            try writer.execute(
                "INSERT OR IGNORE INTO article_topics (article_id, topic_id, position) VALUES (?, ?, ?)",
                arguments: [article.id, topicID, position])
        }
        for (position, author) in links.authors.enumerated() {
            let authorID = try writer.upsertAuthor(author)
            try writer.execute(
                "INSERT OR IGNORE INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)",
                arguments: [article.id, authorID, position])
        }
        let newest = article.revisions.map(\.number).max()
        for (revision, json) in zip(article.revisions, restored.revisionJSON) {
            // The newest revision's copy is the article's own, stored once (`RevisionRows`).
            let copy = revision.number == newest && json == restored.json ? nil : json
            try writer.execute(
                """
                INSERT INTO revisions (article_id, number, content, created_at, status, made_by, action)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    article.id, revision.number, copy, StoredTime.seconds(revision.createdAt),
                    revision.status?.rawValue, revision.madeBy, revision.action,
                ])
        }
        for stored in article.corrections {
            let correction = stored.correction
            try writer.execute(
                "INSERT INTO corrections (id, article_id, kind, text, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    stored.id, article.id, correction.kind.rawValue, correction.text,
                    StoredTime.seconds(correction.createdAt),
                ])
        }
        try writer.indexForSearch(id: article.id, content)
        if let printed = article.printed {
            try writer.db.execute(
                literal: """
                    INSERT INTO printed_articles (article_id, edition_id, regions)
                    VALUES (\(article.id), \(refs.edition), \(try PrintedPageCoding.encode(printed)))
                    """)
        }
    }
}
