import Broadsheet
@_spi(Testing) import BroadsheetFormats
import Foundation
import Testing

/// An issue's METS with its pages and a continued article, an NDNP batch, and their errors.
@Suite("Reading METS and NDNP batches", .timeLimit(.minutes(10)))
struct METSReaderTests {
    static func issue() throws -> METSIssue {
        try METSReader().read(XMLFixtures.data("printed/issue-mets.xml"), file: "issue-mets.xml")
    }

    @Test func pagesInOrderWithTheirFiles() throws {
        let issue = try Self.issue()
        #expect(issue.date == EditionDate(year: 2025, month: 4, day: 29))
        #expect(issue.title == "The Tidewater Courier")
        #expect(issue.pages.map(\.number) == [1, 2])
        #expect(issue.pages.map(\.label) == ["A1", "A2"])
        #expect(issue.pages.map { $0.ocr?.href } == ["alto/0001.xml", "alto/0002.xml"])
        #expect(issue.pages.map { $0.image?.href } == ["images/0001.jp2", "images/0002.jp2"])
        #expect(issue.pages[0].ocr?.use == "TEXT", "a file takes its group's USE")
    }

    @Test func articlesWithAreasOnTwoPages() throws {
        let issue = try Self.issue()
        #expect(issue.articles.map(\.title) == ["Harbour bridge reopens", "Market stalls move indoors"])
        let bridge = issue.articles[0]
        #expect(bridge.id == "ART1")
        #expect(bridge.areas.map(\.block) == ["P1_TB2", "P1_TB3", "P2_TB1"])
        #expect(bridge.pages == [1, 2])
        #expect(issue.articles[1].pages == [1])
    }

    static func altoPages(of issue: METSIssue) throws -> [Int: ALTOPage] {
        var pages: [Int: ALTOPage] = [:]
        for page in issue.pages {
            let href = try #require(page.ocr?.href)
            let name = "printed/alto-" + (href.split(separator: "/").last.map(String.init) ?? "")
            pages[page.number] = try ALTOReader().read(XMLFixtures.data(name), file: href)
        }
        return pages
    }

    /// The METS areas and the ALTO blocks together give each article its regions.
    @Test func areasResolveToRegionsThroughTheALTOBlocks() throws {
        let issue = try Self.issue()
        let pages = try Self.altoPages(of: issue)
        let bridge = issue.articles[0]
        let printed = try bridge.printed(on: pages, file: "issue-mets.xml")
        #expect(printed.pages == [1, 2])
        #expect(printed.firstPage == 1)
        #expect(printed.regions(on: 1).map(\.bounds) == ["P1_TB2", "P1_TB3"].compactMap { pages[1]?.block($0)?.box })
        #expect(printed.regions(on: 2).map(\.bounds) == [pages[2]?.block("P2_TB1")?.box])
        let words = bridge.areas.flatMap { area in
            pages[area.page].flatMap { page in page.block(area.block ?? "").map { page.words(in: $0).map(\.text) } }
                ?? []
        }
        #expect(words.prefix(3) == ["Harbour", "bridge", "reopens"])
        #expect(words.contains("reopened") && words.contains("girders."))
    }

