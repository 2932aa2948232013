import Broadsheet
import Synchronization

/// A full export's edition books, made from the stories its walk over the archive has just read.
/// Made before the walk, each book read and decoded its stories again: at 100,000 stories that
/// was 100,000 of the export's 223,000 story decodes. The walk goes newest first, and an edition's
/// stories are published about its date, so an edition's last story is read soon after its first
/// and few stories are held at once.
///
/// Bound for the walk's rendering (`$current.withValue`); the server binds none, so its books read
/// the archive as it is now. A book the walk cannot complete (its stories changed during the
/// export, or too many stories were held) is made at the end from the database, as before.
final class WalkedBooks: Sendable {
    @TaskLocal static var current: WalkedBooks?

    private struct State {
        /// Each story's edition, while its book waits for it.
        var edition: [Int64: EditionDate] = [:]
        /// How many of each waiting edition's stories the walk has not read yet.
        var unread: [EditionDate: Int] = [:]
        /// The stories read of each edition still waiting.
        var read: [EditionDate: [Int64: Article]] = [:]
        /// The editions whose stories were all read, until their books take them.
        var complete: [EditionDate: [Int64: Article]] = [:]
        /// Stories held in `read` and `complete`.
        var held = 0
        /// Editions given up on: their books are made from the database.
        var givenUp: Set<EditionDate> = []
    }

    private let state: Mutex<State>
    /// Stories held at most; past it the edition with the most stories still unread is given up.
    let capacity: Int

    /// - Parameter editions: each edition's date and the ids of its published stories.
    init(editions: [(date: EditionDate, stories: [Int64])], capacity: Int = 5_000) {
        var initial = State()
        for (date, stories) in editions {
            // An edition with no published story has no book; the end asks for it, and gets a 404.
            guard !stories.isEmpty else {
                initial.givenUp.insert(date)
                continue
            }
            for id in stories { initial.edition[id] = date }
            initial.unread[date, default: 0] += Set(stories).count
        }
        state = Mutex(initial)
        self.capacity = capacity
    }

    /// Notes stories the walk has read; returns the editions all of whose stories it has now read,
    /// whose books can be made.
    func note(_ articles: [Article]) -> [EditionDate] {
        state.withLock { state in
            var completed: [EditionDate] = []
            for article in articles {
                guard let date = state.edition.removeValue(forKey: article.id), !state.givenUp.contains(date)
                else { continue }
                state.read[date, default: [:]][article.id] = article
                state.held += 1
                state.unread[date, default: 0] -= 1
                if state.unread[date] == 0 {
                    state.unread[date] = nil
                    state.complete[date] = state.read.removeValue(forKey: date)
                    completed.append(date)
                }
            }
            while state.held > capacity,
                let date = state.read.keys.max(by: { state.unread[$0] ?? 0 < state.unread[$1] ?? 0 })
            {
                state.held -= state.read.removeValue(forKey: date)?.count ?? 0
                state.unread[date] = nil
                state.givenUp.insert(date)
            }
            return completed.sorted(by: >)
        }
    }

    /// The stories of `date`'s book if the walk read them all; handed over once.
    func take(_ date: EditionDate) -> [Int64: Article]? {
        state.withLock { state in
            guard let stories = state.complete.removeValue(forKey: date) else { return nil }
            state.held -= stories.count
            return stories
        }
    }

    /// The editions whose books were not made along the walk, newest first: given up, or with a
    /// story the walk never read. Their books are made from the database.
    func unmade() -> [EditionDate] {
        state.withLock { state in state.givenUp.union(state.unread.keys).sorted(by: >) }
    }
}
