import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func create(_ content: ArticleContent, status: ArticleStatus, by: Attribution) async throws -> Article {
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
        let cutoff = ArticleWriter.seconds(date)
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

/// One newsroom change to one article, inside the caller's write transaction.
struct Workflow {
    let db: Database
    let id: Int64
    let by: Attribution
    let now = Date()
    private(set) var status: ArticleStatus
    private(set) var revision: Int
    private let json: String

    init(db: Database, id: Int64, by: Attribution) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT status, revision, content FROM articles WHERE id = ?", arguments: [id])
        else { throw StoreError.notFound("no article has id \(id)") }
        self.db = db
        self.id = id
        self.by = by
        self.status = ArticleStatus(rawValue: row["status"]) ?? .draft
        self.revision = row["revision"]
        self.json = row["content"]
    }

    mutating func apply(_ change: ArticleChange, edited: PreparedArticle?) throws {
        switch change {
        case .edit:
            guard let edited else { return }
            try edit(edited)
        case .publish:
            if status == .published { return }
            try require(.draft, "published")
            try setStatus(.published, action: change.action, detail: "published")
        case .schedule(let date):
            try require(.draft, "scheduled")
            try db.execute(
                sql: "UPDATE articles SET publish_at = ? WHERE id = ?", arguments: [ArticleWriter.seconds(date), id])
            try Audit.record(
                db, by, action: change.action, articleID: id, detail: "to publish at \(date.formatted(.iso8601))",
                at: now)
        case .unpublish:
            try require(.published, "unpublished")
            try setStatus(.draft, action: change.action, detail: "back to draft")
        case .retract(let note):
            guard status != .retracted else { throw StoreError.conflict("article \(id) is retracted already") }
            let everPublished =
                try status == .published
                || Bool.fetchOne(
                    db, sql: "SELECT 1 FROM revisions WHERE article_id = ? AND status = 'published' LIMIT 1",
                    arguments: [id]) ?? false
            try db.execute(
                sql: "UPDATE articles SET retraction_note = ?, retracted_at = ? WHERE id = ?",
                arguments: [everPublished ? note : nil, ArticleWriter.seconds(now), id])
            try setStatus(
                .retracted, action: change.action,
                detail: everPublished ? "retracted with a public note: \(note)" : "withdrawn before publication")
        case .correct(let kind, let text):
            try require(.published, "corrected")
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw StoreError.invalidContent(field: "text", reason: "must not be empty") }
            try db.execute(
                sql: "INSERT INTO corrections (article_id, kind, text, created_at) VALUES (?, ?, ?, ?)",
                arguments: [id, kind.rawValue, text, ArticleWriter.seconds(now)])
            try db.execute(
                sql: "UPDATE articles SET modified_at = ? WHERE id = ?", arguments: [ArticleWriter.seconds(now), id])
            try Audit.record(db, by, action: change.action, articleID: id, detail: "\(kind.rawValue): \(text)", at: now)
            try Self.moveArchiveVersion(db)
        }
    }

    private mutating func edit(_ article: PreparedArticle) throws {
        let content = article.content
        guard status != .retracted else { throw StoreError.conflict("article \(id) is retracted; it cannot be edited") }
        guard article.json != json else { return }
        let old = try ContentCoding.decode(json)
        var writer = ArticleWriter(db: db)
        writer.madeBy = by.actor
        writer.action = ArticleChange.edit(content).action
        revision += 1
        try writer.update(id: id, article, revision: revision, status: status, now: now)
        try Audit.record(
            db, by, action: writer.action, articleID: id,
            detail: "revision \(revision): " + content.changedFields(comparedTo: old).joined(separator: ", "), at: now)
        try Self.moveArchiveVersion(db)
    }

    private func require(_ needed: ArticleStatus, _ done: String) throws {
        guard status == needed else {
            throw StoreError.conflict(
                "article \(id) is \(status.rawValue); only a \(needed.rawValue) article can be \(done)")
        }
    }

    /// A new status is a new revision: the same copy, numbered, with who made the change.
    private mutating func setStatus(_ newStatus: ArticleStatus, action: String, detail: String) throws {
        revision += 1
        status = newStatus
        try db.execute(
            sql: "UPDATE articles SET status = ?, revision = ?, publish_at = NULL, modified_at = ? WHERE id = ?",
            arguments: [newStatus.rawValue, revision, ArticleWriter.seconds(now), id])
        var writer = ArticleWriter(db: db)
        writer.madeBy = by.actor
        writer.action = action
        try writer.recordRevision(id: id, number: revision, json: json, status: newStatus, now: now)
        try Audit.record(db, by, action: action, articleID: id, detail: "revision \(revision): \(detail)", at: now)
        try Self.moveArchiveVersion(db)
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
                RETURNING id, revision, content
                """,
            arguments: [ArticleWriter.seconds(now), cutoff])
        var writer = ArticleWriter(db: db)
        writer.madeBy = Attribution.scheduler.actor
        writer.action = ArticleChange.publish.action
        for row in rows {
            let id: Int64 = row["id"]
            let revision: Int = row["revision"]
            try writer.recordRevision(id: id, number: revision, json: row["content"], status: .published, now: now)
            try Audit.record(
                db, .scheduler, action: writer.action, articleID: id,
                detail: "revision \(revision): published as scheduled", at: now)
        }
        if !rows.isEmpty { try moveArchiveVersion(db) }
        return rows.map { $0["id"] }
    }

    static func moveArchiveVersion(_ db: Database) throws {
        try db.execute(sql: "UPDATE archive_version SET version = version + 1")
    }
}
