import Synchronization

/// What a static export remembers of the editions it reads. An edition's stories are read to
/// list its pages, again for its page and again for its book; the list of editions, for a repeat
/// export's plan, the archive page, the sitemaps and the IIIF collection. Read each time, they
/// were a twentieth of a repeat export's CPU.
///
/// Bound for a task tree (`EditionMemo.$current.withValue`) by a run that reads the archive as of
/// its start, as `RelatedCandidateMemo` is; the server binds none, so each of its pages reads the
/// archive as it is now.
public final class EditionMemo: Sendable {
    /// The memo the current task's edition reads use; nil outside an export.
    @TaskLocal public static var current: EditionMemo?

    private struct State {
        /// nil for a date with no edition.
        var editions: [EditionDate: Edition?] = [:]
        var list: [EditionSummary]?
    }

    private let state = Mutex(State())
    /// Editions held at most, each with its stories' summaries; when full, it starts again, so
    /// its memory is bounded whatever the archive's size.
    let capacity: Int

    public init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The edition of `date`, read by `read` the first time.
    public func edition(on date: EditionDate, orRead read: () async throws -> Edition?) async rethrows -> Edition? {
        if let known = state.withLock({ $0.editions[date] }) { return known }
        let edition = try await read()
        state.withLock { state in
            if state.editions.count >= capacity { state.editions.removeAll(keepingCapacity: true) }
            state.editions[date] = .some(edition)
        }
        return edition
    }

    /// Every edition, read by `read` the first time.
    public func editions(orRead read: () async throws -> [EditionSummary]) async rethrows -> [EditionSummary] {
        if let known = state.withLock({ $0.list }) { return known }
        let list = try await read()
        state.withLock { $0.list = list }
        return list
    }
}
