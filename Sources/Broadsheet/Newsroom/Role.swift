/// What a newsroom account may do. Each role may do everything the one before it may.
///
/// A contributor files and edits drafts; an editor also decides what readers see (publishes,
/// unpublishes, corrects, retracts, imports batches); an admin also manages accounts and reads
/// the audit log.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case contributor, editor, admin

    private var rank: Int {
        switch self {
        case .contributor: 0
        case .editor: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Whether this role may do `action`.
    public func may(_ action: NewsroomAction) -> Bool { self >= action.leastRole }
}

/// Everything the newsroom's API and command line guard, with the least role each needs.
public enum NewsroomAction: String, Hashable, Sendable, CaseIterable {
    /// Read drafts and retracted articles, list articles of any status, see revisions.
    case readUnpublished
    case createDraft
    /// Edit an article that is still a draft.
    case editDraft
    /// Edit an article readers can see: its copy changes in public.
    case editPublished
    case publish, unpublish, correct, retract
    case importBatch
    case manageAccounts
    case readAudit

    /// What it lets one do, for messages: "may not publish".
    public var description: String {
        switch self {
        case .readUnpublished: "read unpublished articles"
        case .createDraft: "create drafts"
        case .editDraft: "edit drafts"
        case .editPublished: "edit published articles"
        case .publish: "publish"
        case .unpublish: "unpublish"
        case .correct: "add corrections"
        case .retract: "retract articles"
        case .importBatch: "import batches"
        case .manageAccounts: "manage accounts"
        case .readAudit: "read the audit log"
        }
    }

    public var leastRole: Role {
        switch self {
        case .readUnpublished, .createDraft, .editDraft: .contributor
        case .editPublished, .publish, .unpublish, .correct, .retract, .importBatch: .editor
        case .manageAccounts, .readAudit: .admin
        }
    }
}
