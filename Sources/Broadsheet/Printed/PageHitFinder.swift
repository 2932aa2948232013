/// Where a reader's search is printed on a page: the words of each occurrence of its terms, so
/// the replica can mark them where they stand and a IIIF content search can answer with boxes.
///
/// Only what matches is marked: a phrase marks the places where its words stand together, not
/// each of its words wherever it occurs; excluded terms mark nothing. Words compare as the
/// search index compares them, folded (case and accents) and with the common English endings
/// dropped ("bridges" finds "bridge"), so a page the index finds has its hits marked.
public struct PageHitFinder: Sendable {
    /// One occurrence of a term on the page.
    public struct Hit: Hashable, Sendable {
        /// The words it spans, as indexes into the page's words.
        public var words: ClosedRange<Int>
        /// The first of the expression's required groups it answers (`SearchExpression.required`).
        public var group: Int
        /// Every group it answers: "leg-spinner" answers both words of `leg-spinner`.
        public var groups: Set<Int>
        /// The boxes of its words in reading order (a hyphenated word has two).
        public var boxes: [PageBox]
        /// The words as printed, joined by spaces.
        public var text: String
    }

    private struct Pattern {
        var group: Int
        var kind: SearchExpression.Term.Kind
        var tokens: [Substring]
    }

    private let patterns: [Pattern]

    public init(_ expression: SearchExpression) {
        var patterns: [Pattern] = []
        for (group, terms) in expression.required.enumerated() {
            for term in terms {
                let tokens = PrintedTokens.tokens(term.words.joined(separator: " "))
                guard !tokens.isEmpty else { continue }
                let folded = term.kind == .prefix ? tokens : tokens.map(Self.stem)
                patterns.append(Pattern(group: group, kind: term.kind, tokens: folded))
            }
        }
        self.patterns = patterns
    }

    /// The occurrences in `words` (one page's, in reading order), in reading order; where two
    /// terms cover the same words, the first found is kept.
    public func hits(in words: [WordBox]) -> [Hit] {
        guard !patterns.isEmpty else { return [] }
        let printed = PrintedTokens([words])
        let stems = printed.tokens.map(Self.stem)
        var hits: [Hit] = []
        var coveredUpTo = -1
        for start in printed.tokens.indices {
            for pattern in patterns {
                guard let end = match(pattern, at: start, raw: printed.tokens, stems: stems) else { continue }
                let first = printed.wordOf[start]
                let last = printed.wordOf[end]
                guard first > coveredUpTo else {
                    // Within words a hit holds already: it answers this group too.
                    if let held = hits.last?.words, held.contains(first), held.contains(last) {
                        hits[hits.count - 1].groups.insert(pattern.group)
                    }
                    continue
                }
                let spanned = words[first...last]
                hits.append(
                    Hit(
                        words: first...last, group: pattern.group, groups: [pattern.group],
                        boxes: spanned.flatMap(\.boxes), text: spanned.map(\.text).joined(separator: " ")))
                coveredUpTo = last
                break
            }
        }
        return hits
    }

    /// The words around the first hits as a snippet, every hit within them marked: what a list
    /// of pages shows of each. Windows of `context` words either side of the first `hitsShown`
    /// hits; windows that touch are shown as one.
    public func snippet(of hits: [Hit], in words: [WordBox], hitsShown: Int = 2, context: Int = 8) -> Snippet {
        var windows: [ClosedRange<Int>] = []
        for hit in hits.prefix(hitsShown) {
            let window =
                max(0, hit.words.lowerBound - context)...min(words.count - 1, hit.words.upperBound + context)
            if let last = windows.last, window.lowerBound <= last.upperBound + 1 {
                windows[windows.count - 1] = last.lowerBound...max(last.upperBound, window.upperBound)
            } else {
                windows.append(window)
            }
        }
        let starts = Dictionary(hits.map { ($0.words.lowerBound, $0) }, uniquingKeysWith: { first, _ in first })
        var parts: [Snippet.Part] = []
        func text(_ value: String) {
            if case .text(let before) = parts.last {
                parts[parts.count - 1] = .text(before + value)
            } else {
                parts.append(.text(value))
            }
        }
        for window in windows {
            if window.lowerBound > 0 || !parts.isEmpty { text(parts.isEmpty ? "… " : " … ") }
            var index = window.lowerBound
            while index <= window.upperBound {
                if index > window.lowerBound { text(" ") }
                if let hit = starts[index], hit.words.upperBound <= window.upperBound {
                    parts.append(.match(hit.text))
                    index = hit.words.upperBound + 1
                } else {
                    text(words[index].text)
                    index += 1
                }
            }
        }
        if let last = windows.last, last.upperBound < words.count - 1 { text(" …") }
        return Snippet(parts: parts)
    }

    /// Whether every required group has a hit: the page answers the whole search.
    public func answersAll(_ hits: [Hit]) -> Bool {
        let groups = Set(patterns.map(\.group))
        return !groups.isEmpty && groups.isSubset(of: hits.reduce(into: Set<Int>()) { $0.formUnion($1.groups) })
    }

    /// The last token index of `pattern` matched from `start`, or nil.
    private func match(_ pattern: Pattern, at start: Int, raw: [Substring], stems: [Substring]) -> Int? {
        let end = start + pattern.tokens.count - 1
        guard end < raw.count else { return nil }
        switch pattern.kind {
        case .prefix:
            return raw[start].hasPrefix(pattern.tokens[0]) ? start : nil
        case .word, .phrase:
            for offset in pattern.tokens.indices where stems[start + offset] != pattern.tokens[offset] {
                return nil
            }
            return end
        }
    }

    /// A word without its common English inflection (plurals, possessives, `-ed`, `-ing`) and
    /// a final `e`, so "close", "closed" and "closing" agree. Lighter than the index's Porter
    /// stemmer, so it never joins words the index keeps apart.
    static func stem(_ token: Substring) -> Substring {
        var word = token
        if word.count > 3, word.hasSuffix("ies") {
            word = word.dropLast(3) + "y"
        } else if word.count > 4, word.hasSuffix("sses") {
            word = word.dropLast(2)
        } else if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us") {
            word = word.dropLast()
            if word.hasSuffix("e"), ["sh", "ch", "x", "z"].contains(where: { word.dropLast().hasSuffix($0) }) {
                word = word.dropLast()
            }
        } else if word.count > 5, word.hasSuffix("ing") {
            word = word.dropLast(3)
        } else if word.count > 4, word.hasSuffix("ed"), !word.hasSuffix("eed") {
            word = word.dropLast(2)
        }
        if word.count > 3, word.hasSuffix("e") { word = word.dropLast() }
        return word
    }
}
