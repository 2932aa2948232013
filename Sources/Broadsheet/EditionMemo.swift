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
        /// The dates of `list`, each once, oldest first.
        var dates: [EditionDate]?
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
        let dates = Set(list.map(\.date)).sorted()
        state.withLock { state in
            state.list = list
            state.dates = dates
        }
        return list
    }

    /// The editions before and after `date`, as the list of editions has them: each edition's
    /// page asked the database, a wait on a reader's thread for every edition of an export.
    /// nil until the list has been read.
    public func neighbours(of date: EditionDate) -> EditionNeighbours? {
        guard let dates = state.withLock({ $0.dates }) else { return nil }
        var low = 0
        var high = dates.count
        while low < high {
            let middle = (low + high) / 2
            if dates[middle] < date { low = middle + 1 } else { high = middle }
        }
        let after = low < dates.count && dates[low] == date ? low + 1 : low
        return EditionNeighbours(
            previous: low > 0 ? dates[low - 1] : nil, next: after < dates.count ? dates[after] : nil)
    }
}
