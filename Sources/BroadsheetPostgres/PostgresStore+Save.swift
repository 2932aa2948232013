import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    public func save(_ prepared: [Result<PreparedArticle, StoreError>], status: ArticleStatus) async throws
        -> [Result<SaveOutcome, StoreError>]
    {
        let outcomes = try await write("saving \(prepared.count) articles") { session in
            let writer = PostgresArticleWriter(session: session, now: Date())
            let created = try await PostgresNewArticles(writer: writer, status: status).file(prepared)
            var outcomes: [Result<SaveOutcome, StoreError>] = []
            for (index, item) in prepared.enumerated() {
                if let id = created[index] {
                    outcomes.append(.success(.created(id: id)))
                    continue
                }
                switch item {
                case .success(let article):
                    outcomes.append(await writer.saveAlone(article.content, json: article.json, status: status))
                case .failure(let error):
                    outcomes.append(.failure(error))
                }
            }
            if outcomes.contains(where: \.changedArchive) { try await Self.bumpArchiveVersion(session) }
            return outcomes
        }
        await noteFiled(outcomes.count { if case .success(.created) = $0 { true } else { false } })
        return outcomes
    }

    /// Tells the planner statistics how many articles were filed; a failed analysis is logged,
    /// as the articles are stored whatever the planner knows.
    func noteFiled(_ count: Int) async {
        do {
            try await plannerStatistics.noteFiled(count, store: self)
        } catch {
            logger.warning("could not analyse the archive's tables after an import: \(error)")
        }
    }

    public func archiveVersion() async throws -> Int64 {
        try await read("reading the archive version") { session in
            try await session.value("SELECT version FROM archive_version", as: Int64.self) ?? 0
        }
    }

    public func changes(since version: Int64) async throws -> ArchiveChanges? {
        try await snapshot("reading what changed since version \(version)") { session in
            let current = try await session.value("SELECT version FROM archive_version", as: Int64.self) ?? 0
            guard version <= current else { return nil }
            let rows = try await session.rows("SELECT kind, key FROM archive_changes WHERE position >= \(version)")
            let changes: [(kind: String, key: String)] = try rows.map { row in
                (kind: try row("kind", as: String.self), key: try row("key", as: String.self))
            }
            return ArchiveChanges(rows: changes)
        }
    }

    /// Marks the archive changed, inside the writing transaction, and tells every listening server
    /// when that transaction commits. The message is "<schema> <version>": notifications go to the
    /// whole database, which may hold several archives, one to a schema.
    static func bumpArchiveVersion(_ session: PostgresSession) async throws {
        try await session.execute(
            """
            WITH bumped AS (UPDATE archive_version SET version = version + 1 RETURNING version)
            SELECT pg_notify(\(archiveChannel), current_schema() || ' ' || version::text) FROM bumped
            """)
    }

    /// The `LISTEN/NOTIFY` channel that carries the archive version to other servers.
    static let archiveChannel = "broadsheet_archive"
}

/// The steps of filing one version of an article, all inside the caller's transaction.
struct PostgresArticleWriter {
    let session: PostgresSession
    let now: Date
    /// Who the revisions this writer makes are credited to, and why they were made.
    var madeBy = "import"
    var action = "import"

    /// Saves one article inside a savepoint of its own, so its failure undoes only its rows.
    func saveAlone(_ content: ArticleContent, json: String, status: ArticleStatus) async -> Result<
        SaveOutcome, StoreError
    > {
        do {
            try await session.execute("SAVEPOINT article")
            let outcome = try await save(content, json: json, status: status)
            try await session.execute("RELEASE SAVEPOINT article")
            return .success(outcome)
        } catch let error as StoreError {
            try? await session.execute("ROLLBACK TO SAVEPOINT article")
            return .failure(error)
        } catch {
            try? await session.execute("ROLLBACK TO SAVEPOINT article")
            return .failure(
                .database(operation: "saving '\(content.source.uri)'", message: PostgresStore.describe(error)))
        }
    }

