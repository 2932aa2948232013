import BroadsheetFormats
import BroadsheetTestSupport
import Foundation
import Testing

/// Pages laid out by `PrintedEditionLayout` and written by `PDFPageWriter`, read back by
/// poppler's pdftotext (Debian's poppler-utils, which `scripts/test` installs): the words are
/// where the layout says it put its stories.
@Suite(.timeLimit(.minutes(10))) struct PrintedEditionLayoutTests {
    static let pdftotext = "/usr/bin/pdftotext"

    static func stories() -> [PrintedEditionLayout.Story] {
        let ferry = (1...5).map { number in
            "Paragraph \(number) of the ferry story: the harbour authority said the night crossing would run "
                + "every hour from the eastern jetty, and that fares would stay as they are until the spring."
        }
        return [
            .init(headline: "Night ferry joins the harbour timetable", byline: "Our Staff Reporter", paragraphs: ferry),
            .init(
                headline: "Kite makers ready for the spring festival", paragraphs: ["Workshops on Tariq Road are busy."]
            ),
            .init(headline: "Tide tables", paragraphs: ["High water at the fish harbour falls after dusk this week."]),
            .init(
                headline: "Observatory opens to schools", byline: "Hira Baig",
                paragraphs: ["A school observatory on the ridge will welcome classes on clear evenings."]),
        ]
    }

    /// The words pdftotext finds on each page, with their boxes in points from the top left.
    static func words(of pdf: Data) async throws -> [[(text: String, x: Double, y: Double)]] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        guard FileManager.default.isExecutableFile(atPath: pdftotext) else {
            Issue.record("\(pdftotext) is missing: run scripts/test, which installs Debian's poppler-utils")
            return []
        }
        let ending = try await RunningProgram.run(URL(fileURLWithPath: pdftotext), ["-bbox", file.path, "-"])
        try #require(ending.status == 0, "\(ending.errorText)")
        let xhtml = String(decoding: ending.output, as: UTF8.self)
        var pages: [[(String, Double, Double)]] = []
        for page in xhtml.components(separatedBy: "<page ").dropFirst() {
            var words: [(String, Double, Double)] = []
            for match in page.matches(
                of: /<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="[0-9.]+">([^<]*)<\/word>/)
            {
                words.append((String(match.3), Double(match.1)!, Double(match.2)!))
            }
            pages.append(words)
        }
        return pages
    }

    @Test func theLeadStoryJumpsToPageTwoAndEveryWordIsInsideItsStorysPlace() async throws {
        let layout = PrintedEditionLayout(publication: "The Harbour Times", dateText: "Tuesday, November 24, 2026")
        let (pages, placements) = layout.layout(Self.stories())
        #expect(pages.count == 2)
        #expect(Set(placements.filter { $0.story == 0 }.map(\.page)) == [1, 2], "the lead runs on both pages")
        #expect(placements.filter { $0.story == 3 }.allSatisfy { $0.page == 2 })

        let read = try await Self.words(of: PDFPageWriter(title: "The Harbour Times, 2026-11-24").pdf(pages))
        try #require(read.count == 2)
        func storyAt(_ word: (text: String, x: Double, y: Double), page: Int) -> Int? {
            placements.first {
                $0.page == page && word.x >= $0.x - 1 && word.x <= $0.x + $0.width && word.y >= $0.y - 2
                    && word.y <= $0.y + $0.height
            }?.story
        }
        let front = read[0]
        #expect(front.contains { $0.text == "Continued" })
        let kite = try #require(front.first { $0.text == "Kite" })
        #expect(storyAt(kite, page: 1) == 1)
        let paragraphFive = try #require(read[1].first { $0.text == "5" })
        #expect(storyAt(paragraphFive, page: 2) == 0, "the rest of the lead is on page 2")
        let observatory = try #require(read[1].first { $0.text == "Observatory" })
        #expect(storyAt(observatory, page: 2) == 3)
        // Every word below the masthead and folio belongs to some story.
        for (index, page) in read.enumerated() {
            let body = page.filter { $0.y > (index == 0 ? 110 : 66) }
            let orphans = body.filter { storyAt($0, page: index + 1) == nil }
            #expect(orphans.isEmpty, "page \(index + 1): \(orphans.prefix(5).map(\.text))")
        }
    }

    @Test func linesStayWithinTheColumn() {
        let width = 144.0
        let lines = PrintedEditionLayout.lines(
            String(repeating: "Commuters crossing the harbour expect shorter journeys. ", count: 6), font: .times,
            size: 9,
            width: width)
        #expect(lines.count > 3)
        #expect(lines.allSatisfy { StandardFont.times.width(of: $0, size: 9) <= width })
    }

    @Test func textOutsideWinAnsiIsMarkedNotDropped() {
        #expect(PDFPageWriter.canSet("Café — “quoted”"))
        #expect(!PDFPageWriter.canSet("کراچی"))
        let pdf = PDFPageWriter(title: "x").pdf([.init(width: 100, height: 100)])
        #expect(String(decoding: pdf.prefix(8), as: UTF8.self) == "%PDF-1.4")
        #expect(String(decoding: pdf.suffix(6), as: UTF8.self) == "%%EOF\n")
    }
}
