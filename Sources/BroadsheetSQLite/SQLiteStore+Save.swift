import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func save(_ prepared: [Result<PreparedArticle, StoreError>], status: ArticleStatus) async throws
        -> [Result<SaveOutcome, StoreError>]
    {
        try await perform("saving \(prepared.count) articles") {
            let filedWords = filedWords
            let (outcomes, filed) = try await database.write { db in
                var writer = ArticleWriter(db: db)
                let vocabulary = VocabularyBatch(filedWords)
                writer.vocabulary = vocabulary
                writer.shared = SharedRowIDs()
                let now = Date()
                let outcomes = prepared.map { item in
                    item.flatMap { writer.saveAlone($0, status: status, now: now) }
                }
                if outcomes.contains(where: \.changedArchive) {
                    try db.execute(sql: "UPDATE archive_version SET version = version + 1")
                }
                return (outcomes, vocabulary.kept)
            }
            filedWords.add(filed)
            return outcomes
        }
    }

    public func archiveVersion() async throws -> Int64 {
        try await perform("reading the archive version") {
            try await database.read { db in
                try Int64.fetchOne(db, sql: "SELECT version FROM archive_version") ?? 0
            }
        }
    }

    public func changes(since version: Int64) async throws -> ArchiveChanges? {
        try await perform("reading what changed since version \(version)") {
            try await database.read { db in
                let current = try Int64.fetchOne(db, sql: "SELECT version FROM archive_version") ?? 0
                guard version <= current else { return nil }
                let rows = try Row.fetchAll(
                    db, sql: "SELECT kind, key FROM archive_changes WHERE position >= ?", arguments: [version])
                return ArchiveChanges(rows: rows.map { (kind: $0["kind"], key: $0["key"]) })
            }
        }
    }
}

/// The steps of filing one version of an article, all inside the caller's transaction.
struct ArticleWriter {
    let db: Database
    /// Who the revisions this writer makes are credited to, and why they were made.
    var madeBy = "import"
    var action = "import"
    /// When set, the vocabulary is filed with only the words this process has not filed before.
    var vocabulary: VocabularyBatch?
    /// When set, the shared rows' ids are looked up once a transaction (an import's batch).
    var shared: SharedRowIDs?

    /// Saves one article inside a savepoint of its own, so its failure undoes only its rows.
    func saveAlone(_ article: PreparedArticle, status: ArticleStatus, now: Date) -> Result<SaveOutcome, StoreError> {
        let content = article.content
        var outcome: SaveOutcome?
        vocabulary?.article = []
        shared?.dropArticle()
        do {
            try db.inSavepoint {
                outcome = try save(article, status: status, now: now)
                return .commit
            }
            if let vocabulary { vocabulary.kept += vocabulary.article }
            shared?.keepArticle()
        } catch let error as StoreError {
            shared?.dropArticle()
            return .failure(error)
        } catch {
            shared?.dropArticle()
            return .failure(
                .database(operation: "saving '\(content.source.uri)'", message: SQLiteStore.describe(error)))
        }
        guard let outcome else {
            return .failure(.database(operation: "saving '\(content.source.uri)'", message: "nothing was filed"))
        }
        return .success(outcome)
    }

    func save(_ article: PreparedArticle, status: ArticleStatus, now: Date) throws -> SaveOutcome {
        let (content, json) = (article.content, article.json)
        let stored = try Row.fetchOne(
            try db.cachedStatement(
                sql: """
                    SELECT id, revision, content, version_at, status, source_format,
                        (SELECT action FROM revisions WHERE article_id = articles.id AND number = 1) AS first_action
                    FROM articles WHERE source_uri = ?
                    """),
            arguments: [content.source.uri])
        guard let stored else {
            return .created(id: try insert(article, status: status, now: now))
        }
        let id: Int64 = try stored.decode(forColumn: "id")
        try ImportIdentity.checkUpdate(
            of: id, storedFormat: try stored.decode(forColumn: "source_format"),
            firstAction: try stored.decode(forColumn: "first_action"), by: content)
        if try stored.decode(String.self, forColumn: "content") == json { return .unchanged(id: id) }
        let storedVersion = Date(timeIntervalSince1970: try stored.decode(Double.self, forColumn: "version_at"))
        if content.versionInstant < storedVersion {
            return .stale(id: id, storedVersion: storedVersion)
        }
        let revision = try stored.decode(Int.self, forColumn: "revision") + 1
        let storedStatus = ArticleStatus(rawValue: try stored.decode(forColumn: "status")) ?? status
        try update(id: id, article, revision: revision, status: storedStatus, now: now)
        return .updated(id: id, revision: revision)
    }

