import Broadsheet
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
}
