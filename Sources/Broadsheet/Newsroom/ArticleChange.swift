import Foundation

/// A change the newsroom makes to a stored article (`ArticleStore.change`).
///
/// Each is one transaction with its audit entry. Status changes make a revision (the same copy,
/// a new number, who did it), so the record shows every step; a correction and a schedule do not,
/// as they leave the copy and status alone.
public enum ArticleChange: Hashable, Sendable {
    /// New copy (a partial edit already merged by the caller). A revision when the copy differs.
    case edit(ArticleContent)
    /// Published now; clears a schedule. Only drafts (a published article is left as it is).
    case publish
    /// Published at this future instant by `publishDue`; replaces an earlier schedule. Drafts only.
    case schedule(Date)
    /// Back to a draft: off the site. Published articles only.
    case unpublish
    /// Off the site for good. If it was ever published, `note` stays public in its place.
    case retract(note: String)
    /// A dated public note. Published articles only.
    case correct(Correction.Kind, text: String)

    /// The audit log's name for it.
    public var action: String {
        switch self {
        case .edit: "article.edit"
        case .publish: "article.publish"
        case .schedule: "article.schedule"
        case .unpublish: "article.unpublish"
        case .retract: "article.retract"
        case .correct: "article.correct"
        }
    }
}

extension ArticleChange {
    /// An edit's new copy, checked and in its stored form (`prepareForStore`), worked out before a
    /// store opens its transaction; nil for the other changes.
    public func preparedCopy() throws(StoreError) -> PreparedArticle? {
        guard case .edit(let content) = self else { return nil }
        return try content.prepareForStore().get()
    }
}

extension ArticleStore {
    /// The article as stored after a newsroom write, or `StoreError.notFound`.
    public func storedArticle(id: Int64) async throws -> Article {
        guard let article = try await article(id: id) else { throw StoreError.notFound("no article has id \(id)") }
        return article
    }
}

/// The public notice left where a retracted article was.
public struct Retraction: Hashable, Sendable {
    public var note: String
    public var at: Date

    public init(note: String, at: Date) {
        self.note = note
        self.at = at
    }
}
