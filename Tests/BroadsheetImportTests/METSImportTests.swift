import Broadsheet
import BroadsheetFormats
import BroadsheetImages
import BroadsheetSQLite
import BroadsheetTestSupport
import Foundation
import Testing

@testable import BroadsheetImport

/// A library's METS/ALTO issue and an NDNP batch into a store: pages with their words and kept
/// images, the METS articles as stories with regions (one continued onto page 2), a text-filed
/// story found by its words, a second import that changes nothing, and broken issues that file
/// nothing and name the file at fault.
@Suite("Importing METS/ALTO issues and NDNP batches", .timeLimit(.minutes(10)))
struct METSImportTests {
    static let publication = Publication(name: "The Tidewater Courier", timeZone: TimeZone(identifier: "UTC")!)
    static let day = EditionDate(iso: PrintedIssueFixture.date)!

    /// A folder with an empty archive and an image folder, for one test.
    final class Workspace {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mets-\(UUID().uuidString)")
        var issue: URL { folder.appendingPathComponent("issue") }
        let store: SQLiteStore
        let images: PageImageFolder

        init() async throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try SQLiteStore(path: folder.appendingPathComponent("archive.sqlite").path)
            try await store.migrate()
            images = PageImageFolder(root: folder.appendingPathComponent("archive.images"))
        }

        var importer: PrintedEditionImporter {
            PrintedEditionImporter(store: store, publication: METSImportTests.publication, images: images)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func anIssueIsFiledWithPagesArticlesRegionsAndAStoryFoundByItsText() async throws {
        let workspace = try await Workspace()
        let store = workspace.store
        let kite = await Importer(store: store, publication: Self.publication).importFile(
            named: "kites.txt", data: Data(PrintedIssueFixture.kiteCopy.utf8))
        #expect(kite.created == 1)
        let mets = try PrintedIssueFixture.writeIssue(in: workspace.issue)

        let summary = try await workspace.importer.importIssue(mets)

        #expect(summary.editions == [Self.day])
        #expect(summary.pages == 2)
        #expect(summary.articles.created == 2 && summary.succeeded, "\(summary)")
        let pages = try await store.printedPages(on: Self.day)
        #expect(pages.map(\.number) == [1, 2])
        #expect(pages.map(\.label) == ["A1", "A2"])
        #expect(pages.allSatisfy { $0.width == 120 && $0.height == 180 }, "the size is the image's, not the ALTO's")
        let addresses = pages.compactMap { $0.image.flatMap(ImageAddress.init) }
        #expect(addresses.map(\.fileExtension) == ["jpg", "jp2"])
        for address in addresses {
            #expect(try await workspace.images.check(address) == [], "\(address)")
        }
        #expect(try await store.words(on: Self.day, page: 1)?.first?.text == "Harbour")

        let placed = try await store.printedArticles(on: Self.day)
        let stories = try await storiesByHeadline(store)
        let bridge = try #require(stories[PrintedIssueFixture.bridgeHeadline])
        #expect(bridge.content.bodyText == PrintedIssueFixture.bridgeOnPage1 + " " + PrintedIssueFixture.bridgeOnPage2)
        #expect(bridge.content.edition.page?.number == 1)
        let regions = try #require(placed[bridge.id]).regions
        #expect(regions.map(\.page) == [1, 1, 2], "heading and text on page 1, continued on page 2")
        // Block P1_TB2 at (100, 300) tenths of a millimetre of 2100 × 2970; P2_TB1 at (50, 50) pixels of 1200 × 1800.
        #expect(abs(regions[1].bounds.x - 100.0 / 2100) < 1e-9 && abs(regions[1].bounds.y - 300.0 / 2970) < 1e-9)
        #expect(abs(regions[2].bounds.x - 50.0 / 1200) < 1e-9 && abs(regions[2].bounds.y - 50.0 / 1800) < 1e-9)
        let market = try #require(stories[PrintedIssueFixture.marketHeadline])
        #expect(placed[market.id]?.pages == [2])
        let kiteStory = try #require(stories["Kites fill the sea front"])
        #expect(summary.found == [kiteStory.id: [1]], "the text-filed story is found on page 1")
        #expect(summary.marked == [bridge.id: [1, 2], market.id: [2]])

        let again = try await workspace.importer.importIssue(mets)
        #expect(again.articles.unchanged == 2 && again.articles.created == 0, "\(again.articles)")
        #expect(try await store.stats().articles == 3)
        #expect(try await store.printedArticles(on: Self.day) == placed)
    }

    @Test func aMETSArticleWithTheHeadlineOfAFiledStoryPlacesThatStory() async throws {
        let workspace = try await Workspace()
        let copy = PrintedIssueFixture.kiteCopy.replacingOccurrences(
            of: "Kites fill the sea front", with: PrintedIssueFixture.marketHeadline)
        _ = await Importer(store: workspace.store, publication: Self.publication).importFile(
            named: "market.txt", data: Data(copy.utf8))
        let summary = try await workspace.importer.importIssue(
            try PrintedIssueFixture.writeIssue(in: workspace.issue))
        #expect(summary.articles.created == 1, "only the bridge story is new")
        let filed = try #require(try await storiesByHeadline(workspace.store)[PrintedIssueFixture.marketHeadline])
        #expect(filed.content.source.format == "epaper")
        #expect(summary.marked[filed.id] == [2])
    }

    @Test func aBatchFilesEachIssueOnItsDay() async throws {
        let workspace = try await Workspace()
        let batch = try PrintedIssueFixture.writeBatch(in: workspace.folder.appendingPathComponent("batch"))

        let summary = try await workspace.importer.importBatch(batch)

        let nextDay = EditionDate(iso: "2025-04-30")!
        #expect(summary.editions == [Self.day, nextDay], "the second issue's day comes from batch.xml")
        #expect(summary.pages == 4)
        #expect(summary.articles.created == 4 && summary.succeeded, "\(summary)")
        #expect(try await workspace.store.printedPages(on: nextDay).count == 2)
        #expect(try await workspace.store.printedArticles(on: nextDay).count == 2)
    }

    /// Ways to break an issue, each with what the error must name.
    enum Damage: String, CaseIterable, Sendable {
        case missingALTO, brokenALTO, climbingHref, absoluteHref, linkOutside, missingImage, notAnImage, noDate

        func apply(to issue: URL) throws -> URL {
            switch self {
            case .brokenALTO:
                return try PrintedIssueFixture.writeIssue(
                    in: issue, alterations: ["alto/0002.xml": [("</TextBlock>", "</TextLine>")]])
            case .climbingHref:
                return try PrintedIssueFixture.writeIssue(
                    in: issue, alterations: ["mets.xml": [("\"alto/0002.xml\"", "\"../../alto/0002.xml\"")]])
            case .absoluteHref:
                return try PrintedIssueFixture.writeIssue(
                    in: issue, alterations: ["mets.xml": [("\"images/0001.jpg\"", "\"/etc/hostname\"")]])
            case .noDate:
                return try PrintedIssueFixture.writeIssue(in: issue, dated: nil)
            case .missingALTO, .missingImage, .notAnImage, .linkOutside:
                let mets = try PrintedIssueFixture.writeIssue(in: issue)
                let manager = FileManager.default
                switch self {
                case .missingALTO: try manager.removeItem(at: issue.appendingPathComponent("alto/0002.xml"))
                case .missingImage: try manager.removeItem(at: issue.appendingPathComponent("images/0001.jpg"))
                case .notAnImage:
                    try Data("scanned later".utf8).write(to: issue.appendingPathComponent("images/0001.jpg"))
                default:
                    let image = issue.appendingPathComponent("images/0001.jpg")
                    try manager.removeItem(at: image)
                    try manager.createSymbolicLink(atPath: image.path, withDestinationPath: "/etc/hostname")
                }
                return mets
            }
        }

        func matches(_ error: PrintedImportError, issue: URL) -> Bool {
            let mets = issue.appendingPathComponent("mets.xml").path
            switch (self, error) {
            case (.missingALTO, .missingFile(let file, let listedIn, let line, _)):
                return file.hasSuffix("alto/0002.xml") && listedIn == mets && line != nil
            case (.missingImage, .missingFile(let file, let listedIn, _, _)):
                return file.hasSuffix("images/0001.jpg") && listedIn == mets
            case (.brokenALTO, .malformed(let error)):
                return error.file.hasSuffix("alto/0002.xml") && error.line != nil
            case (.climbingHref, .outsideFolder(let href, let listedIn, let line)):
                return href == "../../alto/0002.xml" && listedIn == mets && line != nil
            case (.absoluteHref, .outsideFolder(let href, _, _)): return href == "/etc/hostname"
            case (.linkOutside, .outsideFolder(let href, _, _)): return href == "images/0001.jpg"
            case (.notAnImage, .unreadableImage(let file, _)): return file.hasSuffix("images/0001.jpg")
            case (.noDate, .noDate(let file)): return file == mets
            default: return false
            }
        }
    }

    @Test(arguments: Damage.allCases) func aBrokenIssueNamesTheFileAndFilesNothing(damage: Damage) async throws {
        let workspace = try await Workspace()
        let mets = try damage.apply(to: workspace.issue)
        await #expect {
            _ = try await workspace.importer.importIssue(mets)
        } throws: { error in
            guard let error = error as? PrintedImportError, damage.matches(error, issue: workspace.issue) else {
                Issue.record("\(damage): \(error)")
                return false
            }
            return true
        }
        #expect(try await workspace.store.printedPages(on: Self.day).isEmpty)
        #expect(try await workspace.store.stats().articles == 0)
    }

