import Broadsheet
import Testing

/// Marking a search on a page's words: phrases only where their words stand together, word forms
/// the index treats alike, prefixes, exclusions marking nothing, hyphenated words whole.
@Suite("Finding a search's hits among a page's words", .timeLimit(.minutes(10)))
struct PageHitFinderTests {
    static let page = """
        The harbour bridge reopens on Monday. Bridges across the river closed in March, and the \
        harbour authority said the old bridge needs new cables. Harbour-side cafés welcomed it.
        """

    static func words(_ text: String = page) throws -> [WordBox] {
        try ArticleTextLocatorTests.column(text, x: 0.05)
    }

    static func hits(_ query: String, in text: String = page) throws -> [PageHitFinder.Hit] {
        PageHitFinder(SearchExpression(parsing: query)).hits(in: try words(text))
    }

    @Test func aPhraseIsMarkedOnlyWhereItsWordsStandTogether() throws {
        let hits = try Self.hits("\"harbour bridge\"")
        #expect(hits.map(\.text) == ["harbour bridge"])
        #expect(hits[0].words == 1...2)
        #expect(hits[0].boxes.count == 2)
    }

    @Test func wordFormsAndCaseMatchAsTheIndexDoes() throws {
        let hits = try Self.hits("BRIDGE")
        #expect(hits.map(\.text) == ["bridge", "Bridges", "bridge"])
        #expect(try Self.hits("cafe").map(\.text) == ["cafés"])
        #expect(try Self.hits("close").map(\.text) == ["closed"])
    }

    @Test func prefixesExclusionsAndGroups() throws {
        #expect(try Self.hits("harb*").map(\.text) == ["harbour", "harbour", "Harbour-side"])
        #expect(try Self.hits("-bridge").isEmpty)
        let finder = PageHitFinder(SearchExpression(parsing: "river OR lake cables"))
        let hits = finder.hits(in: try Self.words())
        #expect(hits.map(\.group) == [0, 1])
        #expect(finder.answersAll(hits))
        let partial = PageHitFinder(SearchExpression(parsing: "river tram"))
        #expect(!partial.answersAll(partial.hits(in: try Self.words())))
    }

    @Test func aHyphenatedWordIsOneHitWithTheBoxesOfBothParts() throws {
        let top = try PageBox(x: 0.8, y: 0.1, width: 0.1, height: 0.01)
        let bottom = try PageBox(x: 0.05, y: 0.12, width: 0.1, height: 0.01)
        let words = [
            try WordBox(text: "Ferry", box: try PageBox(x: 0.7, y: 0.1, width: 0.08, height: 0.01)),
            try WordBox(text: "harbour", boxes: [top, bottom]),
        ]
        let hits = PageHitFinder(SearchExpression(parsing: "harbours")).hits(in: words)
        #expect(hits.map(\.boxes) == [[top, bottom]])
    }

    @Test func nothingToLookForMarksNothing() throws {
        #expect(try Self.hits("").isEmpty)
        #expect(try Self.hits("...").isEmpty)
        #expect(try Self.hits("tram").isEmpty)
    }
}

extension PageHitFinderTests {
    @Test func aSnippetShowsTheFirstHitsInTheirWords() throws {
        let words = try Self.words()
        let finder = PageHitFinder(SearchExpression(parsing: "cables"))
        let snippet = finder.snippet(of: finder.hits(in: words), in: words, context: 3)
        #expect(
            snippet.parts == [
                .text("… bridge needs new "), .match("cables."), .text(" Harbour-side cafés welcomed …"),
            ])
        let first = PageHitFinder(SearchExpression(parsing: "harbour"))
        let opening = first.snippet(of: first.hits(in: words), in: words, hitsShown: 1, context: 2)
        #expect(opening.parts == [.text("The "), .match("harbour"), .text(" bridge reopens …")])
        let both = PageHitFinder(SearchExpression(parsing: "bridge reopens"))
        let together = both.snippet(of: both.hits(in: words), in: words, context: 1)
        #expect(
            together.parts == [.text("… harbour "), .match("bridge"), .text(" "), .match("reopens"), .text(" on …")],
            "hits within one window are all marked")
        #expect(first.snippet(of: [], in: words).parts.isEmpty)
    }
}

extension PageHitFinderTests {
    /// `leg-spinner` is two words to the search; printed as one word, that word answers both.
    @Test func oneHyphenatedWordAnswersEveryWordOfTheSearchItHolds() throws {
        let words = try Self.words("The young leg-spinner took five wickets")
        let finder = PageHitFinder(SearchExpression(parsing: "leg-spinner"))
        let hits = finder.hits(in: words)
        #expect(hits.map(\.text) == ["leg-spinner"])
        #expect(hits.first?.groups == [0, 1])
        #expect(finder.answersAll(hits))
    }
}
