import Broadsheet
import Synchronization

/// The stories a repeat export's feeds read, kept while it renders: a listing's three feeds show
/// the same fifty stories in full, and a story shows in the feeds of its section, its topics and
/// its authors. Read for each feed, they were most of the tenth of a repeat export's CPU that
/// went to reading stories.
///
/// Bound for a repeat export's rendering only (`$current.withValue`): a full export renders every
/// listing's feeds, and would hold a large part of the archive. The server binds none.
final class FeedStories: Sendable {
    @TaskLocal static var current: FeedStories?

    /// Each story's read, by id: a feed asking for a story another feed is reading waits for it.
    private let reads = Mutex<[Int64: Task<[Int64: Article], any Error>]>([:])

    /// The stories with `ids` that `store` holds, in the order asked, each read once for the run.
    func articles(ids: [Int64], in store: any ArchiveReading) async throws -> [Article] {
        let pending = reads.withLock { held in
            let missing = ids.filter { held[$0] == nil }
            if !missing.isEmpty {
                // One read for all that are missing: one wait on the database, not one a story.
                let read = Task {
                    Dictionary(try await store.articles(ids: missing).map { ($0.id, $0) }) { first, _ in first }
                }
                for id in missing { held[id] = read }
            }
            return ids.compactMap { held[$0] }
        }
        var found: [Int64: Article] = [:]
        for read in Set(pending) { found.merge(try await read.value) { first, _ in first } }
        return ids.compactMap { found[$0] }
    }
}
