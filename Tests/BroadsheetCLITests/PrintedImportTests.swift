import Broadsheet
import BroadsheetFormats
import BroadsheetImages
import BroadsheetSQLite
import Foundation
import Testing

@testable import BroadsheetCLI

/// `broadsheet import --edition DATE edition.pdf`: the demo's stories printed in a PDF we lay
/// out here, filed as pages, and each story found where it was printed.
@Suite("broadsheet import --edition", .timeLimit(.minutes(10)))
struct PrintedImportTests {
    typealias Workspace = ImportCommandTests.Workspace
    static let day = EditionDate(iso: "2026-11-24")!

    private func importing(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let command = try #require(try BroadsheetCommand.parseAsRoot(["import"] + arguments) as? ImportCommand)
        var output = ""
        let status = try await command.execute(output: &output, showProgress: false)
        return (status, output)
    }

    @Test func theDemoEditionsPDFIsFiledAndEveryPrintedStoryFound() async throws {
        let workspace = try Workspace()
        let store = try SQLiteStore(path: workspace.database)
        try await store.migrate()
        _ = try await DemoEdition.load(into: store, publication: Publication(name: "The Daily Ledger"))
        var stories: [(id: Int64, story: PrintedEditionLayout.Story)] = []
        for summary in try await store.edition(on: Self.day)?.articles ?? [] {
            let content = try #require(try await store.article(id: summary.id)).content
            let paragraphs = content.body.map(\.text)
            guard PDFPageWriter.canSet(content.headline + paragraphs.joined()) else { continue }
            stories.append(
                (summary.id, .init(headline: content.headline, byline: content.byline, paragraphs: paragraphs)))
        }
        try await store.close()
        try #require(stories.count >= 4)
        let (pages, _) = PrintedEditionLayout(publication: "The Daily Ledger", dateText: "Tuesday, November 24, 2026")
            .layout(stories.map(\.story))
        let pdf = workspace.root.appendingPathComponent("ledger-2026-11-24.pdf")
        try PDFPageWriter(title: "The Daily Ledger").pdf(pages).write(to: pdf)

        let (status, output) = try await importing(["--db", workspace.database, "--edition", "2026-11-24", pdf.path])

        #expect(status == 0, "\(output)")
        #expect(output.contains("Filed \(pages.count) printed pages of 2026-11-24 from 1 file"), "\(output)")
        #expect(output.contains("found \(stories.count) of \(stories.count) stories"), "\(output)")
        let reopened = try SQLiteStore(path: workspace.database)
        let printed = try await reopened.printedPages(on: Self.day)
        #expect(printed.map(\.number) == Array(1...pages.count))
        let images = PageImageFolder.beside(database: workspace.database)
        for page in printed {
            let address = try #require(page.image.flatMap(ImageAddress.init))
            #expect(try await images.check(address) == [])
        }
        let regions = try await reopened.printedArticles(on: Self.day)
        #expect(regions[stories[0].id]?.pages == [1, 2], "the lead jumps to page 2")
        #expect(regions[stories[1].id]?.pages == [1])
        try await reopened.close()
    }

    @Test(arguments: [
        (["--edition", "2026-13-01", "x.pdf"], "--edition 2026-13-01"),
        (["--edition", "2026-11-24", "--format", "ninjs", "x.pdf"], "leave out --format"),
    ])
    func badArgumentsAreNamed(arguments: [String], named: String) {
        #expect {
            _ = try BroadsheetCommand.parseAsRoot(["import"] + arguments)
        } throws: { error in
            BroadsheetCommand.message(for: error).contains(named)
        }
    }

    @Test func aFileThatIsNotAPDFIsNamed() async throws {
        let workspace = try Workspace()
        let text = workspace.copy.appendingPathComponent("bridge.txt").path
        await #expect {
            _ = try await importing(["--db", workspace.database, "--edition", "2026-11-24", text])
        } throws: { error in
            BroadsheetCommand.message(for: error).contains("bridge.txt")
        }
    }
}
