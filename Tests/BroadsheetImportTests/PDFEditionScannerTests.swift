import Broadsheet
import BroadsheetFormats
import BroadsheetImages
import Foundation
import Testing

@testable import BroadsheetImport

/// A printing plant's PDF as the importer reads it: pages drawn and kept by digest, words from
/// poppler's text layer, and a filed story found on the pages it was printed on. The PDF is one
/// we lay out here, so where each story went is known.
@Suite(.timeLimit(.minutes(10))) struct PDFEditionScannerTests {
    static let day = EditionDate(iso: "2026-11-24")!

    static func stories() -> [PrintedEditionLayout.Story] {
        let bridge = [
            "The Lantern Wharf bridge reopened to traffic on Monday evening after eighteen months of repairs.",
            "City engineers said the steel deck had been replaced section by section over the closure.",
            "A small crowd of dock workers and schoolchildren gathered at the western ramp to watch the first bus cross.",
            "The transport department said the reopening should cut the evening commute by twenty-five minutes.",
            "New features include a protected cycle lane, wider footpaths and solar lamps along both railings.",
        ]
        return [
            .init(headline: "Lantern Wharf bridge reopens", byline: "Our Staff Reporter", paragraphs: bridge),
            .init(
                headline: "Mariners clinch the Coastal Cup",
                paragraphs: ["A scrambled single off the last ball won it."]),
            .init(headline: "Rain due in the north", paragraphs: ["Showers are expected from Thursday in the hills."]),
            .init(
                headline: "Swallows stop over at the lagoon", paragraphs: ["Birdwatchers counted thousands at dawn."]),
        ]
    }

    private func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    /// The text layer is read a few pages at a time: every page keeps its own words and image
    /// across the seams, in a PDF longer than one batch.
    @Test func aLongEditionKeepsEachPagesWordsAcrossTheBatchesItIsReadIn() async throws {
        try await withFolder { folder in
            let count = PDFEditionScanner.pagesAtOnce * 2 + 1
            let pages = (1...count).map { number in
                var page = PDFPageWriter.Page(width: 200, height: 300)
                page.marks = [.text("Folio \(number) marker", font: .times, size: 12, x: 20, y: 40 + Double(number))]
                return page
            }
            let pdf = folder.appendingPathComponent("long.pdf")
            try PDFPageWriter(title: "Long").pdf(pages).write(to: pdf)
            let images = PageImageFolder(root: folder.appendingPathComponent("paper.images"))

            let scanned = try await PDFEditionScanner(images: images, resolution: 36).scan([pdf], date: Self.day)

            #expect(scanned.map(\.page.number) == Array(1...count))
            for page in scanned {
                #expect(page.words.map(\.text) == ["Folio", String(page.page.number), "marker"])
            }
            #expect(Set(scanned.compactMap(\.page.image)).count == count, "each page drawn from its own page")
        }
    }

    @Test func pagesAreDrawnKeptAndReadAndAJumpingStoryIsFoundOnBoth() async throws {
        try await withFolder { folder in
            let layout = PrintedEditionLayout(publication: "The Daily Ledger", dateText: "Tuesday, November 24, 2026")
            let (pages, _) = layout.layout(Self.stories())
            let pdf = folder.appendingPathComponent("edition.pdf")
            try PDFPageWriter(title: "The Daily Ledger").pdf(pages).write(to: pdf)
            let images = PageImageFolder(root: folder.appendingPathComponent("paper.images"))

            let scanned = try await PDFEditionScanner(images: images).scan([pdf], date: Self.day)

            #expect(scanned.map(\.page.number) == [1, 2])
            // 842 x 1191 points at 150 dpi.
            #expect(scanned.allSatisfy { $0.page.width == 1754 && $0.page.height == 2481 })
            for page in scanned {
                let address = try #require(page.page.image.flatMap(ImageAddress.init))
                #expect(try await images.check(address) == [], "kept whole, with its thumbnail")
                #expect(try PageImageRenderer().size(of: images.file(for: address)) == (1754, 2481))
            }
            #expect(scanned[0].words.contains { $0.text == "Lantern" })

            let story = Self.stories()[0].paragraphs.joined(separator: "\n\n")
            let regions = ArticleTextLocator().regions(
                of: story, on: scanned.map { ArticleTextLocator.PageWords(page: $0.page.number, words: $0.words) })
            #expect(Set(regions.map(\.page)) == [1, 2], "the lead jumps from the front page")
        }
    }

    @Test func aFileThatIsNoPDFIsNamed() async throws {
        try await withFolder { folder in
            let file = folder.appendingPathComponent("edition.pdf")
            try Data("not a pdf at all".utf8).write(to: file)
            let scanner = PDFEditionScanner(images: PageImageFolder(root: folder))
            await #expect {
                _ = try await scanner.scan([file], date: Self.day)
            } throws: { error in
                guard case .unreadablePDF(let path, _)? = error as? PrintedImportError else { return false }
                return path == file.path
            }
        }
    }
}
