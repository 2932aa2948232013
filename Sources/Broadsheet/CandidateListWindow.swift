/// The stretch of one of a related box's lists (a topic's, a section's or a headline word's
/// published stories, highest id first) that an export's memo holds. A box draws on the stories
/// filed before its own, so each story asks for the list below its id: an export walking the
/// archive newest first asks a little lower each time, and a stretch read once answers the next
/// hundreds of stories.
struct CandidateListWindow: Sendable {
    /// The ids held, highest first: every id of the list below `top`, down to the last held.
    private(set) var ids: [Int64]
    /// Ids at and above it are not known.
    private(set) var top: Int64
    /// The list has no id below the last held.
    private(set) var reachesStart: Bool

    /// The stretch a read of the first `asked` ids below `bound` found: fewer than asked means
    /// the list has no more.
    init(read: [Int64], below bound: Int64, asked: Int) {
        ids = read
        top = bound
        reachesStart = read.count < asked
    }

    /// The first `count` ids below `bound`, or nil when the stretch cannot say.
    func first(_ count: Int, below bound: Int64) -> ArraySlice<Int64>? {
        guard bound <= top else { return nil }
        let start = firstIndex(below: bound)
        let end = min(start + count, ids.count)
        guard end - start == count || reachesStart else { return nil }
        return ids[start..<end]
    }

    /// The lowest id the stretch answers for: below it nothing is known, unless the list ends.
    private var low: Int64 { reachesStart ? .min : ids.last ?? top }

    /// Takes in another read of the list: joined to what is held when the two stretches meet,
    /// in place of it when they do not, then cut to at most `capacity` ids from the bottom, as
    /// an export walks down.
    mutating func take(_ other: CandidateListWindow, capacity: Int) {
        if other.low <= top && low <= other.top {
            let (higher, lower) = other.top >= top ? (other, self) : (self, other)
            // The higher stretch, then the lower one's ids below it.
            ids = higher.ids + lower.ids[lower.firstIndex(below: higher.ids.last ?? higher.top)...]
            top = higher.top
            reachesStart = higher.reachesStart || lower.reachesStart
        } else {
            self = other
        }
        if ids.count > capacity {
            let dropped = ids.count - capacity
            top = ids[dropped - 1]
            ids.removeFirst(dropped)
        }
    }

    /// The index of the first id below `bound`: the ids are sorted highest first.
    private func firstIndex(below bound: Int64) -> Int {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < bound { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