    @Test func anAreaNamingAMissingBlockIsAnError() throws {
        let issue = try Self.issue()
        var pages = try Self.altoPages(of: issue)
        pages[2]?.blocks.removeAll { $0.id == "P2_TB1" }
        #expect(
            throws: FormatError(
                file: "issue-mets.xml", line: issue.articles[0].line,
                message: "the article's area names the block \"P2_TB1\", which the ALTO of page 2 (ALTO00002) "
                    + "does not hold")
        ) {
            try issue.articles[0].printed(on: pages, file: "issue-mets.xml")
        }
        pages[2] = nil
        #expect(throws: FormatError.self) { try issue.articles[0].printed(on: pages, file: "issue-mets.xml") }
    }

    static func mets(_ body: String) -> Data {
        Data(
            """
            <mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
            <fileSec><fileGrp><file ID="A1" MIMETYPE="text/xml"><FLocat xlink:href="a1.xml"/></file></fileGrp></fileSec>
            \(body)
            </mets>
            """.utf8)
    }

    @Test(arguments: [
        (
            #"<structMap TYPE="PHYSICAL"><div TYPE="page"><fptr FILEID="A9"/></div></structMap>"#, 3,
            #"<div>: a <fptr> names FILEID "A9", which the <fileSec> does not list"#
        ),
        (
            #"<structMap TYPE="PHYSICAL"><div TYPE="page"><fptr FILEID="A1"/></div></structMap>"#
                + "\n"
                + #"<structMap TYPE="LOGICAL"><div TYPE="ARTICLE"><fptr><area FILEID="A2" BEGIN="B1"/></fptr></div></structMap>"#,
            4, #"<area>: the area's FILEID "A2" is not a file of any page"#
        ),
        (
            #"<structMap TYPE="PHYSICAL"><div TYPE="page" ORDER="first"/></structMap>"#, 3,
            "<div>: expected ORDER as a page number from 1 to 10000, found 'first'"
        ),
        (
            #"<structMap TYPE="LOGICAL"><div TYPE="ARTICLE"/></structMap>"#, 1,
            #"expected a physical <structMap> with <div TYPE="page"> for each page, found none"#
        ),
    ])
    func badIssuesNameTheLine(body: String, line: Int, message: String) {
        #expect {
            try METSReader().read(Self.mets(body), file: "mets.xml")
        } throws: { error in
            let matches = (error as? FormatError).map { $0.line == line && $0.message.contains(message) } ?? false
            if !matches { Issue.record("\(error)") }
            return matches
        }
    }

    @Test func batchListsItsIssues() throws {
        let batch = try NDNPBatchReader().read(XMLFixtures.data("printed/batch.xml"), file: "batch.xml")
        #expect(batch.name == "batch_tidewater_ver01")
        #expect(
            batch.issues.map(\.path) == [
                "./sn00000001/print/2025042901/2025042901.xml", "./sn00000001/print/2025043001/2025043001.xml",
            ])
        #expect(
            batch.issues.map(\.date) == [
                EditionDate(year: 2025, month: 4, day: 29), EditionDate(year: 2025, month: 4, day: 30),
            ])
        #expect(batch.issues.allSatisfy { $0.lccn == "sn00000001" && $0.editionOrder == "01" })
    }

    @Test(arguments: [
        ("<issue>../../etc/passwd</issue>", "the path '../../etc/passwd' leaves the batch folder"),
        ("<issue>/srv/issue.xml</issue>", "the path '/srv/issue.xml' leaves the batch folder"),
        (#"<issue issueDate="29/04/2025">a.xml</issue>"#, "expected issueDate as yyyy-mm-dd, found '29/04/2025'"),
        ("<reel>r.xml</reel>", "<batch>: expected <issue> elements, found none"),
    ])
    func badBatchesAreRefused(issue: String, message: String) {
        let data = Data(#"<batch xmlns="http://www.loc.gov/ndnp">\#n\#(issue)</batch>"#.utf8)
        #expect {
            try NDNPBatchReader().read(data, file: "batch.xml")
        } throws: { error in
            let matches = (error as? FormatError)?.message.contains(message) ?? false
            if !matches { Issue.record("\(error)") }
            return matches
        }
    }
}

/// The METS, batch and PDF text readers do work in step with their input.
@Suite("Printed-page readers' work", .timeLimit(.minutes(10)))
struct PrintedReadersLinearWorkTests {
    /// An issue of 100 pages with `count` articles, each with its own MODS title.
    static func mets(articles count: Int) -> String {
        let files = (1...100).map {
            #"<file ID="A\#($0)" MIMETYPE="text/xml"><FLocat xlink:href="alto/\#($0).xml"/></file>"#
        }
        let pages = (1...100).map { #"<div TYPE="page" ORDER="\#($0)"><fptr FILEID="A\#($0)"/></div>"# }
        let articles = (1...count).map {
            #"<div TYPE="ARTICLE" DMDID="D\#($0)"><fptr><area FILEID="A\#($0 % 100 + 1)" BEGIN="B1"/></fptr></div>"#
        }
        let sections = (1...count).map {
            #"<dmdSec ID="D\#($0)"><mdWrap><xmlData><mods:mods><mods:titleInfo><mods:title>Tide \#($0)"#
                + "</mods:title></mods:titleInfo></mods:mods></xmlData></mdWrap></dmdSec>"
        }
        return #"<mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" "#
            + #"xmlns:mods="http://www.loc.gov/mods/v3">"# + sections.joined(separator: "\n")
            + "<fileSec><fileGrp>" + files.joined(separator: "\n") + "</fileGrp></fileSec>"
            + #"<structMap TYPE="PHYSICAL"><div>"# + pages.joined(separator: "\n") + "</div></structMap>"
            + #"<structMap TYPE="LOGICAL"><div>"# + articles.joined(separator: "\n") + "</div></structMap></mets>"
    }

    @Test func metsWithManyArticles() {
        LinearWorkCase("METS articles", Self.mets(articles:)).expectLinear { text in
            let issue = try? METSReader().read(Data(text.utf8), file: "mets.xml")
            #expect(issue?.articles.last?.title?.hasPrefix("Tide") == true)
        }
    }

    @Test func pdfTextWithManyWords() {
        let word = #"<word xMin="10" yMin="10" xMax="20" yMax="20">tide</word>"#
        LinearWorkCase("pdftotext words") { count in
            let page =
                #"<page width="595" height="842"><flow><block><line>"# + word.times(100)
                + "</line></block></flow></page>\n"
            return #"<html xmlns="http://www.w3.org/1999/xhtml"><body><doc>"# + page.times(count / 100)
                + "</doc></body></html>"
        }.expectLinear { text in
            let pages = try? PDFTextReader().read(Data(text.utf8), file: "edition.xhtml")
            #expect(pages?.last?.words.count == 100)
        }
    }
}
