import Broadsheet
import Foundation

/// Drafts a reporter handed to the editors. A submission is an audit line (`article.submit`), so
/// it needs no status of its own and leaves the workflow's states as the API knows them.
struct DeskSubmissions {
    static let action = "article.submit"
    /// How far back in the audit log the desk looks for submissions.
    static let window = 1000
    let store: any ArticleStore

    /// The latest submission of `articleID`, if one is in the window.
    func latest(for articleID: Int64) async throws -> AuditEntry? {
        try await store.auditLog(limit: Self.window, before: nil).first {
            $0.action == Self.action && $0.articleID == articleID
        }
    }

    /// The ids of submitted articles, most recently submitted first, each once.
    func submittedIDs() async throws -> [Int64] {
        var seen: Set<Int64> = []
        var ids: [Int64] = []
        for entry in try await store.auditLog(limit: Self.window, before: nil) where entry.action == Self.action {
            guard let id = entry.articleID, seen.insert(id).inserted else { continue }
            ids.append(id)
        }
        return ids
    }
}
