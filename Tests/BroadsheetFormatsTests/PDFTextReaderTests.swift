import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// The text layer of a PDF, as `pdftotext -bbox-layout` writes it, and finding a filed article in it.
///
/// The fixture `Fixtures/printed/sample-edition.xhtml` is real pdftotext output: the two-page PDF
/// beside it was written by `make-sample-pdf.py` (also beside it: our own copy, Helvetica, A4),
/// then `pdftotext -bbox-layout sample-edition.pdf sample-edition.xhtml` with Debian bookworm's
/// poppler-utils 22.12.0.
@Suite("Reading a PDF's text layer", .timeLimit(.minutes(10)))
struct PDFTextReaderTests {
    static func pages() throws -> [PDFTextPage] {
        try PDFTextReader().read(XMLFixtures.data("printed/sample-edition.xhtml"), file: "sample-edition.xhtml")
    }

    @Test func pagesWithTheirSizeAndWords() throws {
        let pages = try Self.pages()
        #expect(pages.map(\.number) == [1, 2])
        #expect(pages.allSatisfy { $0.width == 595 && $0.height == 842 })
        let size = pages[0].pixelSize(resolution: 144)
        #expect(size.width == 1190 && size.height == 1684)
        #expect(pages[0].words.prefix(3).map(\.text) == ["The", "Tidewater", "Courier"])
        // 70 and 46 <word> elements; "Engi-" and "neers" are one word.
        #expect(pages.map(\.words.count) == [69, 46])
        let title = try #require(pages[0].words.first)
        // xMin 56, yMin 47.64 of a 595 × 842 point page.
        #expect(abs(title.boxes[0].x - 56.0 / 595) < 1e-9 && abs(title.boxes[0].y - 47.64 / 842) < 1e-9)
    }

    @Test func aWordBrokenAtTheLineEndIsJoined() throws {
        let words = try Self.pages()[0].words
        let joined = try #require(words.first { $0.text == "Engineers" })
        #expect(joined.boxes.count == 2)
        #expect(joined.boxes[1].y > joined.boxes[0].y)
        #expect(!words.contains { $0.text == "Engi-" || $0.text == "neers" })
    }

    /// A story filed from text, which the paper printed from page 1's right column on to page 2.
    static let bridgeStory = """
        The old harbour bridge opened again on Tuesday after eight months of repairs to its rusted girders \
        and worn deck. Engineers replaced forty steel plates and painted the span a pale shade of green.

        Ferry crews welcomed the news, since the crossing had carried twice its usual load of commuters \
        while the bridge was shut.
        """

    @Test func aFiledArticleIsFoundOnBothItsPages() throws {
        let pages = try Self.pages().map { ArticleTextLocator.PageWords(page: $0.number, words: $0.words) }
        let regions = ArticleTextLocator().regions(of: Self.bridgeStory, on: pages)
        #expect(Set(regions.map(\.page)) == [1, 2])
        let first = try #require(regions.first { $0.page == 1 }?.bounds)
        // The right column from the body's first line to its last; not the headline above nor the jump line below.
        #expect(abs(first.x - 310.0 / 595) < 0.01)
        #expect(first.y > 114.9 / 842 && first.maxY < 200.0 / 842)
        let second = try #require(regions.first { $0.page == 2 }?.bounds)
        #expect(second.x < 60.0 / 595 && second.maxX < 300.0 / 595, "page 2's left column only")
        let story = try PrintedArticle(regions: regions)
        #expect(story.pages == [1, 2])
    }

    @Test func anArticleNotPrintedIsNotFound() throws {
        let pages = try Self.pages().map { ArticleTextLocator.PageWords(page: $0.number, words: $0.words) }
        let elsewhere = "The lighthouse keeper retired on Friday after forty years of lamps, storms and visitors."
        #expect(ArticleTextLocator().regions(of: elsewhere, on: pages).isEmpty)
    }

    @Test(arguments: [
        ("<html><body><doc></doc></body></html>", "expected <page> elements in <doc>, found none"),
        (
            #"<html><body><doc><page width="0" height="842"/></doc></body></html>"#,
            "<page>: expected a width and a height above 0"
        ),
        (
            #"<html><body><doc><page width="595" height="842"><flow><block><line><word xMin="a" yMin="1" xMax="2" yMax="3">x</word></line></block></flow></page></doc></body></html>"#,
            "<word>: expected xMin as a number of points, found 'a'"
        ),
        ("<html><body><doc><page>", "the XML ends before its elements are closed"),
        ("<pdf2xml/>", "expected the XHTML of pdftotext -bbox-layout (<html>), found <pdf2xml>"),
    ])
    func badTextLayersAreRefused(xhtml: String, message: String) {
        #expect {
            try PDFTextReader().read(Data(xhtml.utf8), file: "edition.xhtml")
        } throws: { error in
            let matches =
                (error as? FormatError).map { $0.file == "edition.xhtml" && $0.message.contains(message) } ?? false
            if !matches { Issue.record("\(error)") }
            return matches
        }
    }

    @Test func wordsPastThePageAreCutOrLeftOut() throws {
        let xhtml = """
            <html xmlns="http://www.w3.org/1999/xhtml"><body><doc><page width="100" height="200"><flow><block><line>
            <word xMin="90" yMin="10" xMax="120" yMax="20">bleed</word>
            <word xMin="150" yMin="10" xMax="190" yMax="20">slug</word>
            </line></block></flow></page></doc></body></html>
            """
        let page = try #require(PDFTextReader().read(Data(xhtml.utf8), file: "x.xhtml").first)
        #expect(page.words.map(\.text) == ["bleed"])
        #expect(abs((page.words.first?.boxes[0].maxX ?? 0) - 1) < 1e-12)
    }
}
