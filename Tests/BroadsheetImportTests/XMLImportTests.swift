import Broadsheet
import BroadsheetImport
import BroadsheetSQLite
import Foundation
import Testing

@Suite("Importing the XML formats into a store", .timeLimit(.minutes(10)))
struct XMLImportTests {
    let publication = Publication(
        name: "The Saltmarsh Gazette", timeZone: TimeZone(identifier: "Asia/Karachi")!)

    /// The formats tests' fixture at `path` (one set of fixtures for both suites).
    static func fixture(_ path: String) throws -> Data {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return try Data(contentsOf: tests.appending(path: "BroadsheetFormatsTests/Fixtures/\(path)"))
    }

    func withStore(_ body: (SQLiteStore, Importer) async throws -> Void) async throws {
        try await withImporter(for: publication, body)
    }

    @Test(arguments: [
        ("nitf/ferry-timetable.xml", 1), ("newsml/message-with-package.xml", 3), ("newsml/newsml-1.2.xml", 1),
        ("atom/harbour-board.xml", 3), ("wxr/gazette-export.xml", 2),
    ])
    func theSameFileTwiceIsUnchangedTheSecondTime(path: String, stories: Int) async throws {
        try await withStore { store, importer async throws in
            let data = try Self.fixture(path)
            let first = await importer.importFile(named: path, data: data)
            #expect(first.created == stories, "\(first.failed)")
            #expect(first.succeeded)
            let again = await importer.importFile(named: path, data: data)
            #expect(again.unchanged == stories)
            #expect(again.created == 0 && again.updated == 0)
            #expect(try await store.stats().revisions == stories)
        }
    }

    @Test func anRSSFeedGoesInWithItsUndatedItemDatedWhenReceived() async throws {
        try await withStore { store, importer async throws in
            let data = try Self.fixture("rss/island-news.xml")
            let first = await importer.importFile(named: "island.xml", data: data)
            #expect(first.created == 3)
            #expect(first.failed.isEmpty)
            #expect(
                first.warnings.map(\.description) == [
                    "island.xml:45: no date in the item's pubDate; dated from the time it was received"
                ])
            let again = await importer.importFile(named: "island.xml", data: data)
            #expect(again.unchanged == 3)
            let stored = try #require(
                try await store.articles(matching: ArticleQuery()).items.first {
                    $0.headline == "Cannery & quay to share a new crane"
                })
            let article = try #require(try await store.article(id: stored.id))
            #expect(article.content.body.first?.type == "image")
        }
    }

    @Test func aWordPressDraftStaysADraft() async throws {
        try await withStore { store, importer async throws in
            let summary = await importer.importFile(named: "wp.xml", data: try Self.fixture("wxr/gazette-export.xml"))
            #expect(summary.created == 2)
            #expect(try await store.articles(matching: ArticleQuery()).items.count == 1)
            #expect(try await store.articles(matching: ArticleQuery(status: .draft)).items.count == 1)
        }
    }

    @Test func newsMLStoriesKeepTheirStatusAndPages() async throws {
        try await withStore { store, importer async throws in
            let summary = await importer.importFile(
                named: "message.xml", data: try Self.fixture("newsml/message-with-package.xml"))
            #expect(summary.created == 3)
            let published = try await store.articles(matching: ArticleQuery()).items
            #expect(
                Set(published.map(\.headline)) == [
                    "Oyster fleet wins the autumn regatta by a bowsprit", "Gull census finds the colony has doubled",
                ])
            let everything = try await store.articles(matching: ArticleQuery(status: nil)).items
            #expect(everything.count == 3, "the withheld story is kept as a draft")
            let edition = try #require(try await store.edition(on: EditionDate(year: 2025, month: 11, day: 5)!))
            #expect(edition.pages.map(\.number) == [1, 2])
            #expect(edition.pages.map(\.name) == [nil, "Sport"])
        }
    }

    @Test func aNewerNewsMLVersionMakesARevisionAndTheOlderIsIgnored() async throws {
        try await withStore { store, importer async throws in
            let first = try Self.fixture("newsml/newsml-1.2.xml")
            let text = String(decoding: first, as: UTF8.self)
            let newer = text.replacingOccurrences(of: "20251104T093000+0500", with: "20251104T120000+0500")
                .replacingOccurrences(of: "over the bow.", with: "over the bow, to cheers.")
            _ = await importer.importFile(named: "v2.xml", data: first)
            let updated = await importer.importFile(named: "v3.xml", data: Data(newer.utf8))
            #expect(updated.updated == 1)
            let older = await importer.importFile(named: "v2-again.xml", data: first)
            #expect(older.older.count == 1)
            #expect(try await store.stats().revisions == 2)
        }
    }

    /// An edit of one story in each format: the second import updates exactly that story.
    @Test(arguments: [
        ("atom/harbour-board.xml", "2025-11-04T09:15:00+05:00", "2025-11-04T11:00:00+05:00"),
        ("rss/island-news.xml", "will halve the wait", "will cut the wait by half"),
        ("wxr/gazette-export.xml", "It took them eleven hours.", "It took them nearly eleven hours."),
        ("nitf/ferry-timetable.xml", "Season tickets keep", "Monthly and season tickets keep"),
        ("newsml/message-with-package.xml", "barely four knots", "barely three knots"),
    ])
    func anEditedStoryIsUpdatedAndTheRestUnchanged(path: String, old: String, new: String) async throws {
        try await withStore { store, importer async throws in
            let first = try Self.fixture(path)
            let edited = String(decoding: first, as: UTF8.self).replacingOccurrences(of: old, with: new)
            #expect(edited != String(decoding: first, as: UTF8.self))
            let before = await importer.importFile(named: path, data: first)
            let after = await importer.importFile(named: path, data: Data(edited.utf8))
            #expect(after.updated == 1, "\(after.countsLine)")
            #expect(after.unchanged == before.created - 1)
            #expect(try await store.stats().revisions == before.created + 1)
        }
    }

    @Test func hostileAndForeignXMLFailsAloneWithItsLine() async throws {
        try await withStore { store, importer async throws in
            let bomb = await importer.importFile(named: "lol.xml", data: try Self.fixture("xml/billion-laughs.xml"))
            #expect(bomb.failed.map(\.line) == [3])
            #expect(bomb.failed.first?.reason.contains("never expands") == true)
            let foreign = await importer.importFile(named: "svg.xml", data: Data("<svg><g/></svg>".utf8))
            #expect(foreign.failed.first?.description.hasPrefix("svg.xml: <svg> is not the root of a format") == true)
            var nitf = importer
            nitf.format = .named(.nitf)
            let wrong = await nitf.importFile(
                named: "message.xml", data: try Self.fixture("newsml/message-with-package.xml"))
            #expect(wrong.failed.first?.reason == "expected an NITF document (<nitf>), found <newsMessage>")
            #expect(try await store.stats().articles == 0)
        }
    }
}
