import Broadsheet
import Synchronization

/// Keeps PostgreSQL's planner statistics in step with a bulk import.
///
/// Right after thousands of articles go into a young archive, the planner still believes the
/// tables nearly empty, and a search walks the status index and rechecks every article's text
/// instead of asking the text index, until autovacuum's next look. So the store analyses the
/// tables an import fills each time the articles filed by this process since the last analysis
/// reach the number the planner knew of: a doubling, a handful of analyses for any import, none
/// for the steady trickle autovacuum handles.
final class PostgresPlannerStatistics: Sendable {
    /// Articles the planner knew of at the last analysis (nil: not read yet) and those filed since.
    private let state = Mutex<(known: Int64?, filedSince: Int64)>((nil, 0))
    /// Fewer new articles than this never call for an analysis.
    static let smallestGrowth: Int64 = 1_000

    /// Notes `count` articles filed; runs ANALYZE when they have grown the archive enough.
    func noteFiled(_ count: Int, store: PostgresStore) async throws {
        guard count > 0 else { return }
        let known = state.withLock { state -> Int64? in
            state.filedSince += Int64(count)
            return state.known
        }
        let planned: Int64
        if let known {
            planned = known
        } else {
            planned = try await store.read("reading the planner's article count") { session in
                try await session.value(
                    "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'articles'::regclass",
                    as: Int64.self) ?? 0
            }
            state.withLock { if $0.known == nil { $0.known = planned } }
        }
        // Another import may have analysed in the meantime: its count is the one to grow from.
        let due = state.withLock { state -> (known: Int64, filed: Int64)? in
            let known = state.known ?? planned
            guard state.filedSince >= max(Self.smallestGrowth, known) else { return nil }
            let due = (known, state.filedSince)
            state.known = known + state.filedSince
            state.filedSince = 0
            return due
        }
        guard let due else { return }
        do {
            try await store.read("analysing the archive's tables") { session in
                try await session.execute("ANALYZE articles, revisions, article_topics, article_authors")
                // And the text index's pending entries merged, so searches stop reading them one by
                // one (the headline index has none: migration 015).
                try await session.execute("SELECT gin_clean_pending_list('articles_search'::regclass)")
            }
        } catch {
            // Not analysed: the next batch tries again.
            state.withLock { state in
                state.known = due.known
                state.filedSince += due.filed
            }
            throw error
        }
    }
}
