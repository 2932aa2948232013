import Foundation

/// What the newsroom's rules look at in a stored article: read, and on PostgreSQL locked, inside
/// the transaction that carries a change out, so no other change can slip in between.
public struct WorkflowState: Hashable, Sendable {
    public var id: Int64
    public var status: ArticleStatus
    public var revision: Int
    /// When the scheduler is to publish it; nil when nothing is scheduled.
    public var publishAt: Date?
    /// Whether any revision of it was ever published: a retraction then leaves a public note.
    public var everPublished: Bool
    public var content: ArticleContent

    public init(
        id: Int64, status: ArticleStatus, revision: Int, publishAt: Date?, everPublished: Bool,
        content: ArticleContent
    ) {
        self.id = id
        self.status = status
        self.revision = revision
        self.publishAt = publishAt
        self.everPublished = everPublished
        self.content = content
    }
}

/// The one step a store carries out for an `ArticleChange`, with its audit line.
///
/// `WorkflowRules.step` decides it; a store only writes it, in the same transaction as it read the
/// `WorkflowState`, and writes the audit entry `action` / `detail`.
public struct WorkflowStep: Hashable, Sendable {
    public enum Write: Hashable, Sendable {
        /// The edited copy as `revision`, the status kept; a schedule is dropped when `cancelsSchedule`.
        case rewrite(revision: Int, cancelsSchedule: Bool)
        /// The same copy under a new status, as `revision`; clears any schedule.
        case setStatus(ArticleStatus, revision: Int)
        /// Off the site as `revision`; `publicNote` stays in its place when it ever ran.
        case retract(publicNote: String?, revision: Int)
        case schedule(Date)
        case addCorrection(Correction.Kind, text: String)
    }

    /// nil: the change asks for what already is (publishing a published article, an edit that
    /// changes nothing), so nothing is written.
    public var write: Write?
    public var action: String
    public var detail: String
    /// Whether readers could see a difference (the archive version moves).
    public var changesWhatReadersSee: Bool { write.map { if case .schedule = $0 { false } else { true } } ?? false }
}

/// The newsroom's rules, in one place: which status may move to which, who may do what to a story
/// in each state, and what the audit log says. Both stores carry out the step it returns.
///
/// `by.role` nil is the machine itself (the command line run by the operator, the scheduler),
/// which the rules trust as an admin.
public enum WorkflowRules {
    public static func step(
        for change: ArticleChange, edited: PreparedArticle?, on state: WorkflowState, by: Attribution
    ) throws(StoreError) -> WorkflowStep {
        let id = state.id
        switch change {
        case .edit:
            guard state.status != .retracted else { throw .conflict("article \(id) is retracted; it cannot be edited") }
            if state.status == .published || state.publishAt != nil {
                try require(by, .editPublished, "edit article \(id): it is \(describe(state))")
            } else {
                try require(by, .editDraft, "edit drafts")
            }
            guard let edited, edited.content != state.content else { return none(change) }
            let revision = state.revision + 1
            var detail =
                "revision \(revision): "
                + edited.content.changedFields(comparedTo: state.content)
                .joined(separator: ", ")
            if let publishAt = state.publishAt {
                detail += "; the schedule for \(publishAt.formatted(.iso8601)) is cancelled: schedule it again"
            }
            return WorkflowStep(
                write: .rewrite(revision: revision, cancelsSchedule: state.publishAt != nil),
                action: change.action, detail: detail)
        case .publish:
            try require(by, .publish, "publish")
            if state.status == .published { return none(change) }
            try requireStatus(.draft, state, "published")
            return setStatus(.published, change, state, "published")
        case .schedule(let date):
            try require(by, .publish, "schedule publication")
            try requireStatus(.draft, state, "scheduled")
            guard ArchiveTime.contains(date) else {
                throw .invalidContent(
                    field: "publish_at", reason: TimeOutOfRange(field: "publish_at", instant: date).description)
            }
            return WorkflowStep(
                write: .schedule(date), action: change.action, detail: "to publish at \(date.formatted(.iso8601))")
        case .unpublish:
            try require(by, .unpublish, "unpublish")
            try requireStatus(.published, state, "unpublished")
            return setStatus(.draft, change, state, "back to draft")
        case .retract(let note):
            try require(by, .retract, "retract articles")
            guard state.status != .retracted else { throw .conflict("article \(id) is retracted already") }
            let everPublished = state.everPublished || state.status == .published
            let revision = state.revision + 1
            return WorkflowStep(
                write: .retract(publicNote: everPublished ? note : nil, revision: revision), action: change.action,
                detail: "revision \(revision): "
                    + (everPublished ? "retracted with a public note: \(note)" : "withdrawn before publication"))
        case .correct(let kind, let text):
            try require(by, .correct, "add corrections")
            try requireStatus(.published, state, "corrected")
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw .invalidContent(field: "text", reason: "must not be empty") }
            return WorkflowStep(
                write: .addCorrection(kind, text: text), action: change.action, detail: "\(kind.rawValue): \(text)")
        }
    }

    /// Whether `by` may file a new story as `status`: a contributor files drafts only.
    public static func checkCreate(status: ArticleStatus, by: Attribution) throws(StoreError) {
        try require(by, .createDraft, "create drafts")
        switch status {
        case .draft: return
        case .published: try require(by, .publish, "publish")
        case .retracted: throw .conflict("a new article cannot be filed as retracted")
        }
    }

    /// The audit line of a scheduled publication: which revision went out, who scheduled it and who
    /// wrote its copy, so the log answers "who put this in front of readers".
    public static func scheduledPublicationDetail(revision: Int, scheduledBy: String?, writtenBy: String?) -> String {
        var detail = "revision \(revision): published as scheduled"
        if let scheduledBy { detail += " by \(scheduledBy)" }
        if let writtenBy { detail += "; copy last written by \(writtenBy)" }
        return detail
    }

    /// The audit actions whose revisions carry new copy (the others repeat the copy under a new status).
    public static let copyActions = ["article.create", "article.edit", "import"]

    private static func none(_ change: ArticleChange) -> WorkflowStep {
        WorkflowStep(write: nil, action: change.action, detail: "")
    }

    private static func setStatus(
        _ status: ArticleStatus, _ change: ArticleChange, _ state: WorkflowState, _ detail: String
    ) -> WorkflowStep {
        let revision = state.revision + 1
        return WorkflowStep(
            write: .setStatus(status, revision: revision), action: change.action,
            detail: "revision \(revision): \(detail)")
    }

    private static func require(_ by: Attribution, _ action: NewsroomAction, _ what: String) throws(StoreError) {
        guard let role = by.role, !role.may(action) else { return }
        throw .forbidden("\(by.actor) is \(role.article) \(role.rawValue) and may not \(what)")
    }

    private static func requireStatus(_ needed: ArticleStatus, _ state: WorkflowState, _ done: String)
        throws(StoreError)
    {
        guard state.status == needed else {
            throw .conflict(
                "article \(state.id) is \(state.status.rawValue); only a \(needed.rawValue) article can be \(done)")
        }
    }

    private static func describe(_ state: WorkflowState) -> String {
        if state.status == .draft, let publishAt = state.publishAt {
            return "scheduled for \(publishAt.formatted(.iso8601))"
        }
        return state.status.rawValue
    }
}

extension Role {
    /// "an" admin, "an" editor, "a" contributor.
    fileprivate var article: String { self == .contributor ? "a" : "an" }
}
