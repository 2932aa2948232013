/// The shortest way to turn one sequence into another, one step at a time: what a revision
/// difference lines up, for a body's blocks, a list's items and a paragraph's words alike.
///
/// Myers's algorithm finds it in time proportional to the sequences' length times the number of
/// edits, so two versions that differ little are compared quickly however long they are. Copy
/// that was rewritten throughout would take quadratic time and memory, so the search gives up
/// beyond `Limits` and the caller shows the parts as removed and added whole instead.
enum EditScript {
    /// One step through both sequences: keep an element of each, remove one of the older's, add one of the newer's.
    enum Step: Hashable, Sendable {
        case keep, remove, add
    }

    /// How much one comparison may take before it gives up.
    struct Limits: Hashable, Sendable {
        /// The elements a side may have once the common opening and ending are set aside.
        var elements: Int
        /// The edits the shortest script may need; the search keeps about edits² numbers.
        var edits: Int

        static let standard = Limits(elements: 4_000, edits: 1_000)
    }

    /// The steps from `old` to `new`: the shortest script, or, when the part between the common
    /// opening and ending is larger than `limits` allow, that part removed and then added.
    static func steps<Element: Equatable>(
        from old: [Element], to new: [Element], limits: Limits = .standard
    ) -> [Step] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let oldMiddle = old[prefix..<(old.count - suffix)]
        let newMiddle = new[prefix..<(new.count - suffix)]
        let middle =
            oldMiddle.count <= limits.elements && newMiddle.count <= limits.elements
            ? shortest(from: Array(oldMiddle), to: Array(newMiddle), maxEdits: limits.edits) : nil
        return Array(repeating: .keep, count: prefix)
            + (middle
                ?? Array(repeating: .remove, count: oldMiddle.count) + Array(repeating: .add, count: newMiddle.count))
            + Array(repeating: .keep, count: suffix)
    }

    /// Myers's greedy forward search, keeping each round's furthest points to walk back from the end.
    private static func shortest<Element: Equatable>(
        from old: [Element], to new: [Element], maxEdits: Int
    ) -> [Step]? {
        let n = old.count
        let m = new.count
        let bound = min(n + m, maxEdits)
        let offset = bound + 1
        // furthest[offset + k]: the furthest x reached on diagonal k = x - y.
        var furthest = [Int](repeating: 0, count: 2 * bound + 3)
        var rounds: [[Int]] = []
        for d in 0...bound {
            for k in stride(from: -d, through: d, by: 2) {
                var x =
                    k == -d || (k != d && furthest[offset + k - 1] < furthest[offset + k + 1])
                    ? furthest[offset + k + 1] : furthest[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, old[x] == new[y] {
                    x += 1
                    y += 1
                }
                furthest[offset + k] = x
                if x >= n, y >= m {
                    return walkBack(rounds: rounds, edits: d, oldCount: n, newCount: m)
                }
            }
            rounds.append(Array(furthest[(offset - d)...(offset + d)]))
        }
        return nil
    }

    /// Retraces the search from the end: `rounds[d][k + d]` is where round d got on diagonal k.
    private static func walkBack(rounds: [[Int]], edits: Int, oldCount: Int, newCount: Int) -> [Step] {
        var steps: [Step] = []
        var x = oldCount
        var y = newCount
        for d in stride(from: edits, to: 0, by: -1) {
            let previous = rounds[d - 1]
            func reached(_ k: Int) -> Int { previous[k + d - 1] }
            let k = x - y
            let cameDown = k == -d || (k != d && reached(k - 1) < reached(k + 1))
            let previousK = cameDown ? k + 1 : k - 1
            let previousX = reached(previousK)
            let previousY = previousX - previousK
            while x > previousX + (cameDown ? 0 : 1), y > previousY + (cameDown ? 1 : 0) {
                steps.append(.keep)
                x -= 1
                y -= 1
            }
            steps.append(cameDown ? .add : .remove)
            x = previousX
            y = previousY
        }
        while x > 0, y > 0 {
            steps.append(.keep)
            x -= 1
            y -= 1
        }
        return steps.reversed()
    }
}
