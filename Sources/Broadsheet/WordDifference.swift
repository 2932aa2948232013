/// Two texts compared word by word, for the two sides of a changed field or block.
enum WordDifference {
    /// The older text's segments (same and removed) and the newer text's (same and added).
    ///
    /// Words and the spaces between them are compared as separate pieces, so a change of spacing
    /// shows as one and the last word of a sentence still matches when words follow it. A space
    /// left between two changes is counted with them: "the cat sat" against "a dog ran" reads as
    /// one removal and one addition, not six scraps around two shared spaces. Beyond
    /// `EditScript.Limits` the words between the shared opening and ending are removed and added whole.
    static func sides(_ old: String, _ new: String) -> (left: [TextSegment], right: [TextSegment]) {
        if old == new { return (old.isEmpty ? [] : [.same(old)], new.isEmpty ? [] : [.same(new)]) }
        let oldPieces = pieces(of: old)
        let newPieces = pieces(of: new)
        let steps = EditScript.steps(from: oldPieces, to: newPieces)
        let kept = keptPieces(steps, old: oldPieces)
        var left = SegmentBuilder(change: TextSegment.removed)
        var right = SegmentBuilder(change: TextSegment.added)
        var oldIndex = 0
        var newIndex = 0
        for (position, step) in steps.enumerated() {
            switch step {
            case .keep:
                left.append(oldPieces[oldIndex], changed: !kept[position])
                right.append(newPieces[newIndex], changed: !kept[position])
                oldIndex += 1
                newIndex += 1
            case .remove:
                left.append(oldPieces[oldIndex], changed: true)
                oldIndex += 1
            case .add:
                right.append(newPieces[newIndex], changed: true)
                newIndex += 1
            }
        }
        return (left.segments, right.segments)
    }

    /// Runs of white space and runs of everything else, in order: joined, the text again.
    static func pieces(of text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if next < text.endIndex, text[next].isWhitespace != text[index].isWhitespace {
                pieces.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex { pieces.append(text[start..<text.endIndex]) }
        return pieces
    }

    /// Which kept steps stay shared: all but runs of white space with a change on both sides.
    private static func keptPieces(_ steps: [EditScript.Step], old: [Substring]) -> [Bool] {
        var kept = steps.map { $0 == .keep }
        var oldIndex = 0
        var position = 0
        while position < steps.count {
            guard steps[position] == .keep else {
                if steps[position] == .remove { oldIndex += 1 }
                position += 1
                continue
            }
            var end = position
            var blank = true
            while end < steps.count, steps[end] == .keep {
                blank = blank && old[oldIndex + end - position].allSatisfy(\.isWhitespace)
                end += 1
            }
            if blank, position > 0, end < steps.count {
                for index in position..<end { kept[index] = false }
            }
            oldIndex += end - position
            position = end
        }
        return kept
    }
}

/// Gathers one side's pieces into segments, one for each run of shared or changed text.
private struct SegmentBuilder {
    /// How this side marks what changed: `.removed` on the left, `.added` on the right.
    let change: (String) -> TextSegment
    private var finished: [TextSegment] = []
    private var pending = ""
    private var pendingChanged = false

    init(change: @escaping (String) -> TextSegment) {
        self.change = change
    }

    mutating func append(_ piece: Substring, changed: Bool) {
        if changed != pendingChanged, !pending.isEmpty {
            finished.append(pendingChanged ? change(pending) : .same(pending))
            pending = ""
        }
        pendingChanged = changed
        pending += piece
    }

    var segments: [TextSegment] {
        pending.isEmpty ? finished : finished + [pendingChanged ? change(pending) : .same(pending)]
    }
}
