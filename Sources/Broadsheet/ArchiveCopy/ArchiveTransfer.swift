import Foundation

/// A store whose whole archive can be read and written record by record, ids kept: what
/// `broadsheet db copy` needs of the store on each side. SQLite and PostgreSQL implement it.
///
/// A copy reads the source in id order, a batch at a time, and writes each batch to the target in
/// one transaction. An interrupted copy resumes from the target's `archiveCensus().lastIDs`: every
/// batch is whole or absent, so the highest stored id of a part is exactly where it stopped.
///
/// An implementation provides:
/// - `archiveCensus()`: how many records of each part the archive holds and the highest id of each;
/// - `archived(_:after:limit:)`: up to `limit` records of a part with ids above `after`, ascending,
///   articles complete with their revisions, corrections and links;
/// - `restore(_:)`: one transaction that inserts the batch's records with their own ids, skips any
///   whose id is stored already (so writing a batch twice is harmless), fills the search index for
///   each article, moves `archiveVersion` once, and leaves the store's id generators above the
///   ids it inserted (PostgreSQL: `setval` on the sequences), so new records do not collide.
public protocol ArchiveTransfer: ArticleStore {
    func archiveCensus() async throws -> ArchiveCensus
    func archived(_ part: ArchivePart, after id: Int64, limit: Int) async throws -> ArchiveBatch
    func restore(_ batch: ArchiveBatch) async throws
}

/// The kinds of record a copy moves, in the order it moves them: accounts before the tokens
/// that belong to them; printed pages before the articles, whose regions (which go with each
/// article) stand on them; the audit log last, as it speaks of the others.
public enum ArchivePart: String, Hashable, Sendable, CaseIterable {
    case users, tokens, printedPages, articles, audit

    /// How a person reads the part's name: "accounts", "audit entries".
    public var noun: String {
        switch self {
        case .users: "accounts"
        case .tokens: "tokens"
        case .articles: "articles"
        case .printedPages: "printed pages"
        case .audit: "audit entries"
        }
    }

    /// One record of the part: "its account 3".
    public var singular: String {
        switch self {
        case .users: "account"
        case .tokens: "token"
        case .articles: "article"
        case .printedPages: "printed page"
        case .audit: "audit entry"
        }
    }

    /// The table holding the part's records, whose `id` column a copy keeps: both stores' schemas
    /// share their table names.
    public var table: String {
        switch self {
        case .users: "users"
        case .tokens: "api_tokens"
        case .articles: "articles"
        case .printedPages: "printed_pages"
        case .audit: "audit_log"
        }
    }

    /// "1 account", "3 audit entries".
    public func counted(_ count: Int) -> String {
        "\(count) " + (count == 1 ? singular : noun)
    }
}

/// Records of one part, in ascending id order.
public enum ArchiveBatch: Hashable, Sendable {
    case users([User])
    case tokens([ArchivedToken])
    case articles([ArchivedArticle])
    case printedPages([ArchivedPrintedPage])
    case audit([AuditEntry])

    public var part: ArchivePart {
        switch self {
        case .users: .users
        case .tokens: .tokens
        case .articles: .articles
        case .printedPages: .printedPages
        case .audit: .audit
        }
    }

    /// Each record's id and what identifies it beyond its id, in words: two archives that hold
    /// the same record under one id agree on it. The instant a store first kept a record is part
    /// of it, so the same files imported into two stores still make two archives.
    public var identities: [(id: Int64, identity: String)] {
        func filed(_ date: Date) -> String { date.formatted(.iso8601) }
        return switch self {
        case .users(let users): users.map { ($0.id, "'\($0.name)' (added \(filed($0.createdAt)))") }
        case .tokens(let tokens):
            tokens.map {
                ($0.token.id, "'\($0.token.label)' of '\($0.token.userName)' (made \(filed($0.token.createdAt)))")
            }
        case .articles(let articles):
            articles.map { ($0.id, "'\($0.content.source.uri)' (filed \(filed($0.createdAt)))") }
        case .printedPages(let pages):
            pages.map { ($0.id, "page \($0.page.number) of '\($0.publication)' of \($0.page.date.iso)") }
        // A log line's instant is left out: stores keep sub-second times to different precisions.
        case .audit(let entries): entries.map { ($0.id, "'\($0.action)' by '\($0.actor)': \($0.detail)") }
        }
    }

    public var ids: [Int64] { identities.map(\.id) }
    public var count: Int { ids.count }
}

/// How much of each part an archive holds, and the highest id of each.
public struct ArchiveCensus: Hashable, Sendable {
    public var counts: [ArchivePart: Int]
    /// Absent for an empty part.
    public var lastIDs: [ArchivePart: Int64]

    public init(counts: [ArchivePart: Int], lastIDs: [ArchivePart: Int64]) {
        self.counts = counts
        self.lastIDs = lastIDs
    }

    public var total: Int { counts.values.reduce(0, +) }
    public subscript(part: ArchivePart) -> Int { counts[part] ?? 0 }
}
