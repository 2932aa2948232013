import Broadsheet
@_spi(Testing) import BroadsheetFormats
import Foundation
import Testing

/// ALTO pages of every version and unit, hyphenated words, blocks, and the errors of bad files.
@Suite("Reading ALTO", .timeLimit(.minutes(10)))
struct ALTOReaderTests {
    static let namespaces = [
        2: "http://www.loc.gov/standards/alto/ns-v2#", 3: "http://www.loc.gov/standards/alto/ns-v3#",
        4: "http://www.loc.gov/standards/alto/ns-v4#",
    ]

    /// An ALTO file of one page `width` × `height` in `unit`, with `layout` inside its PrintSpace.
    static func alto(
        version: Int = 4, unit: String = "pixel", width: String = "2400", height: String = "3000", layout: String
    ) -> Data {
        Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <alto xmlns="\(namespaces[version] ?? "")">
              <Description><MeasurementUnit>\(unit)</MeasurementUnit></Description>
              <Layout><Page ID="P1" WIDTH="\(width)" HEIGHT="\(height)"><PrintSpace>
            \(layout)
              </PrintSpace></Page></Layout>
            </alto>
            """.utf8)
    }

    /// One block with one line of one word, its box in the page's unit.
    static func oneWord(_ hpos: Double, _ vpos: Double, _ width: Double, _ height: Double) -> String {
        """
        <TextBlock ID="TB1"><TextLine>
        <String CONTENT="Tide" HPOS="\(hpos)" VPOS="\(vpos)" WIDTH="\(width)" HEIGHT="\(height)"/>
        </TextLine></TextBlock>
        """
    }

    /// The same page (2400 × 3000 pixels at 300 dpi, a word at 10 % from the left and top) in each
    /// version and unit: the boxes agree, and so does the size in pixels.
    @Test(arguments: [
        (2, "pixel", 1.0), (3, "pixel", 1.0), (4, "pixel", 1.0), (2, "mm10", 254.0 / 300), (3, "mm10", 254.0 / 300),
        (4, "mm10", 254.0 / 300), (2, "inch1200", 4.0), (3, "inch1200", 4.0), (4, "inch1200", 4.0),
    ])
    func versionsAndUnits(version: Int, unit: String, perPixel: Double) throws {
        let data = Self.alto(
            version: version, unit: unit, width: String(2400 * perPixel), height: String(3000 * perPixel),
            layout: Self.oneWord(240 * perPixel, 300 * perPixel, 480 * perPixel, 60 * perPixel))
        let page = try ALTOReader().read(data, file: "p1.xml")
        #expect(page.version == version)
        #expect(page.unit.rawValue == unit)
        let box = try #require(page.words.first?.boxes.first)
        #expect(abs(box.x - 0.1) < 1e-9 && abs(box.y - 0.1) < 1e-9)
        #expect(abs(box.width - 0.2) < 1e-9 && abs(box.height - 0.02) < 1e-9)
        let size = try #require(page.pixelSize(resolution: 300))
        #expect(size.width == 2400 && size.height == 3000)
        #expect(unit == "pixel" || page.pixelSize() == nil, "a physical unit needs a resolution")
    }

    /// NDNP batches write ALTO in CCS's namespace of ALTO 1 and 2, in 1/1200 of an inch.
    @Test func theNamespaceOfNDNPBatchesReadsAsALTO2() throws {
        let data = String(
            decoding: Self.alto(unit: "inch1200", layout: Self.oneWord(480, 600, 960, 120)), as: UTF8.self
        )
        .replacingOccurrences(of: Self.namespaces[4] ?? "", with: "http://schema.ccs-gmbh.com/ALTO")
        let page = try ALTOReader().read(Data(data.utf8), file: "0001.xml")
        #expect(page.version == 2)
        #expect(page.words.map(\.text) == ["Tide"])
        #expect(page.pixelSize(resolution: 400)?.width == 800)
    }

    @Test func hyphenatedWordsAreJoinedWithBothBoxes() throws {
        let data = try XMLFixtures.data("printed/alto-0001.xml")
        let page = try ALTOReader().read(data, file: "alto-0001.xml")
        let words = page.words.map(\.text)
        #expect(words.contains("reopened"))
        #expect(!words.contains("re") && !words.contains("opened"))
        let joined = try #require(page.words.first { $0.text == "reopened" })
        #expect(joined.boxes.count == 2)
        #expect(joined.boxes[0].y < joined.boxes[1].y, "the first part on the upper line")
        #expect(joined.bounds.height > joined.boxes[0].height)
    }

    /// An older file marks a hyphen with HYP alone: the line's last word joins the next line's first.
    @Test func hyphenElementAloneJoinsTheNextLine() throws {
        let data = try XMLFixtures.data("printed/alto-0002.xml")
        let page = try ALTOReader().read(data, file: "alto-0002.xml")
        #expect(page.words.map(\.text) == ["of", "repairs", "to", "its", "girders.", "Library"])
        #expect(page.words[4].boxes.count == 2)
    }

    @Test func blocksKeepTheirIDsBoxesAndWords() throws {
        let page = try ALTOReader().read(XMLFixtures.data("printed/alto-0002.xml"), file: "alto-0002.xml")
        #expect(page.blocks.map(\.id) == ["P2_TB1", "P2_TB2", "P2_CB1"])
        #expect(page.label == "A2")
        let composed = try #require(page.block("P2_CB1"))
        #expect(page.words(in: composed).map(\.text) == ["of", "repairs", "to", "its", "girders.", "Library"])
        let second = try #require(page.block("P2_TB2"))
        #expect(page.words(in: second).map(\.text) == ["Library"])
        let first = try #require(page.block("P2_TB1"))
        #expect(abs(first.box.x - 100.0 / 2100) < 1e-9 && abs(first.box.width - 900.0 / 2100) < 1e-9)
        let fixture = try ALTOReader().read(XMLFixtures.data("printed/alto-0001.xml"), file: "alto-0001.xml")
        let picture = try #require(fixture.block("P1_IL1"))
        #expect(picture.kind == "Illustration" && picture.words.isEmpty)
    }

    @Test func zeroWidthWordGetsOneUnit() throws {
        let page = try ALTOReader().read(Self.alto(layout: Self.oneWord(100, 100, 0, 40)), file: "p1.xml")
        #expect(abs((page.words.first?.boxes.first?.width ?? 0) - 1.0 / 2400) < 1e-12)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var data: Data
        var line: Int?
        var message: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(
            name: "malformed XML",
            data: Data("<alto>\n<Layout>\n<Page WIDTH=\"10\" HEIGHT=\"10\">\n</Layout></alto>".utf8),
            line: 4, message: "a closing tag does not match"),
        BadCase(
            name: "a word outside the page", data: alto(layout: oneWord(2300, 100, 200, 40)), line: 6,
            message: "<String CONTENT=\"Tide\"> must lie inside the page (2400.0 × 3000.0), not from (2300.0, 100.0) "
                + "to (2500.0, 140.0) (in pixel)"),
        BadCase(
            name: "an unknown unit", data: alto(unit: "furlong", layout: oneWord(1, 1, 1, 1)), line: 3,
            message: "<MeasurementUnit>: expected a MeasurementUnit of pixel, mm10 or inch1200, found 'furlong'"),
        BadCase(
            name: "a page without a size", data: alto(width: "", layout: oneWord(1, 1, 1, 1)), line: 4,
            message: "<Page>: expected the page's WIDTH and HEIGHT above 0 (in pixel)"),
        BadCase(
            name: "a word position that is not a number",
            data: alto(
                layout:
                    #"<TextBlock ID="B"><TextLine><String CONTENT="x" HPOS="ten" VPOS="1" WIDTH="1" HEIGHT="1"/></TextLine></TextBlock>"#
            ),
            line: 5, message: "<String>: expected HPOS as a number, found 'ten'"),
        BadCase(
            name: "a word with no position",
            data: alto(layout: #"<TextBlock ID="B"><TextLine><String CONTENT="x"/></TextLine></TextBlock>"#),
            line: 5, message: "<String>: expected the word's HPOS, VPOS, WIDTH and HEIGHT"),
        BadCase(
            name: "a block without an ID", data: alto(layout: #"<TextBlock HPOS="1" VPOS="1" WIDTH="5" HEIGHT="5"/>"#),
            line: 5,
            message: "<TextBlock>: expected an ID on <TextBlock>"),
        BadCase(
            name: "another root", data: Data(#"<mets xmlns="http://www.loc.gov/METS/"/>"#.utf8), line: 1,
            message: "expected an ALTO file (<alto>), found <mets>"),
        BadCase(
            name: "an unknown namespace",
            data: Data(#"<alto xmlns="urn:not-alto"><Layout><Page WIDTH="1" HEIGHT="1"/></Layout></alto>"#.utf8),
            line: 1, message: "expected an ALTO v2, v3 or v4 namespace"),
        BadCase(
            name: "an entity declaration",
            data: Data("<!DOCTYPE alto [\n<!ENTITY x \"y\">\n]><alto/>".utf8), line: 2,
            message: "the document declares its own entities"),
    ]

    @Test(arguments: badCases)
    func badFilesNameTheLineAndElement(_ bad: BadCase) {
        #expect {
            try ALTOReader().read(bad.data, file: "page-7.xml")
        } throws: { error in
            guard let error = error as? FormatError else { return false }
            let matches = error.file == "page-7.xml" && error.line == bad.line && error.message.contains(bad.message)
            if !matches { Issue.record("\(error)") }
            return matches
        }
    }

    /// A page of many lines takes work in step with its length, and memory for one block at a time.
    @Test func workGrowsInStepWithTheFile() {
        let line = """
            <TextLine><String CONTENT="Tide" HPOS="10" VPOS="10" WIDTH="40" HEIGHT="10"/><SP/>\
            <String CONTENT="ga" HPOS="60" VPOS="10" WIDTH="20" HEIGHT="10" SUBS_TYPE="HypPart1" SUBS_CONTENT="gauge"/>\
            <HYP CONTENT="-"/></TextLine><TextLine>\
            <String CONTENT="uge" HPOS="10" VPOS="30" WIDTH="30" HEIGHT="10" SUBS_TYPE="HypPart2" SUBS_CONTENT="gauge"/>\
            </TextLine>

            """
        let work = LinearWorkCase("ALTO lines") { count in
            let blocks = (0..<count / 10).map { #"<TextBlock ID="B\#($0)">"# + line.times(10) + "</TextBlock>\n" }
            return String(decoding: Self.alto(layout: blocks.joined()), as: UTF8.self)
        }
        work.expectLinear { text in
            let page = try? ALTOReader().read(Data(text.utf8), file: "long.xml")
            #expect(page?.words.last?.text == "gauge")
        }
    }
}
