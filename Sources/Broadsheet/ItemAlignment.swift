/// Lines up two versions of a list (a body's blocks, a story's authors, a list's items) so each
/// kept item faces itself and each edited item faces what it became.
///
/// The shortest edit script finds what stayed; between two kept items, the removed and added ones
/// are paired where they share enough words to be one item edited, the best pairing in order
/// winning. The rest stand alone, so a new paragraph is shown as added rather than as a rewrite
/// of its neighbour.
enum ItemAlignment {
    /// Two items that share at least this part of their words are shown as one item edited.
    static let likeness = 0.2
    /// Past this many removed × added items between two kept ones, none are paired: a rewrite.
    static let pairingLimit = 10_000

    /// The items side by side in reading order: both for a kept or edited item, one for an added or removed one.
    static func pairs<Item: Equatable>(
        _ old: [Item], _ new: [Item], text: (Item) -> String, pairable: (Item, Item) -> Bool
    ) -> [(old: Item?, new: Item?)] {
        var pairs: [(old: Item?, new: Item?)] = []
        var removed: [Item] = []
        var added: [Item] = []
        func settle() {
            pairs += pairGap(removed, added, text: text, pairable: pairable)
            removed.removeAll()
            added.removeAll()
        }
        var oldIndex = 0
        var newIndex = 0
        for step in EditScript.steps(from: old, to: new) {
            switch step {
            case .keep:
                settle()
                pairs.append((old[oldIndex], new[newIndex]))
                oldIndex += 1
                newIndex += 1
            case .remove:
                removed.append(old[oldIndex])
                oldIndex += 1
            case .add:
                added.append(new[newIndex])
                newIndex += 1
            }
        }
        settle()
        return pairs
    }

    /// Rows for a list of one-line items (authors, topics, list items), edited items compared word by word.
    static func rows<Item: Equatable>(
        _ old: [Item], _ new: [Item], side: (Item) -> (label: String, text: String)
    ) -> [RevisionDiff.Row] {
        rows(old, new, side: side, newSide: side)
    }

    /// The same, the newer items labelled their own way (a list made numbered).
    static func rows<Item: Equatable>(
        _ old: [Item], _ new: [Item], side: (Item) -> (label: String, text: String),
        newSide: (Item) -> (label: String, text: String)
    ) -> [RevisionDiff.Row] {
        pairs(old, new, text: { side($0).text }, pairable: { _, _ in true }).map { pair in
            let left = pair.old.map { side($0) }
            let right = pair.new.map { newSide($0) }
            if let left, let right {
                return RevisionDiff.Row(oldLabel: left.label, old: left.text, newLabel: right.label, new: right.text)
            }
            return RevisionDiff.Row(
                left: left.map { RevisionDiff.Side(label: $0.label, whole: $0.text, as: TextSegment.removed) },
                right: right.map { RevisionDiff.Side(label: $0.label, whole: $0.text, as: TextSegment.added) })
        }
    }

    /// Pairs the removed and added items between two kept ones: the pairing in order whose pairs
    /// share the most words; a lone item on each side is paired whatever its words.
    static func pairGap<Item>(
        _ removed: [Item], _ added: [Item], text: (Item) -> String, pairable: (Item, Item) -> Bool
    ) -> [(old: Item?, new: Item?)] {
        let lone =
            removed.map { (old: Optional($0), new: Item?.none) } + added.map { (old: Item?.none, new: Optional($0)) }
        guard !removed.isEmpty, !added.isEmpty, removed.count * added.count <= pairingLimit else { return lone }
        let oldWords = removed.map { words(text($0)) }
        let newWords = added.map { words(text($0)) }
        let single = removed.count == 1 && added.count == 1
        func weight(_ i: Int, _ j: Int) -> Double? {
            guard pairable(removed[i], added[j]) else { return nil }
            let shared = Double(oldWords[i].intersection(newWords[j]).count)
            let likeness = shared / Double(max(oldWords[i].count, newWords[j].count, 1))
            // A small bonus so an edited item with no word left still pairs when it is alone.
            return likeness >= Self.likeness || single ? likeness + 0.001 : nil
        }
        // best[i][j]: the most likeness pairing the first i removed with the first j added can reach.
        var best = [[Double]](repeating: [Double](repeating: 0, count: added.count + 1), count: removed.count + 1)
        var paired = [[Bool]](repeating: [Bool](repeating: false, count: added.count + 1), count: removed.count + 1)
        for i in 1...removed.count {
            for j in 1...added.count {
                best[i][j] = max(best[i - 1][j], best[i][j - 1])
                if let weight = weight(i - 1, j - 1), best[i - 1][j - 1] + weight > best[i][j] {
                    best[i][j] = best[i - 1][j - 1] + weight
                    paired[i][j] = true
                }
            }
        }
        var pairs: [(old: Item?, new: Item?)] = []
        var i = removed.count
        var j = added.count
        while i > 0 || j > 0 {
            if i > 0, j > 0, paired[i][j] {
                pairs.append((removed[i - 1], added[j - 1]))
                i -= 1
                j -= 1
            } else if j > 0, i == 0 || best[i][j - 1] >= best[i - 1][j] {
                pairs.append((nil, added[j - 1]))
                j -= 1
            } else {
                pairs.append((removed[i - 1], nil))
                i -= 1
            }
        }
        return pairs.reversed()
    }

    private static func words(_ text: String) -> Set<Substring> {
        Set(WordDifference.pieces(of: text).filter { !($0.first?.isWhitespace ?? true) })
    }
}