    private func save(_ content: ArticleContent, json: String, status: ArticleStatus) async throws -> SaveOutcome {
        // The row lock keeps two servers filing the same story from making the same revision twice.
        let stored = try await session.row(
            """
            SELECT id, revision, status, content = \(json)::jsonb AS same, version_at, source_format,
                (SELECT action FROM revisions r WHERE r.article_id = articles.id AND r.number = 1) AS first_action
            FROM articles WHERE source_uri = \(content.source.uri) FOR UPDATE
            """)
        guard let stored else {
            if let id = try await insert(content, json: json, status: status) { return .created(id: id) }
            // Another server filed it between our look and our insert: take it as stored.
            return try await save(content, json: json, status: status)
        }
        let id: Int64 = try stored("id")
        try ImportIdentity.checkUpdate(
            of: id, storedFormat: try stored("source_format"),
            firstAction: try stored("first_action", as: String?.self),
            by: content)
        if try stored("same", as: Bool.self) { return .unchanged(id: id) }
        let storedVersion = Date(timeIntervalSince1970: try stored("version_at", as: Double.self))
        if content.versionInstant < storedVersion {
            return .stale(id: id, storedVersion: storedVersion)
        }
        let revision = try stored("revision", as: Int.self) + 1
        let storedStatus = ArticleStatus(rawValue: try stored("status")) ?? status
        try await update(id: id, content, json: json, revision: revision, status: storedStatus)
        return .updated(id: id, revision: revision)
    }

    /// The new article's id, or nil when another transaction filed the same source first.
    func insert(_ content: ArticleContent, json: String, status: ArticleStatus) async throws -> Int64? {
        let refs = try await references(for: content)
        let columns = Columns(content)
        let inserted = try await session.value(
            """
            INSERT INTO articles (
                source_uri, source_format, slug, status, revision, headline, summary, byline, dateline,
                language, section_id, edition_id, page_id, supplement, published_at, published_precision,
                updated_at, updated_precision, version_at, content, body_text, created_at, modified_at)
            VALUES (
                \(content.source.uri), \(content.source.format), \(columns.slug), \(status.rawValue), 1,
                \(content.headline), \(content.summary), \(content.byline), \(columns.dateline), \(content.language),
                \(refs.section), \(refs.edition), \(refs.page), \(content.edition.supplement), \(columns.published),
                \(columns.publishedPrecision), \(columns.updated), \(columns.updatedPrecision), \(columns.version),
                \(json)::jsonb, \(content.bodyText), \(StoredTime.seconds(now)), \(StoredTime.seconds(now)))
            ON CONFLICT (source_uri) DO NOTHING
            RETURNING id
            """, as: Int64.self)
        guard let id = inserted else { return nil }
        try await writeDerived(id: id, content, json: json, revision: 1, status: status)
        return id
    }

    /// Replaces an article's copy as `revision`; its status stays `status`.
    func update(id: Int64, _ content: ArticleContent, json: String, revision: Int, status: ArticleStatus)
        async throws
    {
        let refs = try await references(for: content)
        let columns = Columns(content)
        try await session.execute(
            """
            UPDATE articles SET
                source_format = \(content.source.format), slug = \(columns.slug), revision = \(revision),
                headline = \(content.headline), summary = \(content.summary), byline = \(content.byline),
                dateline = \(columns.dateline), language = \(content.language), section_id = \(refs.section),
                edition_id = \(refs.edition), page_id = \(refs.page), supplement = \(content.edition.supplement),
                published_at = \(columns.published), published_precision = \(columns.publishedPrecision),
                updated_at = \(columns.updated), updated_precision = \(columns.updatedPrecision),
                version_at = \(columns.version), content = \(json)::jsonb, body_text = \(content.bodyText),
                modified_at = \(StoredTime.seconds(now))
            WHERE id = \(id)
            """)
        try await session.execute("DELETE FROM article_topics WHERE article_id = \(id)")
        try await session.execute("DELETE FROM article_authors WHERE article_id = \(id)")
        try await writeDerived(id: id, content, json: json, revision: revision, status: status)
    }

    /// The columns computed from the content rather than copied from it.
    struct Columns {
        let slug: String
        let dateline: String?
        let published: Int64
        let publishedPrecision: String
        let updated: Int64?
        let updatedPrecision: String?
        let version: Double

        init(_ content: ArticleContent) {
            slug = Slug(content.headline).rawValue
            dateline = content.dateline?.place
            published = StoredTime.seconds(content.published.instant)
            publishedPrecision = content.published.precision.rawValue
            updated = content.updated.map { StoredTime.seconds($0.instant) }
            updatedPrecision = content.updated?.precision.rawValue
            version = content.versionInstant.timeIntervalSince1970
        }
    }

