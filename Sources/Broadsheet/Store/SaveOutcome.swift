import Foundation

/// What `ArticleFiling.save` did with a version of a story.
public enum SaveOutcome: Hashable, Sendable {
    case created(id: Int64)
    case updated(id: Int64, revision: Int)
    case unchanged(id: Int64)
    /// The store already holds a newer version; this one was ignored.
    case stale(id: Int64, storedVersion: Date)

    public var articleID: Int64 {
        switch self {
        case .created(let id), .updated(let id, _), .unchanged(let id), .stale(let id, _): id
        }
    }
}

extension Result<SaveOutcome, StoreError> {
    /// Whether readers could see a difference: an article created or updated.
    public var changedArchive: Bool {
        switch self {
        case .success(.created), .success(.updated): true
        default: false
        }
    }
}
