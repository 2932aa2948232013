import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func create(_ content: ArticleContent, status: ArticleStatus, by: Attribution) async throws -> Article {
        try WorkflowRules.checkCreate(status: status, by: by)
        let article = try content.prepareForStore().get()
        let id = try await perform("creating '\(content.headline)'") {
            try await database.write { db in
                let taken = try Int64.fetchOne(
                    db, sql: "SELECT id FROM articles WHERE source_uri = ?", arguments: [content.source.uri])
                if let taken {
                    throw StoreError.conflict("article \(taken) has the source URI '\(content.source.uri)' already")
                }
                var writer = ArticleWriter(db: db)
                writer.madeBy = by.actor
                writer.action = "article.create"
                let id = try writer.insert(article, status: status, now: Date())
                try Audit.record(
                    db, by, action: "article.create", articleID: id, detail: "\(status.rawValue): \(content.headline)")
                try Workflow.moveArchiveVersion(db)
                return id
            }
        }
        return try await storedArticle(id: id)
    }

    public func change(articleID id: Int64, _ change: ArticleChange, expectedRevision: Int?, by: Attribution)
        async throws -> Article
    {
        let edited = try change.preparedCopy()
        try await perform("changing article \(id)") {
            try await database.write { db in
                var workflow = try Workflow(db: db, id: id, by: by)
                if let expectedRevision, expectedRevision != workflow.revision {
                    throw StoreError.conflict(
                        "article \(id) is at revision \(workflow.revision), not \(expectedRevision): "
                            + "someone changed it since it was read")
                }
                try workflow.apply(change, edited: edited)
            }
        }
        return try await storedArticle(id: id)
    }

    public func publishDue(at date: Date) async throws -> [Int64] {
        let cutoff = StoredTime.seconds(date)
        let due = try await perform("looking for scheduled articles") {
            try await database.read { db in
                try Bool.fetchOne(db, sql: Workflow.dueSQL, arguments: [cutoff]) ?? false
            }
        }
        guard due else { return [] }
        return try await perform("publishing scheduled articles") {
            try await database.write { db in try Workflow.publishDue(db, cutoff: cutoff) }
        }
    }
}

/// Carries out the step `WorkflowRules` decides for one article, inside the caller's write transaction.
struct Workflow {
    let db: Database
    let id: Int64
    let by: Attribution
    let now = Date()
    private(set) var state: WorkflowState
    private let json: String

