import Broadsheet
import Foundation
import PostgresNIO

/// Files a batch's new stories, the common case of an import, in a few statements rather than
/// a dozen round trips a story: one look-up of which sources are stored, the shared rows
/// (sections, editions, pages, topics, authors) once a batch, every article row with its first
/// revision in one statement, and the topic and author links in one statement each.
///
/// A story already stored, or named twice in the batch, is left to the one-at-a-time path,
/// which decides between updating it, leaving it unchanged and refusing a stale copy. So is every
/// story of the batch when the batch's statement fails, so one bad story fails alone. The new
/// stories are filed before the batch's stored ones are revised: where a new story and a revised
/// one name a topic, author or page name first spelled in this batch, the new story's spelling
/// is the one kept.
struct PostgresNewArticles {
    let writer: PostgresArticleWriter
    let status: ArticleStatus

    /// One prepared story and where it sits in the caller's batch.
    private struct Story {
        let index: Int
        let article: PreparedArticle
        var content: ArticleContent { article.content }
    }

    /// Files the stories that are new to the archive, and returns their ids by batch position.
    /// The rest (stories that could not be prepared among them), and all of them if the batch
    /// fails, are left for the caller to save one at a time.
    func file(_ batch: [Result<PreparedArticle, StoreError>]) async throws -> [Int: Int64] {
        let stories = batch.enumerated().compactMap { index, item in
            (try? item.get()).map { Story(index: index, article: $0) }
        }
        let session = writer.session
        let uris = stories.map(\.content.source.uri)
        let stored = Set(
            try await session.rows("SELECT source_uri FROM articles WHERE source_uri = ANY(\(uris))").map {
                try $0("source_uri", as: String.self)
            })
        var seen = Set<String>()
        let fresh = stories.filter {
            !stored.contains($0.content.source.uri) && seen.insert($0.content.source.uri).inserted
        }
        guard !fresh.isEmpty else { return [:] }
        try await session.execute("SAVEPOINT new_articles")
        do {
            let filed = try await insert(fresh)
            try await session.execute("RELEASE SAVEPOINT new_articles")
            return filed
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            try await session.execute("ROLLBACK TO SAVEPOINT new_articles")
            // Each story's own error comes from the one-at-a-time path; this says why the batch
            // took it, as a fault here would otherwise only show as a slow import.
            session.logger.warning(
                "filing \(fresh.count) new stories together failed, filing them one at a time: \(PostgresStore.describe(error))"
            )
            return [:]
        }
    }

    private func insert(_ stories: [Story]) async throws -> [Int: Int64] {
        var links = PostgresArchiveLinks(writer: writer)
        var rows: [Row] = []
        for story in stories {
            let refs = try await links.references(story.content.links)
            rows.append(Row(story.content, json: story.article.json, refs: refs))
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let document = String(decoding: try encoder.encode(rows), as: UTF8.self)
        let now = StoredTime.seconds(writer.now)
        // A source filed by another server since the look-up is skipped here (ON CONFLICT) and
        // saved one at a time by the caller.
        let inserted = try await writer.session.rows(
            """
            WITH given AS (
                SELECT * FROM jsonb_to_recordset(\(document)::jsonb) AS given (
                    source_uri text, source_format text, slug text, headline text, summary text, byline text,
                    dateline text, language text, section_id bigint, edition_id bigint, page_id bigint,
                    supplement text, published_at bigint, published_precision text, updated_at bigint,
                    updated_precision text, version_at double precision, content text, body_text text)
            ), filed AS (
                INSERT INTO articles (
                    source_uri, source_format, slug, status, revision, headline, summary, byline, dateline,
                    language, section_id, edition_id, page_id, supplement, published_at, published_precision,
                    updated_at, updated_precision, version_at, content, body_text, created_at, modified_at)
                SELECT source_uri, source_format, slug, \(status.rawValue), 1, headline, summary, byline, dateline,
                    language, section_id, edition_id, page_id, supplement, published_at, published_precision,
                    updated_at, updated_precision, version_at, content::jsonb, body_text, \(now), \(now)
                FROM given
                ON CONFLICT (source_uri) DO NOTHING
                RETURNING id, source_uri, content
            ), revised AS (
                INSERT INTO revisions (article_id, number, content, created_at, status, made_by, action)
                SELECT id, 1, content, \(now), \(status.rawValue), \(writer.madeBy), \(writer.action) FROM filed
            )
            SELECT id, source_uri FROM filed
            """)
        var ids: [String: Int64] = [:]
        for row in inserted { ids[try row("source_uri")] = try row("id") }
        var filed: [Int: Int64] = [:]
        // In the batch's order, so the first spelling of a new topic or author is the one kept.
        for story in stories {
            guard let id = ids[story.content.source.uri] else { continue }
            try await links.link(article: id, story.content.links)
            filed[story.index] = id
        }
        try await links.write(writer.session)
        return filed
    }

    /// An article row as `jsonb_to_recordset` reads it: a missing key is a NULL column.
    private struct Row: Encodable {
        let sourceUri: String
        let sourceFormat: String
        let slug: String
        let headline: String
        let summary: String?
        let byline: String?
        let dateline: String?
        let language: String
        let sectionId: Int64
        let editionId: Int64
        let pageId: Int64?
        let supplement: String?
        let publishedAt: Int64
        let publishedPrecision: String
        let updatedAt: Int64?
        let updatedPrecision: String?
        let versionAt: Double
        let content: String
        let bodyText: String

        init(_ content: ArticleContent, json: String, refs: PostgresArticleWriter.References) {
            let columns = PostgresArticleWriter.Columns(content)
            sourceUri = content.source.uri
            sourceFormat = content.source.format
            slug = columns.slug
            headline = content.headline
            summary = content.summary
            byline = content.byline
            dateline = columns.dateline
            language = content.language
            sectionId = refs.section
            editionId = refs.edition
            pageId = refs.page
            supplement = content.edition.supplement
            publishedAt = columns.published
            publishedPrecision = columns.publishedPrecision
            updatedAt = columns.updated
            updatedPrecision = columns.updatedPrecision
            versionAt = columns.version
            self.content = json
            bodyText = content.bodyText
        }
    }
}

extension ArticleContent {
    /// The shared rows an article links to, as a batch's look-ups know them.
    var links: ArticleLinks {
        ArticleLinks(section: section, topics: topics, authors: authors, edition: edition)
    }
}
