import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// ALTO written from a page's stored words: it reads back word for word and box for box, with
/// lines, columns and hyphenated words laid out as ALTO lays them out.
@Suite("Writing ALTO", .timeLimit(.minutes(10)))
struct ALTOWriterTests {
    static let width = 1200
    static let height = 1800

    /// A word at a box given in the page's pixels.
    static func word(_ text: String, _ boxes: [(Double, Double, Double, Double)]) throws -> WordBox {
        try WordBox(
            text: text,
            boxes: boxes.map { left, top, width, height in
                try PageBox(
                    left: left, top: top, width: width, height: height, pageWidth: Double(Self.width),
                    pageHeight: Double(Self.height))
            })
    }

    /// Two columns: the first of two lines, the second of line ending in a word hyphenated onto
    /// the next line; then a block well below the second column.
    static func page() throws -> [WordBox] {
        [
            try word("Tide", [(100, 100, 80, 30)]), try word("tables", [(190, 100, 110, 30)]),
            try word("for", [(100, 140, 50, 30)]), try word("A&B \"ferries\"", [(160, 140, 200, 30)]),
            try word("harbour", [(700, 100, 90, 30), (600, 140, 60, 30)]), try word("works", [(670, 140, 80, 30)]),
            try word("Notices", [(600, 600, 120, 30)]),
        ]
    }

    @Test func aPageReadsBackWordForWordAndBoxForBox() throws {
        let words = try Self.page()
        let document = ALTOWriter(number: 3, label: "A3", imageName: "abc.png").document(
            width: Self.width, height: Self.height, words: words)
        let page = try ALTOReader().read(Data(document.utf8), file: "p3.xml")
        #expect(page.version == 4)
        #expect(page.unit == .pixel)
        #expect(page.label == "A3")
        #expect(page.width == Double(Self.width) && page.height == Double(Self.height))
        #expect(page.words.map(\.text) == words.map(\.text))
        for (read, written) in zip(page.words, words) {
            let readBoxes = read.boxes.map { Self.pixels($0) }
            let writtenBoxes = written.boxes.map { Self.pixels($0) }
            #expect(readBoxes == writtenBoxes, "\(written.text)")
        }
    }

    @Test func linesAndColumnsBecomeLinesAndBlocks() throws {
        let document = ALTOWriter(number: 1).document(width: Self.width, height: Self.height, words: try Self.page())
        let page = try ALTOReader().read(Data(document.utf8), file: "p1.xml")
        #expect(page.blocks.map(\.kind) == ["TextBlock", "TextBlock", "TextBlock"])
        #expect(page.blocks.map(\.words) == [0..<4, 4..<6, 6..<7])
        #expect(document.components(separatedBy: "<TextLine ").count - 1 == 5)
        #expect(document.contains("SUBS_TYPE=\"HypPart1\" SUBS_CONTENT=\"harbour\""))
        #expect(document.contains("<HYP CONTENT=\"-\"/>\n</TextLine>"))
        #expect(document.contains("CONTENT=\"A&amp;B &quot;ferries&quot;\""))
        #expect(document.contains("<Page ID=\"P1\" PHYSICAL_IMG_NR=\"1\" WIDTH=\"1200\" HEIGHT=\"1800\">"))
    }

    @Test func aPageWithoutWordsIsAnEmptyPrintSpace() throws {
        let document = ALTOWriter(number: 2).document(width: 800, height: 600, words: [])
        let page = try ALTOReader().read(Data(document.utf8), file: "p2.xml")
        #expect(page.words.isEmpty)
        #expect(page.width == 800 && page.height == 600)
    }

    static func pixels(_ box: PageBox) -> [Int] {
        let scaled = box.scaled(width: width, height: height)
        return [scaled.x, scaled.y, scaled.width, scaled.height]
    }
}
