import Foundation

/// Finds where an article already filed as text is printed, by matching its words to the words of
/// the edition's pages: the bridge between a text-view story and the replica.
///
/// Both texts become runs of plain tokens (letters and digits only, lowercased, accents dropped;
/// a hyphen or an apostrophe splits), and every run of `shingle` tokens the article holds marks
/// the page words that spell it. OCR noise breaks the shingles around a misread word, not the
/// run: marked words closer than `gap` tokens join into one run, and a run of fewer than
/// `minimumRun` marked tokens (a stock phrase another story shares) is dropped. Each run becomes
/// one rectangle per column it passes through, on the page it lies on, so a story that jumps
/// pages has regions on both.
///
/// Work is linear in the words: one pass to index the pages' shingles, one over the article's,
/// one over the marks; a shingle printed more than `commonLimit` times is too common to place.
public struct ArticleTextLocator: Sendable {
    /// The words of one page, by its number in the edition.
    public struct PageWords: Sendable {
        public var page: Int
        public var words: [WordBox]

        public init(page: Int, words: [WordBox]) {
            self.page = page
            self.words = words
        }
    }

    public var shingle = 3
    public var gap = 4
    public var minimumRun = 6
    public var commonLimit = 4

    public init() {}

    /// The regions where `text` is printed on `pages`, in the pages' order and reading order
    /// within each; empty when it is not found.
    public func regions(of text: String, on pages: [PageWords]) -> [Region] {
        let printed = PrintedTokens(pages.map(\.words))
        let marked = mark(PrintedTokens.tokens(text), in: printed.tokens)
        var regions: [Region] = []
        for run in runs(marked, pages: printed.pageOf) {
            regions += Self.columnRegions(
                wordIndexes: run.map { printed.wordOf[$0] }, words: pages[printed.pageOf[run[0]]])
        }
        return regions
    }

    /// For each printed token, whether an article shingle covers it.
    func mark(_ article: [Substring], in printed: [Substring]) -> [Bool] {
        var marked = [Bool](repeating: false, count: printed.count)
        guard article.count >= shingle, printed.count >= shingle else { return marked }
        var places: [ArraySlice<Substring>: [Int]] = [:]
        for start in 0...(printed.count - shingle) {
            places[printed[start..<start + shingle], default: []].append(start)
        }
        for start in 0...(article.count - shingle) {
            guard let found = places[article[start..<start + shingle]], found.count <= commonLimit else { continue }
            for place in found {
                for index in place..<place + shingle { marked[index] = true }
            }
        }
        return marked
    }

    /// Runs of marked tokens, joined across gaps of up to `gap` unmarked ones but never across a
    /// page break; only runs of at least `minimumRun` marked tokens.
    func runs(_ marked: [Bool], pages pageOf: [Int]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        var count = 0
        func close() {
            if count >= minimumRun { runs.append(current) }
            current = []
            count = 0
        }
        for (index, isMarked) in marked.enumerated() where isMarked {
            if let last = current.last, index - last - 1 > gap || pageOf[last] != pageOf[index] { close() }
            if let last = current.last { current += (last + 1)..<index }
            current.append(index)
            count += 1
        }
        close()
        return runs
    }

    /// A run's words as one rectangle per column: a word that stands wholly above the one before
    /// it begins a new column.
    static func columnRegions(wordIndexes: [Int], words page: PageWords) -> [Region] {
        var boxes: [PageBox] = []
        var column: PageBox?
        var previous: PageBox?
        var lastWord = -1
        for index in wordIndexes where index != lastWord {
            lastWord = index
            for part in page.words[index].boxes {
                if let above = previous, part.maxY <= above.y, let finished = column {
                    boxes.append(finished)
                    column = nil
                }
                column = column?.union(part) ?? part
                previous = part
            }
        }
        if let column { boxes.append(column) }
        return boxes.compactMap { try? Region(page: page.page, box: $0) }
    }
}
