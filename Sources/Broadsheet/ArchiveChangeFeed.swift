/// A store that says when the archive changes, through any process, as it happens: what lets
/// every server on a shared database drop its caches at once instead of at its next poll.
///
/// A signal means "the archive may have changed": a server reads `ArticleStore.archiveVersion`
/// to know. One also comes after the feed reconnects, as a change may have gone unheard.
public protocol ArchiveChangeFeed: Sendable {
    /// Signals until the caller stops iterating (or its task is cancelled). Each call opens a
    /// feed of its own.
    func archiveChanges() -> AsyncStream<Void>
}
