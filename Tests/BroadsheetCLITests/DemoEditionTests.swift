import Broadsheet
import BroadsheetImages
import BroadsheetSQLite
import Foundation
import Testing

@testable import BroadsheetCLI

@Suite("The bundled demo edition", .timeLimit(.minutes(10)))
struct DemoEditionTests {
    @Test func loadsWholeIntoAnEmptyArchiveAndOnlyThere() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("demo.sqlite").path)
        try await store.migrate()
        let publication = try PublicationOptions.parse([]).publication(defaults: DemoEdition.settings)
        let summary = try #require(try await DemoEdition.loadIfEmpty(into: store, publication: publication))
        #expect(summary.failed == [], "every demo file reads cleanly")
        #expect(summary.created >= 12)
        #expect(try await store.editions().count >= 2)
        #expect(try await store.sections().count >= 4)
        let authors = try await store.authors().map(\.term.kind)
        #expect(authors.contains(.agency) && authors.contains(.staff))
        #expect(try await store.articles(matching: ArticleQuery(limit: 100)).items.contains { $0.language == "ur" })
        #expect(try await store.check().isEmpty)
        #expect(try await DemoEdition.loadIfEmpty(into: store, publication: publication) == nil)
        try await store.close()
    }

    @Test func everyDemoEditionIsPrintedAndItsStoriesFoundOnThePages() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("demo.sqlite").path
        let store = try SQLiteStore(path: database)
        try await store.migrate()
        let publication = try PublicationOptions.parse([]).publication(defaults: DemoEdition.settings)
        _ = try await DemoEdition.load(into: store, publication: publication)
        let images = PageImageFolder.beside(database: database)

        let printed = try await DemoEdition.printPages(into: store, publication: publication, images: images)

        #expect(printed.stories >= 12, "every story the standard fonts can set is printed")
        #expect(printed.found == printed.stories)
        for date in try DemoEdition.editionDates() {
            let pages = try await store.printedPages(on: date)
            #expect(pages.count >= 2, "\(date): a front page and the lead's jump")
            for page in pages {
                let address = try #require(page.image.flatMap(ImageAddress.init))
                #expect(try await images.check(address) == [])
                #expect(try await store.words(on: date, page: page.number)?.isEmpty == false)
            }
            let regions = try await store.printedArticles(on: date)
            #expect(regions.values.contains { $0.pages.count == 2 }, "\(date): the lead continues on page 2")
        }
        try await store.close()
    }
}
