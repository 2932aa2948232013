import Broadsheet
import Testing

/// Finding a filed article among a page's words: OCR noise, hyphens, case and punctuation
/// tolerated, a story that jumps pages found on both, a stock phrase not taken for a story.
@Suite("Locating an article's text on printed pages", .timeLimit(.minutes(10)))
struct ArticleTextLocatorTests {
    /// Words laid out in a column from `x`, `perLine` words a line, each 0.05 wide and 0.01 tall.
    static func column(_ text: String, x: Double, top: Double = 0.1, perLine: Int = 6) throws -> [WordBox] {
        try text.split(separator: " ").enumerated().map { index, word in
            let box = try PageBox(
                x: x + Double(index % perLine) * 0.06, y: top + Double(index / perLine) * 0.015, width: 0.05,
                height: 0.01)
            return try WordBox(text: String(word), box: box)
        }
    }

    static let story = """
        Ferry crews on the northern crossing will strike on Thursday over new rosters, the union said, \
        leaving island commuters to find another way to the mainland. The operator said talks would resume.
        """

    @Test func aStoryThatJumpsPagesHasRegionsOnBoth() throws {
        // Page 1: another story in the left column, ours (with OCR noise) in the right; page 2 its end.
        let other = try Self.column(
            "Council approves the new budget for road repairs and street lights this spring", x: 0.05)
        let start = try Self.column(
            "FERRY crews on the northem crossing will strike on Thursday over new rosters, the union said, leaving",
            x: 0.55)
        let end = try Self.column(
            "island commuters to find another way to the main- land. The operator said talks would resume.", x: 0.05)
        let pages = [
            ArticleTextLocator.PageWords(page: 1, words: other + start),
            ArticleTextLocator.PageWords(page: 2, words: end),
        ]
        let regions = ArticleTextLocator().regions(of: Self.story, on: pages)
        #expect(regions.map(\.page) == [1, 2])
        let first = regions[0].bounds
        #expect(abs(first.x - 0.55) < 1e-9, "only the right column of page 1")
        #expect(first.maxY > 0.1 + 2 * 0.015, "the run goes on past the misread word")
        #expect(regions[1].bounds.x < 0.1)
    }

    @Test func aRunThroughTwoColumnsGivesARectangleForEach() throws {
        let words = Self.story.split(separator: " ").map(String.init)
        let left = try Self.column(words[..<18].joined(separator: " "), x: 0.05)
        let right = try Self.column(words[18...].joined(separator: " "), x: 0.55)
        let regions = ArticleTextLocator().regions(of: Self.story, on: [.init(page: 4, words: left + right)])
        #expect(regions.count == 2)
        #expect(regions.map { $0.bounds.x } == [0.05, 0.55])
        #expect(regions.allSatisfy { $0.page == 4 && $0.bounds.width < 0.4 })
    }

    @Test func aSharedStockPhraseIsNotAStory() throws {
        let page = try Self.column(
            "Weather today the union said, leaving all markets shut and the council closed", x: 0.05)
        #expect(ArticleTextLocator().regions(of: Self.story, on: [.init(page: 1, words: page)]).isEmpty)
        #expect(ArticleTextLocator().regions(of: "", on: [.init(page: 1, words: page)]).isEmpty)
    }

    /// A long page and a long story: the work is one pass each, so this takes well under the limit.
    @Test func aLargePageIsMatchedQuickly() throws {
        let filler = (0..<40_000).map { "word\($0 % 997)" }
        let text = filler + Self.story.split(separator: " ").map(String.init)
        // 200 words a line in 0.005-wide cells, 0.004 apart: about 200 lines on the page.
        let words = try text.enumerated().map { index, word in
            try WordBox(
                text: word,
                box: PageBox(
                    x: Double(index % 200) * 0.005, y: Double(index / 200) * 0.004, width: 0.004, height: 0.003))
        }
        let regions = ArticleTextLocator().regions(of: Self.story, on: [.init(page: 1, words: words)])
        #expect(regions.count == 1)
        #expect((regions.first?.bounds.y ?? 0) > 0.79)
    }
}
