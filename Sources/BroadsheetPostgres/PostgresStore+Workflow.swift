import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    public func create(_ content: ArticleContent, status: ArticleStatus, by: Attribution) async throws -> Article {
        let json = try content.prepareForStore().get().json
        let id = try await write("creating '\(content.headline)'") { session in
            var writer = PostgresArticleWriter(session: session, now: Date())
            writer.madeBy = by.actor
            writer.action = "article.create"
            // The insert skips a taken source URI, so two servers creating the same story cannot both win.
            guard let id = try await writer.insert(content, json: json, status: status) else {
                let taken = try await session.value(
                    "SELECT id FROM articles WHERE source_uri = \(content.source.uri)", as: Int64.self)
                throw StoreError.conflict(
                    "article \(taken.map(String.init) ?? "?") has the source URI '\(content.source.uri)' already")
            }
            try await PostgresAudit.record(
                session, by, action: "article.create", articleID: id, detail: "\(status.rawValue): \(content.headline)",
                at: writer.now)
            try await Self.bumpArchiveVersion(session)
            return id
        }
        return try await storedArticle(id: id)
    }

    public func change(articleID id: Int64, _ change: ArticleChange, expectedRevision: Int?, by: Attribution)
        async throws -> Article
    {
        let edited = try change.preparedCopy()
        try await write("changing article \(id)") { session in
            // The row stays locked to the end of the transaction, so the revision checked here is
            // the one the change builds on, whichever server another editor uses.
            var workflow = try await PostgresWorkflow(session: session, id: id, by: by)
            if let expectedRevision, expectedRevision != workflow.revision {
                throw StoreError.conflict(
                    "article \(id) is at revision \(workflow.revision), not \(expectedRevision): "
                        + "someone changed it since it was read")
            }
            try await workflow.apply(change, edited: edited)
        }
        return try await storedArticle(id: id)
    }

    public func publishDue(at date: Date) async throws -> [Int64] {
        let cutoff = date.unixSeconds
        let due = try await read("looking for scheduled articles") { session in
            try await session.value(PostgresWorkflow.dueSQL(cutoff: cutoff), as: Int32.self) != nil
        }
        guard due else { return [] }
        return try await write("publishing scheduled articles") { session in
            try await PostgresWorkflow.publishDue(session, cutoff: cutoff)
        }
    }
}

/// One newsroom change to one article, inside the caller's write transaction.
struct PostgresWorkflow {
    let session: PostgresSession
    let id: Int64
    let by: Attribution
    let now = Date()
    private(set) var status: ArticleStatus
    private(set) var revision: Int
    private let json: String

    /// Reads the article and locks its row until the transaction ends.
    init(session: PostgresSession, id: Int64, by: Attribution) async throws {
        guard
            let row = try await session.row(
                "SELECT status, revision, content::text AS content FROM articles WHERE id = \(id) FOR UPDATE")
        else { throw StoreError.notFound("no article has id \(id)") }
        self.session = session
        self.id = id
        self.by = by
        self.status = ArticleStatus(rawValue: try row("status")) ?? .draft
        self.revision = try row("revision")
        self.json = try row("content")
    }

