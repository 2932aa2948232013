import Synchronization

/// What a static export remembers of the related box's lookups while it renders every story. The
/// stories of a topic, a section or a headline word (held in stretches, as each box asks for those
/// filed before its own), what ranking weighs of each candidate and the cards of the stories
/// shown are the same for every page of one export; read again for each page they were a fifth
/// of its time.
///
/// Bound for a task tree (`RelatedCandidateMemo.$current.withValue`) by a run that reads the
/// archive as of its start; a story changed meanwhile is the next run's to render. The server
/// binds none, so each of its pages reads the archive as it is now.
public final class RelatedCandidateMemo: Sendable {
    /// The memo the current task's related boxes use; nil outside an export.
    @TaskLocal public static var current: RelatedCandidateMemo?

    /// A list of published stories, highest id (filed last) first, that a related box draws on.
    public enum List: Hashable, Sendable {
        case topic(String)
        case section(String)
        /// The stories whose headlines hold a word (as a store's headline index has it).
        case headlineWord(String)
    }

    /// What a store's read throws when a box is made from the memo alone and the memo lacks
    /// something: the store then asks its database.
    public struct NotRemembered: Error {
        public init() {}
    }

    private struct State {
        var lists: [List: CandidateListWindow] = [:]
        /// The ids `lists` holds, all lists together.
        var listIDs = 0
        /// nil for an id that is no candidate (not published, or gone).
        var candidates: [Int64: RelatedArticles.Candidate?] = [:]
        var summaries: [Int64: ArticleSummary?] = [:]
        var boxes: [BoxKey: [ArticleSummary]] = [:]
    }

    /// A box made ahead of its page: the story as it was read, and the box's size.
    private struct BoxKey: Hashable {
        var id: Int64
        var revision: Int
        var limit: Int
    }

    private let state = Mutex(State())
    /// Candidates held at most; when full, it starts again, so its memory is bounded whatever the
    /// archive's size.
    let capacity: Int
    /// Summaries of stories a box showed held at most: a box shows the best of its candidates,
    /// so the same few stories of a topic come back page after page.
    let summaryCapacity: Int

    /// Ids held in lists at most (16 MB at the default): a headline word's stretch holds up to
    /// 3,200, and an archive has words without end.
    let listCapacity: Int

    public init(capacity: Int = 200_000, summaryCapacity: Int = 20_000, listCapacity: Int = 2_000_000) {
        self.capacity = capacity
        self.summaryCapacity = summaryCapacity
        self.listCapacity = listCapacity
    }

    /// Keeps a box made ahead of its page (`ArchiveReading.readRelatedAhead`) until the page takes
    /// it: made again there from the memo, every box was ranked twice. Past `summaryCapacity`
    /// boxes no page took (a story whose page was not rendered), they are let go.
    public func hold(_ box: [ArticleSummary], of article: Article, limit: Int) {
        state.withLock { state in
            if state.boxes.count >= summaryCapacity { state.boxes.removeAll(keepingCapacity: true) }
            state.boxes[BoxKey(id: article.id, revision: article.revision, limit: limit)] = box
        }
    }

    /// The box held for this story as it is, and of this size, no longer held after this.
    public func takeBox(of article: Article, limit: Int) -> [ArticleSummary]? {
        let key = BoxKey(id: article.id, revision: article.revision, limit: limit)
        return state.withLock { $0.boxes.removeValue(forKey: key) }
    }

