import Foundation

/// Two archives after a copy: each one's `check` and their counts side by side. The copy is
/// good when both checks are clean and every count that must match does.
public struct ArchiveComparison: Hashable, Sendable {
    public var sourceProblems: [StoreProblem]
    public var targetProblems: [StoreProblem]
    public var source: Counts
    public var target: Counts

    public init(sourceProblems: [StoreProblem], targetProblems: [StoreProblem], source: Counts, target: Counts) {
        self.sourceProblems = sourceProblems
        self.targetProblems = targetProblems
        self.source = source
        self.target = target
    }

    /// What an archive holds, by the names `db stats` uses.
    public struct Counts: Hashable, Sendable {
        /// Counts a copy must carry over exactly, in the order they are shown.
        public var exact: [(name: String, count: Int)]
        /// Counts of shared rows (editions, sections, topics, authors) that a copy makes as the
        /// articles need them: a source may hold some no article links any more, which stay behind.
        public var derived: [(name: String, count: Int)]

        public init(_ stats: StoreStats, _ census: ArchiveCensus) {
            exact =
                [("articles", stats.articles)]
                + ArticleStatus.allCases.map { ("  \($0.rawValue)", stats.articlesByStatus[$0] ?? 0) }
                + [("revisions", stats.revisions), ("corrections", stats.corrections)]
                + [ArchivePart.users, .tokens, .printedPages, .audit].map { ($0.noun, census[$0]) }
            derived = [
                ("editions", stats.editions), ("sections", stats.sections), ("topics", stats.topics),
                ("authors", stats.authors),
            ]
        }

        public static func == (lhs: Counts, rhs: Counts) -> Bool {
            lhs.exact.elementsEqual(rhs.exact, by: ==) && lhs.derived.elementsEqual(rhs.derived, by: ==)
        }

        public func hash(into hasher: inout Hasher) {
            for (name, count) in exact + derived {
                hasher.combine(name)
                hasher.combine(count)
            }
        }
    }

    /// The exact counts that differ, by name.
    public var mismatches: [String] {
        zip(source.exact, target.exact).filter { $0.count != $1.count }.map {
            $0.0.name.trimmingCharacters(in: .whitespaces)
        }
    }

    /// Both checks clean and every exact count equal.
    public var agrees: Bool { sourceProblems.isEmpty && targetProblems.isEmpty && mismatches.isEmpty }
}