    private func writeDerived(
        id: Int64, _ content: ArticleContent, json: String, revision: Int, status: ArticleStatus
    ) async throws {
        for (position, topic) in content.topics.enumerated() {
            let topicID = try await termID(.topics, name: topic.name, slug: topic.slug.rawValue)
            try await session.execute(
                """
                INSERT INTO article_topics (article_id, topic_id, position) VALUES (\(id), \(topicID), \(position))
                ON CONFLICT DO NOTHING
                """)
        }
        for (position, author) in content.authors.enumerated() {
            let authorID = try await authorID(author)
            try await session.execute(
                """
                INSERT INTO article_authors (article_id, author_id, position) VALUES (\(id), \(authorID), \(position))
                ON CONFLICT DO NOTHING
                """)
        }
        try await recordRevision(id: id, number: revision, json: json, status: status)
    }

    /// Stores revision `number` of an article: its copy, its status from then on, and who made it.
    func recordRevision(id: Int64, number: Int, json: String, status: ArticleStatus) async throws {
        try await session.execute(
            """
            INSERT INTO revisions (article_id, number, content, created_at, status, made_by, action)
            VALUES (\(id), \(number), \(json)::jsonb, \(StoredTime.seconds(now)), \(status.rawValue), \(madeBy), \(action))
            """)
    }

    struct References {
        var section: Int64
        var edition: Int64
        var page: Int64?
    }

    private func references(for content: ArticleContent) async throws -> References {
        try await references(section: content.section, edition: content.edition)
    }

    /// The ids of a section, an edition and its page, creating each on first use.
    func references(section: Section, edition: EditionReference) async throws -> References {
        let section = try await termID(.sections, name: section.name, slug: section.slug.rawValue)
        let region = edition.region ?? ""
        let editionID = try await findOrCreate(
            find: """
                SELECT id FROM editions
                WHERE publication = \(edition.publication) AND date = \(edition.date.iso) AND region = \(region)
                """,
            create: """
                INSERT INTO editions (publication, date, region) VALUES (\(edition.publication), \(edition.date.iso), \(region))
                ON CONFLICT (publication, date, region) DO NOTHING RETURNING id
                """)
        var pageID: Int64?
        if let page = edition.page {
            pageID = try await session.value(
                """
                INSERT INTO pages (edition_id, number, name) VALUES (\(editionID), \(page.number), \(page.name))
                ON CONFLICT (edition_id, number) DO UPDATE SET name = coalesce(excluded.name, pages.name)
                RETURNING id
                """, as: Int64.self)
        }
        return References(section: section, edition: editionID, page: pageID)
    }

    enum TermTable: String {
        case sections, topics
    }

    /// The id of a section or topic by slug, creating it on first use; the first spelling wins.
    func termID(_ table: TermTable, name: String, slug: String) async throws -> Int64 {
        return try await findOrCreate(
            find: "SELECT id FROM \(unescaped: table.rawValue) WHERE slug = \(slug)",
            create: """
                INSERT INTO \(unescaped: table.rawValue) (name, slug) VALUES (\(name), \(slug))
                ON CONFLICT (slug) DO NOTHING RETURNING id
                """)
    }

    /// The id of an author by slug, creating it on first use; the first spelling wins.
    func authorID(_ author: Author) async throws -> Int64 {
        try await findOrCreate(
            find: "SELECT id FROM authors WHERE slug = \(author.slug.rawValue)",
            create: """
                INSERT INTO authors (name, slug, kind) VALUES (\(author.name), \(author.slug.rawValue), \(author.kind.rawValue))
                ON CONFLICT (slug) DO NOTHING RETURNING id
                """)
    }

    /// Looks a row up and creates it when missing; when another transaction creates it at the
    /// same moment (`create` returns nothing), looks again and finds theirs.
    private func findOrCreate(find: PostgresQuery, create: PostgresQuery) async throws -> Int64 {
        if let id = try await session.value(find, as: Int64.self) { return id }
        if let id = try await session.value(create, as: Int64.self) { return id }
        guard let id = try await session.value(find, as: Int64.self) else {
            throw StoreError.database(operation: "filing a reference", message: "a row vanished while it was created")
        }
        return id
    }
}