    /// Holds, for each of `articles`, the box an earlier export `kept` when `summaries` (the
    /// published ones among their ids) holds every story of it, in its order; the stories left are
    /// those whose boxes must be made again (`ArchiveReading.readRelatedAhead(of:limit:kept:)`).
    public func holdKept(
        _ kept: [Int64: [Int64]], of articles: [Article], limit: Int, from summaries: [ArticleSummary]
    ) -> [Article] {
        let published = Dictionary(summaries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return articles.filter { article in
            guard let ids = kept[article.id], ids.allSatisfy({ published[$0] != nil }) else { return true }
            hold(ids.compactMap { published[$0] }, of: article, limit: limit)
            return false
        }
    }

    /// The box held for this story as it is, and of this size, left held: what an export records
    /// of it for the next (`ExportLinks`).
    public func heldBox(of article: Article, limit: Int) -> [ArticleSummary]? {
        let key = BoxKey(id: article.id, revision: article.revision, limit: limit)
        return state.withLock { $0.boxes[key] }
    }

    /// How many boxes are held, for tests.
    var heldBoxes: Int { state.withLock { $0.boxes.count } }

    /// The first `count` ids of `list` below `bound` (the stories filed before a box's own),
    /// highest first. `read(asked, below)` reads the first `asked` ids of the list below `below`;
    /// it is asked for several boxes' worth at once, which the stories filed just before answer.
    public func ids(
        of list: List, first count: Int, below bound: Int64, orRead read: (Int, Int64) throws -> [Int64]
    ) rethrows -> [Int64] {
        if let known = held(list, first: count, below: bound) { return known }
        let asked = count * Self.readAhead
        let window = CandidateListWindow(read: try read(asked, bound), below: bound, asked: asked)
        remember(window, of: list, count: count)
        return Array(window.first(count, below: bound) ?? [])
    }

    /// `ids(of:first:below:orRead:)` for a store whose reads are asynchronous.
    public func ids(
        of list: List, first count: Int, below bound: Int64, orRead read: (Int, Int64) async throws -> [Int64]
    ) async rethrows -> [Int64] {
        if let known = held(list, first: count, below: bound) { return known }
        let asked = count * Self.readAhead
        let window = CandidateListWindow(read: try await read(asked, bound), below: bound, asked: asked)
        remember(window, of: list, count: count)
        return Array(window.first(count, below: bound) ?? [])
    }

    /// How many boxes' worth of a list one read brings: an export walking the archive newest
    /// first then reads each list about once, in stretches.
    static let readAhead = 8

    /// The `RelatedArticles.headlineMatches` highest ids below `bound` of stories whose headlines
    /// hold any of `words`, as one query for them all finds them; each word's list is read by
    /// `read(word, asked, below)`. The newest of a union are among the union of each part's
    /// newest, so each word's list is read in stretches once an export, where a query for each
    /// page's words was a twentieth of its CPU.
    public func newest(
        sharingAnyOf words: [String], below bound: Int64, orRead read: (String, Int, Int64) throws -> [Int64]
    ) rethrows -> [Int64] {
        Self.newest(
            of: try words.map { word in
                try ids(of: .headlineWord(word), first: RelatedArticles.headlineMatches, below: bound) {
                    try read(word, $0, $1)
                }
            })
    }

    /// `newest(sharingAnyOf:below:orRead:)` for a store whose reads are asynchronous.
    public func newest(
        sharingAnyOf words: [String], below bound: Int64, orRead read: (String, Int, Int64) async throws -> [Int64]
    ) async rethrows -> [Int64] {
        var lists: [[Int64]] = []
        for word in words {
            lists.append(
                try await ids(of: .headlineWord(word), first: RelatedArticles.headlineMatches, below: bound) {
                    try await read(word, $0, $1)
                })
        }
        return Self.newest(of: lists)
    }

    /// The `headlineMatches` highest ids of `lists`, each once, highest first: merged from the
    /// lists' heads, as each comes newest first from its read. Hashing and sorting the eight
    /// lists' 1,600 ids whole was a fiftieth of an export.
    static func newest(of lists: [[Int64]]) -> [Int64] {
        let lists = lists.map { list in
            zip(list, list.dropFirst()).allSatisfy { $0 > $1 } ? list : Set(list).sorted(by: >)
        }
        var heads = [Int](repeating: 0, count: lists.count)
        var merged: [Int64] = []
        merged.reserveCapacity(RelatedArticles.headlineMatches)
        while merged.count < RelatedArticles.headlineMatches {
            var highest: Int64?
            for (list, head) in zip(lists, heads) where head < list.count {
                if highest.map({ list[head] > $0 }) ?? true { highest = list[head] }
            }
            guard let id = highest else { break }
            for index in lists.indices where heads[index] < lists[index].count && lists[index][heads[index]] == id {
                heads[index] += 1
            }
            merged.append(id)
        }
        return merged
    }

    /// What the held stretch of `list` says of its first `count` ids below `bound`.
    private func held(_ list: List, first count: Int, below bound: Int64) -> [Int64]? {
        state.withLock { $0.lists[list]?.first(count, below: bound).map(Array.init) }
    }

    /// Takes in a read of a list, each list held to a few reads' worth; past `listCapacity` ids
    /// the lists start again.
    private func remember(_ window: CandidateListWindow, of list: List, count: Int) {
        state.withLock { state in
            var held = state.lists.removeValue(forKey: list)
            state.listIDs -= held?.ids.count ?? 0
            held?.take(window, capacity: count * Self.readAhead * 2)
            if state.listIDs + (held ?? window).ids.count > listCapacity {
                state.lists.removeAll(keepingCapacity: true)
                state.listIDs = 0
                held = nil
            }
            state.lists[list] = held ?? window
            state.listIDs += (held ?? window).ids.count
        }
    }

    /// The candidates among `ids`, in no particular order; `read` is asked only for the ids not
    /// yet known, and any it does not answer are remembered as no candidate.
    public func candidates(
        _ ids: [Int64], orRead read: ([Int64]) throws -> [RelatedArticles.Candidate]
    ) rethrows -> [RelatedArticles.Candidate] {
        try remembered(ids, in: \.candidates, capacity: capacity, id: \.id, orRead: read)
    }

    /// The summaries of `ids`, in no particular order, as `candidates` finds candidates.
    public func summaries(_ ids: [Int64], orRead read: ([Int64]) throws -> [ArticleSummary]) rethrows
        -> [ArticleSummary]
    {
        try remembered(ids, in: \.summaries, capacity: summaryCapacity, id: \.id, orRead: read)
    }

    /// `candidates(_:orRead:)` for a store whose reads are asynchronous.
    public func candidates(
        _ ids: [Int64], orRead read: ([Int64]) async throws -> [RelatedArticles.Candidate]
    ) async rethrows -> [RelatedArticles.Candidate] {
        try await remembered(ids, in: \.candidates, capacity: capacity, id: \.id, orRead: read)
    }

    /// `summaries(_:orRead:)` for a store whose reads are asynchronous.
    public func summaries(_ ids: [Int64], orRead read: ([Int64]) async throws -> [ArticleSummary]) async rethrows
        -> [ArticleSummary]
    {
        try await remembered(ids, in: \.summaries, capacity: summaryCapacity, id: \.id, orRead: read)
    }

    /// The values of `ids` in `entries`, reading the missing ones outside the lock: one page's
    /// database read does not hold up another's lookup.
    private func remembered<Value>(
        _ ids: [Int64], in entries: WritableKeyPath<State, [Int64: Value?]>, capacity: Int, id: (Value) -> Int64,
        orRead read: ([Int64]) throws -> [Value]
    ) rethrows -> [Value] {
        let (found, missing) = known(ids, in: entries)
        guard !missing.isEmpty else { return found }
        let read = try read(missing)
        remember(read, for: missing, in: entries, capacity: capacity, id: id)
        return found + read
    }

    /// `remembered(_:in:capacity:id:orRead:)` with an asynchronous read.
    private func remembered<Value>(
        _ ids: [Int64], in entries: WritableKeyPath<State, [Int64: Value?]>, capacity: Int, id: (Value) -> Int64,
        orRead read: ([Int64]) async throws -> [Value]
    ) async rethrows -> [Value] {
        let (found, missing) = known(ids, in: entries)
        guard !missing.isEmpty else { return found }
        let read = try await read(missing)
        remember(read, for: missing, in: entries, capacity: capacity, id: id)
        return found + read
    }

    /// What `entries` knows of `ids` (leaving out those known to be none), and the ids it does not know.
    private func known<Value>(_ ids: [Int64], in entries: WritableKeyPath<State, [Int64: Value?]>) -> (
        found: [Value], missing: [Int64]
    ) {
        var found: [Value] = []
        found.reserveCapacity(ids.count)
        var missing: [Int64] = []
        state.withLock { state in
            // Through the key path once, not once an id: projecting it was most of the look-up.
            let known = state[keyPath: entries]
            for id in ids {
                if let entry = known[id] {
                    if let entry { found.append(entry) }
                } else {
                    missing.append(id)
                }
            }
        }
        return (found, missing)
    }

    /// Notes what a read of `missing` found; an id it did not answer is none. Past `capacity`, the
    /// entries start again.
    private func remember<Value>(
        _ read: [Value], for missing: [Int64], in entries: WritableKeyPath<State, [Int64: Value?]>, capacity: Int,
        id: (Value) -> Int64
    ) {
        state.withLock { state in
            // Taken out whole, so that it is changed in place and its key path projected twice.
            var known = state[keyPath: entries]
            state[keyPath: entries] = [:]
            if known.count + missing.count > capacity { known.removeAll(keepingCapacity: true) }
            for id in missing { known[id] = .some(nil) }
            for value in read { known[id(value)] = value }
            state[keyPath: entries] = known
        }
    }
}