    func insert(_ article: PreparedArticle, status: ArticleStatus, now: Date) throws -> Int64 {
        let (content, json) = (article.content, article.json)
        let refs = try references(section: content.section, edition: content.edition)
        try execute(
            """
            INSERT INTO articles (
                source_uri, source_format, slug, status, revision, headline, summary, byline, dateline,
                language, section_id, edition_id, page_id, supplement, published_at, published_precision,
                updated_at, updated_precision, version_at, content, created_at, modified_at)
            VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [content.source.uri, content.source.format, Slug(content.headline).rawValue, status.rawValue]
                + columns(content, refs: refs) + [json, StoredTime.seconds(now), StoredTime.seconds(now)])
        let id = db.lastInsertedRowID
        try writeDerived(id: id, article, revision: 1, status: status, now: now)
        return id
    }

    /// Replaces an article's copy as `revision`; its status stays `status`.
    func update(id: Int64, _ article: PreparedArticle, revision: Int, status: ArticleStatus, now: Date) throws {
        let (content, json) = (article.content, article.json)
        let refs = try references(section: content.section, edition: content.edition)
        try keepPreviousCopy(id: id)
        // The index reads the words to take out from the row as it still is (`ArticleSearchText`).
        try removeFromSearch(id: id)
        try execute(
            """
            UPDATE articles SET
                source_format = ?, slug = ?, revision = ?, headline = ?, summary = ?, byline = ?,
                dateline = ?, language = ?, section_id = ?, edition_id = ?, page_id = ?, supplement = ?,
                published_at = ?, published_precision = ?, updated_at = ?, updated_precision = ?,
                version_at = ?, content = ?, modified_at = ?
            WHERE id = ?
            """,
            arguments: [content.source.format, Slug(content.headline).rawValue, revision]
                + columns(content, refs: refs) + [json, StoredTime.seconds(now), id])
        try execute("DELETE FROM article_topics WHERE article_id = ?", arguments: [id])
        try execute("DELETE FROM article_authors WHERE article_id = ?", arguments: [id])
        try writeDerived(id: id, article, revision: revision, status: status, now: now)
    }

    /// The columns from `headline` to `version_at`, in the order both statements list them.
    func columns(_ content: ArticleContent, refs: References) -> StatementArguments {
        [
            content.headline, content.summary, content.byline, content.dateline?.place, content.language,
            refs.section, refs.edition, refs.page, content.edition.supplement,
            StoredTime.seconds(content.published.instant), content.published.precision.rawValue,
            content.updated.map { StoredTime.seconds($0.instant) }, content.updated?.precision.rawValue,
            content.versionInstant.timeIntervalSince1970,
        ]
    }

    private func writeDerived(id: Int64, _ article: PreparedArticle, revision: Int, status: ArticleStatus, now: Date)
        throws
    {
        let content = article.content
        for (position, topic) in content.topics.enumerated() {
            let topicID = try upsertTerm(table: "topics", name: topic.name, slug: topic.slug)
            try execute(
                "INSERT OR IGNORE INTO article_topics (article_id, topic_id, position) VALUES (?, ?, ?)",
                arguments: [id, topicID, position])
        }
        for (position, author) in content.authors.enumerated() {
            let authorID = try upsertAuthor(author)
            try execute(
                "INSERT OR IGNORE INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)",
                arguments: [id, authorID, position])
        }
        try recordRevision(id: id, number: revision, status: status, now: now)
        try indexForSearch(id: id, content, words: article.words)
    }

    /// Stores revision `number` of an article, whose copy is the article's current one (so NULL
    /// here), with its status from then on and who made it; the revision before takes its copy.
    func recordRevision(id: Int64, number: Int, status: ArticleStatus, now: Date) throws {
        if number > 1 { try keepPreviousCopy(id: id) }
        try execute(
            """
            INSERT INTO revisions (article_id, number, content, created_at, status, made_by, action)
            VALUES (?, ?, NULL, ?, ?, ?, ?)
            """,
            arguments: [id, number, StoredTime.seconds(now), status.rawValue, madeBy, action])
    }

    /// Gives the newest revision its own copy of the article's content, before the article's
    /// content or revision moves on: a revision's NULL copy means "the article's current one".
    func keepPreviousCopy(id: Int64) throws {
        try execute(
            """
            UPDATE revisions SET content = (SELECT content FROM articles WHERE id = ?)
            WHERE article_id = ? AND content IS NULL
            """,
            arguments: [id, id])
    }

    struct References {
        var section: Int64
        var edition: Int64
        var page: Int64?
    }

    /// The ids of the section, edition and page rows, each created on first use.
    func references(section: Section, edition: EditionReference) throws -> References {
        let section = try upsertTerm(table: "sections", name: section.name, slug: section.slug)
        let editionID = try editionID(edition)
        var pageID: Int64?
        if let page = edition.page {
            try execute(
                """
                INSERT INTO pages (edition_id, number, name) VALUES (?, ?, ?)
                ON CONFLICT (edition_id, number) DO UPDATE SET name = coalesce(excluded.name, name)
                """,
                arguments: [editionID, page.number, page.name])
            pageID = try fetchID(
                "SELECT id FROM pages WHERE edition_id = ? AND number = ?", arguments: [editionID, page.number])
        }
        return References(section: section, edition: editionID, page: pageID)
    }

    private func editionID(_ edition: EditionReference) throws -> Int64 {
        let region = edition.region ?? ""
        return try remembered(.edition(publication: edition.publication, date: edition.date.iso, region: region)) {
            try execute(
                "INSERT OR IGNORE INTO editions (publication, date, region) VALUES (?, ?, ?)",
                arguments: [edition.publication, edition.date.iso, region])
            return try fetchID(
                "SELECT id FROM editions WHERE publication = ? AND date = ? AND region = ?",
                arguments: [edition.publication, edition.date.iso, region])!
        }
    }

    /// The id of a section or topic by slug, creating it on first use; the first spelling wins.
    func upsertTerm(table: String, name: String, slug: Slug) throws -> Int64 {
        try remembered(table == "sections" ? .section(slug.rawValue) : .topic(slug.rawValue)) {
            // `table` is one of our own constants, never user input.
            if let id = try fetchID("SELECT id FROM \(table) WHERE slug = ?", arguments: [slug.rawValue]) {
                return id
            }
            try execute("INSERT INTO \(table) (name, slug) VALUES (?, ?)", arguments: [name, slug.rawValue])
            return db.lastInsertedRowID
        }
    }

    func upsertAuthor(_ author: Author) throws -> Int64 {
        try remembered(.author(author.slug.rawValue)) {
            if let id = try fetchID("SELECT id FROM authors WHERE slug = ?", arguments: [author.slug.rawValue]) {
                return id
            }
            try execute(
                "INSERT INTO authors (name, slug, kind) VALUES (?, ?, ?)",
                arguments: [author.name, author.slug.rawValue, author.kind.rawValue])
            return db.lastInsertedRowID
        }
    }

    /// The id `shared` holds for `key`, else the one `find` looks up or creates, noted there.
    private func remembered(_ key: SharedRowIDs.Key, _ find: () throws -> Int64) throws -> Int64 {
        if let id = shared?[key] { return id }
        let id = try find()
        shared?.note(key, id)
        return id
    }

    /// Runs one of this writer's statements, compiled once per connection.
    func execute(_ sql: String, arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    func fetchID(_ sql: String, arguments: StatementArguments) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}