    @Test func aBrokenIssueInABatchIsReportedAndTheOtherGoesIn() async throws {
        let workspace = try await Workspace()
        let folder = workspace.folder.appendingPathComponent("batch")
        let batch = try PrintedIssueFixture.writeBatch(in: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("sn00000001/2025042901/alto/0001.xml"))

        let summary = try await workspace.importer.importBatch(batch)

        #expect(summary.editions == [EditionDate(iso: "2025-04-30")!])
        #expect(summary.failed.count == 1 && summary.failed[0].contains("2025042901/alto/0001.xml"), "\(summary)")
        #expect(!summary.succeeded)
        #expect(try await workspace.store.printedPages(on: Self.day).isEmpty)
    }

    @Test func packagesAreToldFromOtherPaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mets-find-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let mets = try PrintedIssueFixture.writeIssue(in: folder.appendingPathComponent("issue"))
        let batch = try PrintedIssueFixture.writeBatch(in: folder.appendingPathComponent("batch"))
        #expect(PrintedPackage.find(mets.path) == [.issue(mets)])
        #expect(PrintedPackage.find(mets.deletingLastPathComponent().path) == [.issue(mets)])
        #expect(PrintedPackage.find(batch.deletingLastPathComponent().path) == [.batch(batch)])
        #expect(PrintedPackage.find(mets.deletingLastPathComponent().appendingPathComponent("alto").path).isEmpty)
        #expect(PrintedPackage.find(folder.appendingPathComponent("nothing-here").path).isEmpty)
    }

    private func storiesByHeadline(_ store: SQLiteStore) async throws -> [String: Article] {
        var stories: [String: Article] = [:]
        for summary in try await store.edition(on: Self.day)?.articles ?? [] {
            if let article = try await store.article(id: summary.id) { stories[article.content.headline] = article }
        }
        return stories
    }
}
