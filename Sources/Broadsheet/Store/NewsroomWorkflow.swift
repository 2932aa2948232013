import Foundation

/// The newsroom's edits through the API: filing, changing and publishing stories as a person.
/// `WorkflowRules` decides what may happen; a store carries the step out. Each call is one
/// transaction with its audit entry and, when readers could see a difference, a move of
/// `archiveVersion`.
public protocol NewsroomWorkflow: Sendable {
    /// Files a new story through the API as `status`; `StoreError.conflict` when its source URI is
    /// taken (an import would update it instead).
    func create(_ content: ArticleContent, status: ArticleStatus, by: Attribution) async throws -> Article
    /// Applies `change` to an article and returns it as stored afterwards.
    ///
    /// Throws `StoreError.notFound` when there is no such article, and `StoreError.conflict` when
    /// `expectedRevision` is given and the article has moved past it, or when the change does not
    /// apply to the article's status (see `ArticleChange`).
    func change(articleID: Int64, _ change: ArticleChange, expectedRevision: Int?, by: Attribution) async throws
        -> Article
    /// Publishes every draft scheduled at or before `date`, as `Attribution.scheduler`; returns the
    /// ids this call published. The update is conditional, so when several servers share the
    /// database each article is published by exactly one of them.
    func publishDue(at date: Date) async throws -> [Int64]
}
