import Broadsheet
import Synchronization

/// The stories a static export has just read for its offline search, handed to the story pages it
/// renders next: read and decoded again by each page, they were a sixteenth of a full export.
///
/// Bound for the export's task tree (`$current.withValue`); the server binds none, so each of its
/// pages reads the archive as it is now. A story is handed over once and then forgotten.
final class StoriesReadAhead: Sendable {
    @TaskLocal static var current: StoriesReadAhead?

    private let stories = Mutex<[Int64: Article]>([:])

    /// Keeps `articles` until their pages take them.
    func hold(_ articles: some Sequence<Article>) {
        stories.withLock { held in
            for article in articles { held[article.id] = article }
        }
    }

    /// The story with `id` if it was read ahead, no longer held after this.
    func take(_ id: Int64) -> Article? {
        stories.withLock { $0.removeValue(forKey: id) }
    }

    /// Forgets what no page took: a story whose page was not rendered (a slug that moved).
    func clear() {
        stories.withLock { $0.removeAll(keepingCapacity: true) }
    }
}