    mutating func apply(_ change: ArticleChange, edited: PreparedArticle?) async throws {
        switch change {
        case .edit:
            guard let edited else { return }
            try await edit(edited.content, json: edited.json)
        case .publish:
            if status == .published { return }
            try require(.draft, "published")
            try await setStatus(.published, action: change.action, detail: "published")
        case .schedule(let date):
            try require(.draft, "scheduled")
            try await session.execute("UPDATE articles SET publish_at = \(date.unixSeconds) WHERE id = \(id)")
            try await audit(change.action, detail: "to publish at \(date.formatted(.iso8601))")
        case .unpublish:
            try require(.published, "unpublished")
            try await setStatus(.draft, action: change.action, detail: "back to draft")
        case .retract(let note):
            try await retract(note: note, action: change.action)
        case .correct(let kind, let text):
            try require(.published, "corrected")
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw StoreError.invalidContent(field: "text", reason: "must not be empty") }
            try await session.execute(
                """
                INSERT INTO corrections (article_id, kind, text, created_at)
                VALUES (\(id), \(kind.rawValue), \(text), \(now.unixSeconds))
                """)
            try await session.execute("UPDATE articles SET modified_at = \(now.unixSeconds) WHERE id = \(id)")
            try await audit(change.action, detail: "\(kind.rawValue): \(text)")
            try await PostgresStore.bumpArchiveVersion(session)
        }
    }

    private mutating func retract(note: String, action: String) async throws {
        guard status != .retracted else { throw StoreError.conflict("article \(id) is retracted already") }
        var everPublished = status == .published
        if !everPublished {
            everPublished =
                try await session.value(
                    "SELECT 1 FROM revisions WHERE article_id = \(id) AND status = 'published' LIMIT 1",
                    as: Int32.self) != nil
        }
        try await session.execute(
            """
            UPDATE articles SET retraction_note = \(everPublished ? note : nil), retracted_at = \(now.unixSeconds)
            WHERE id = \(id)
            """)
        try await setStatus(
            .retracted, action: action,
            detail: everPublished ? "retracted with a public note: \(note)" : "withdrawn before publication")
    }

    private mutating func edit(_ content: ArticleContent, json newJSON: String) async throws {
        guard status != .retracted else { throw StoreError.conflict("article \(id) is retracted; it cannot be edited") }
        let old = try ContentCoding.decode(json)
        // jsonb reorders keys, so the copies are compared as content, not as text.
        guard old != content else { return }
        var writer = PostgresArticleWriter(session: session, now: now)
        writer.madeBy = by.actor
        writer.action = ArticleChange.edit(content).action
        revision += 1
        try await writer.update(id: id, content, json: newJSON, revision: revision, status: status)
        try await audit(
            writer.action,
            detail: "revision \(revision): " + content.changedFields(comparedTo: old).joined(separator: ", "))
        try await PostgresStore.bumpArchiveVersion(session)
    }

    private func require(_ needed: ArticleStatus, _ done: String) throws {
        guard status == needed else {
            throw StoreError.conflict(
                "article \(id) is \(status.rawValue); only a \(needed.rawValue) article can be \(done)")
        }
    }

    private func audit(_ action: String, detail: String) async throws {
        try await PostgresAudit.record(session, by, action: action, articleID: id, detail: detail, at: now)
    }

    /// A new status is a new revision: the same copy, numbered, with who made the change.
    private mutating func setStatus(_ newStatus: ArticleStatus, action: String, detail: String) async throws {
        revision += 1
        status = newStatus
        try await session.execute(
            """
            UPDATE articles SET status = \(newStatus.rawValue), revision = \(revision), publish_at = NULL,
                modified_at = \(now.unixSeconds)
            WHERE id = \(id)
            """)
        var writer = PostgresArticleWriter(session: session, now: now)
        writer.madeBy = by.actor
        writer.action = action
        try await writer.recordRevision(id: id, number: revision, json: json, status: newStatus)
        try await audit(action, detail: "revision \(revision): \(detail)")
        try await PostgresStore.bumpArchiveVersion(session)
    }

    static func dueSQL(cutoff: Int64) -> PostgresQuery {
        "SELECT 1 FROM articles WHERE publish_at IS NOT NULL AND publish_at <= \(cutoff) AND status = 'draft' LIMIT 1"
    }

    /// The conditional UPDATE behind `publishDue`. When two servers run it at once, the second
    /// waits for the first's row locks and then re-reads each row: a draft the first published no
    /// longer matches, so each article is published by exactly one of them.
    static func publishDue(_ session: PostgresSession, cutoff: Int64) async throws -> [Int64] {
        let now = Date()
        let rows = try await session.rows(
            """
            UPDATE articles SET status = 'published', revision = revision + 1, publish_at = NULL,
                modified_at = \(now.unixSeconds)
            WHERE publish_at IS NOT NULL AND publish_at <= \(cutoff) AND status = 'draft'
            RETURNING id, revision, content::text AS content
            """)
        var writer = PostgresArticleWriter(session: session, now: now)
        writer.madeBy = Attribution.scheduler.actor
        writer.action = ArticleChange.publish.action
        var ids: [Int64] = []
        for row in rows {
            let id: Int64 = try row("id")
            let revision: Int = try row("revision")
            try await writer.recordRevision(id: id, number: revision, json: try row("content"), status: .published)
            try await PostgresAudit.record(
                session, .scheduler, action: writer.action, articleID: id,
                detail: "revision \(revision): published as scheduled", at: now)
            ids.append(id)
        }
        if !ids.isEmpty { try await PostgresStore.bumpArchiveVersion(session) }
        return ids
    }
}