    init(db: Database, id: Int64, by: Attribution) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT status, revision, content, publish_at FROM articles WHERE id = ?", arguments: [id])
        else { throw StoreError.notFound("no article has id \(id)") }
        self.db = db
        self.id = id
        self.by = by
        self.json = try row.decode(forColumn: "content")
        let everPublished =
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM revisions WHERE article_id = ? AND status = 'published' LIMIT 1",
                arguments: [id]) ?? false
        self.state = WorkflowState(
            id: id, status: ArticleStatus(rawValue: try row.decode(forColumn: "status")) ?? .draft,
            revision: try row.decode(forColumn: "revision"),
            publishAt: try row.decode(Int64?.self, forColumn: "publish_at").map(StoredTime.instant),
            everPublished: everPublished, content: try ContentCoding.decode(json))
    }

    var revision: Int { state.revision }

    mutating func apply(_ change: ArticleChange, edited: PreparedArticle?) throws {
        let step = try WorkflowRules.step(for: change, edited: edited, on: state, by: by)
        guard let write = step.write else { return }
        switch write {
        case .rewrite(let revision, let cancelsSchedule):
            guard let edited else { return }
            var writer = ArticleWriter(db: db)
            writer.madeBy = by.actor
            writer.action = step.action
            try writer.update(id: id, edited, revision: revision, status: state.status, now: now)
            if cancelsSchedule {
                try db.execute(sql: "UPDATE articles SET publish_at = NULL WHERE id = ?", arguments: [id])
            }
            state.revision = revision
        case .setStatus(let status, let revision):
            try setStatus(status, revision: revision, action: step.action)
        case .retract(let note, let revision):
            try db.execute(
                sql: "UPDATE articles SET retraction_note = ?, retracted_at = ? WHERE id = ?",
                arguments: [note, StoredTime.seconds(now), id])
            try setStatus(.retracted, revision: revision, action: step.action)
        case .schedule(let date):
            try db.execute(
                sql: "UPDATE articles SET publish_at = ? WHERE id = ?", arguments: [StoredTime.seconds(date), id])
        case .addCorrection(let kind, let text):
            try db.execute(
                sql: "INSERT INTO corrections (article_id, kind, text, created_at) VALUES (?, ?, ?, ?)",
                arguments: [id, kind.rawValue, text, StoredTime.seconds(now)])
            try db.execute(
                sql: "UPDATE articles SET modified_at = ? WHERE id = ?", arguments: [StoredTime.seconds(now), id])
        }
        try Audit.record(db, by, action: step.action, articleID: id, detail: step.detail, at: now)
        if step.changesWhatReadersSee { try Self.moveArchiveVersion(db) }
    }

    /// A new status is a new revision: the same copy, numbered, with who made the change.
    private mutating func setStatus(_ newStatus: ArticleStatus, revision: Int, action: String) throws {
        try db.execute(
            sql: "UPDATE articles SET status = ?, revision = ?, publish_at = NULL, modified_at = ? WHERE id = ?",
            arguments: [newStatus.rawValue, revision, StoredTime.seconds(now), id])
        var writer = ArticleWriter(db: db)
        writer.madeBy = by.actor
        writer.action = action
        try writer.recordRevision(id: id, number: revision, status: newStatus, now: now)
        state.revision = revision
        state.status = newStatus
    }

    static let dueSQL = """
        SELECT 1 FROM articles WHERE publish_at IS NOT NULL AND publish_at <= ? AND status = 'draft' LIMIT 1
        """

    /// The conditional UPDATE behind `publishDue`: a draft whose time has come flips once, whoever
    /// gets the write lock first; the others find nothing left to do.
    static func publishDue(_ db: Database, cutoff: Int64) throws -> [Int64] {
        let now = Date()
        let rows = try Row.fetchAll(
            db,
            sql: """
                UPDATE articles SET status = 'published', revision = revision + 1, publish_at = NULL, modified_at = ?
                WHERE publish_at IS NOT NULL AND publish_at <= ? AND status = 'draft'
                RETURNING id, revision
                """,
            arguments: [StoredTime.seconds(now), cutoff])
        var writer = ArticleWriter(db: db)
        writer.madeBy = Attribution.scheduler.actor
        writer.action = ArticleChange.publish.action
        for row in rows {
            let id: Int64 = try row.decode(forColumn: "id")
            let revision: Int = try row.decode(forColumn: "revision")
            let (scheduledBy, writtenBy) = try credits(db, articleID: id)
            try writer.recordRevision(id: id, number: revision, status: .published, now: now)
            try Audit.record(
                db, .scheduler, action: writer.action, articleID: id,
                detail: WorkflowRules.scheduledPublicationDetail(
                    revision: revision, scheduledBy: scheduledBy, writtenBy: writtenBy),
                at: now)
        }
        if !rows.isEmpty { try moveArchiveVersion(db) }
        return try rows.map { try $0.decode(forColumn: "id") }
    }

    /// Who scheduled an article's publication, and who wrote the copy it publishes.
    private static func credits(_ db: Database, articleID id: Int64) throws -> (String?, String?) {
        let scheduled = ArticleChange.schedule(Date()).action
        let scheduledBy = try SQLRequest<String>(
            "SELECT actor FROM audit_log WHERE article_id = \(id) AND action = \(scheduled) ORDER BY id DESC LIMIT 1"
        ).fetchOne(db)
        let writtenBy = try SQLRequest<String>(
            """
            SELECT made_by FROM revisions WHERE article_id = \(id) AND action IN \(WorkflowRules.copyActions)
            ORDER BY number DESC LIMIT 1
            """
        ).fetchOne(db)
        return (scheduledBy, writtenBy)
    }

    static func moveArchiveVersion(_ db: Database) throws {
        try db.execute(sql: "UPDATE archive_version SET version = version + 1")
    }
}
