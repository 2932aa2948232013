import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    public func create(_ content: ArticleContent, status: ArticleStatus, by: Attribution) async throws -> Article {
        try WorkflowRules.checkCreate(status: status, by: by)
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
        let cutoff = StoredTime.seconds(date)
        let due = try await read("looking for scheduled articles") { session in
            try await session.value(PostgresWorkflow.dueSQL(cutoff: cutoff), as: Int32.self) != nil
        }
        guard due else { return [] }
        return try await write("publishing scheduled articles") { session in
            try await PostgresWorkflow.publishDue(session, cutoff: cutoff)
        }
    }
}

/// Carries out the step `WorkflowRules` decides for one article, inside the caller's write transaction.
struct PostgresWorkflow {
    let session: PostgresSession
    let id: Int64
    let by: Attribution
    let now = Date()
    private(set) var state: WorkflowState
    private let json: String

    /// Reads the article and locks its row until the transaction ends.
    init(session: PostgresSession, id: Int64, by: Attribution) async throws {
        guard
            let row = try await session.row(
                """
                SELECT status, revision, content::text AS content, publish_at,
                    EXISTS (SELECT 1 FROM revisions WHERE article_id = \(id) AND status = 'published') AS ever_published
                FROM articles WHERE id = \(id) FOR UPDATE
                """)
        else { throw StoreError.notFound("no article has id \(id)") }
        self.session = session
        self.id = id
        self.by = by
        self.json = try row("content")
        self.state = WorkflowState(
            id: id, status: ArticleStatus(rawValue: try row("status")) ?? .draft, revision: try row("revision"),
            publishAt: try row("publish_at", as: Int64?.self).map(StoredTime.instant),
            everPublished: try row("ever_published"), content: try ContentCoding.decode(json))
    }

    var revision: Int { state.revision }

    mutating func apply(_ change: ArticleChange, edited: PreparedArticle?) async throws {
        let step = try WorkflowRules.step(for: change, edited: edited, on: state, by: by)
        guard let write = step.write else { return }
        switch write {
        case .rewrite(let revision, let cancelsSchedule):
            guard let edited else { return }
            var writer = PostgresArticleWriter(session: session, now: now)
            writer.madeBy = by.actor
            writer.action = step.action
            try await writer.update(id: id, edited.content, json: edited.json, revision: revision, status: state.status)
            if cancelsSchedule { try await session.execute("UPDATE articles SET publish_at = NULL WHERE id = \(id)") }
            state.revision = revision
        case .setStatus(let status, let revision):
            try await setStatus(status, revision: revision, action: step.action)
        case .retract(let note, let revision):
            try await session.execute(
                "UPDATE articles SET retraction_note = \(note), retracted_at = \(StoredTime.seconds(now)) WHERE id = \(id)"
            )
            try await setStatus(.retracted, revision: revision, action: step.action)
        case .schedule(let date):
            try await session.execute("UPDATE articles SET publish_at = \(StoredTime.seconds(date)) WHERE id = \(id)")
        case .addCorrection(let kind, let text):
            try await session.execute(
                """
                INSERT INTO corrections (article_id, kind, text, created_at)
                VALUES (\(id), \(kind.rawValue), \(text), \(StoredTime.seconds(now)))
                """)
            try await session.execute("UPDATE articles SET modified_at = \(StoredTime.seconds(now)) WHERE id = \(id)")
        }
        try await PostgresAudit.record(session, by, action: step.action, articleID: id, detail: step.detail, at: now)
        if step.changesWhatReadersSee { try await PostgresStore.bumpArchiveVersion(session) }
    }

    /// A new status is a new revision: the same copy, numbered, with who made the change.
    private mutating func setStatus(_ newStatus: ArticleStatus, revision: Int, action: String) async throws {
        try await session.execute(
            """
            UPDATE articles SET status = \(newStatus.rawValue), revision = \(revision), publish_at = NULL,
                modified_at = \(StoredTime.seconds(now))
            WHERE id = \(id)
            """)
        var writer = PostgresArticleWriter(session: session, now: now)
        writer.madeBy = by.actor
        writer.action = action
        try await writer.recordRevision(id: id, number: revision, json: json, status: newStatus)
        state.revision = revision
        state.status = newStatus
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
                modified_at = \(StoredTime.seconds(now))
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
            let credits = try await session.row(
                """
                SELECT (SELECT actor FROM audit_log WHERE article_id = \(id) AND action = 'article.schedule'
                        ORDER BY id DESC LIMIT 1) AS scheduled_by,
                    (SELECT made_by FROM revisions WHERE article_id = \(id) AND action = ANY(\(WorkflowRules.copyActions))
                        ORDER BY number DESC LIMIT 1) AS written_by
                """)
            try await writer.recordRevision(id: id, number: revision, json: try row("content"), status: .published)
            try await PostgresAudit.record(
                session, .scheduler, action: writer.action, articleID: id,
                detail: WorkflowRules.scheduledPublicationDetail(
                    revision: revision, scheduledBy: try credits?("scheduled_by", as: String?.self),
                    writtenBy: try credits?("written_by", as: String?.self)),
                at: now)
            ids.append(id)
        }
        if !ids.isEmpty { try await PostgresStore.bumpArchiveVersion(session) }
        return ids
    }
}
