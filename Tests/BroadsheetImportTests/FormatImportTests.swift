import Broadsheet
import BroadsheetFormats
import BroadsheetImport
import BroadsheetSQLite
import Foundation
import Testing

/// The JSON and Markdown formats end to end: files into a SQLite store, idempotent, with
/// `--format auto` telling them apart by content.
@Suite("Importing ninjs, JSON Feed, Markdown and Ghost", .timeLimit(.minutes(10)))
struct FormatImportTests {
    let publication = Publication(name: "The Harbour Times", timeZone: TimeZone(identifier: "Asia/Karachi")!)

    static let wire = """
        {"uri": "urn:wire.example:1", "headline": "Saltmarsh school wins rowing cup", "body_html": "<p>SALTMARSH: The crew won by a length.</p>", "versioncreated": "2026-03-17T10:00:00Z", "subject": [{"name": "Sport"}]}
        {"uri": "urn:wire.example:2", "headline": "Kestrel Bay market moves indoors", "body_text": "Stalls open in the old boathouse.", "versioncreated": "2026-03-17T11:00:00Z"}
        {"uri": "urn:wire.example:3", "headline": 7, "body_text": "Broken.", "versioncreated": "2026-03-17T12:00:00Z"}

        """

    func withStore(_ body: (SQLiteStore, Importer, CopyFolder) async throws -> Void) async throws {
        let folder = try CopyFolder()
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("archive.sqlite").path)
        try await store.migrate()
        try await body(store, Importer(store: store, publication: publication), folder)
        try await store.close()
    }

    @Test func ninjsJSONLinesGoInOnceAndAgainChangeNothing() async throws {
        try await withStore { store, importer, _ async throws in
            let first = await importer.importFile(named: "wire.jsonl", data: Data(Self.wire.utf8))
            #expect(first.created == 2)
            #expect(
                first.failed.map(\.description) == ["wire.jsonl:3: field 'headline': expected a string, found a number"]
            )
            let again = await importer.importFile(named: "wire.jsonl", data: Data(Self.wire.utf8))
            #expect(again.unchanged == 2)
            #expect(again.created == 0 && again.updated == 0)
            #expect(try await store.stats().revisions == 2)
            let stored = try await store.articles(matching: ArticleQuery()).items
            #expect(
                Set(stored.map(\.headline)) == ["Saltmarsh school wins rowing cup", "Kestrel Bay market moves indoors"])
            let rowing = try #require(stored.first { $0.headline.hasPrefix("Saltmarsh") })
            #expect(rowing.section == Section(name: "Sport"))
            #expect(rowing.dateline == "SALTMARSH")
            #expect(try await store.check().isEmpty)
        }
    }

    @Test func aNewerVersionUpdatesAndAnOlderOneIsIgnored() async throws {
        try await withStore { store, importer, _ async throws in
            let version = { (time: String, body: String) in
                Data(
                    #"{"uri": "urn:wire.example:9", "headline": "Ferry fares frozen", "body_text": "\#(body)", "firstcreated": "2026-03-17T09:00:00Z", "versioncreated": "\#(time)"}"#
                        .utf8)
            }
            _ = await importer.importFile(named: "v1.json", data: version("2026-03-17T09:00:00Z", "Fares stay."))
            let newer = await importer.importFile(
                named: "v2.json", data: version("2026-03-17T10:00:00Z", "Fares stay all year."))
            #expect(newer.updated == 1)
            let older = await importer.importFile(
                named: "v0.json", data: version("2026-03-17T08:00:00Z", "Draft text."))
            #expect(older.older.count == 1)
            #expect(older.succeeded)
            let article = try #require(try await store.articles(matching: ArticleQuery()).items.first)
            #expect(try await store.article(id: article.id)?.content.bodyText == "Fares stay all year.")
        }
    }

    @Test func autoTellsEveryFormatApartByContent() async throws {
        try await withStore { store, importer, folder async throws in
            try folder.write(
                "wire/a.json",
                #"{"uri": "urn:wire.example:20", "headline": "Pier opens", "bodies": [{"value": "<p>It opened.</p>"}], "firstcreated": "2026-03-20T08:00:00Z"}"#
            )
            try folder.write(
                "feeds/gazette.json",
                #"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "g-1", "title": "Tide mill turns", "content_text": "It turned.", "date_published": "2026-03-21T09:00:00Z"}]}"#
            )
            try folder.write(
                "ghost/export.json",
                #"{"db": [{"data": {"posts": [{"id": "p1", "uuid": "u-1", "title": "Choir sings", "html": "<p>At sunset.</p>", "status": "published", "published_at": "2026-03-18T18:00:00Z"}]}}]}"#
            )
            try folder.write("pages/swim.md", "---\ntitle: Harbour swim\ndate: 2026-03-23\n---\nThe water was cold.\n")
            try folder.write(
                "pages/draft.md", "---\ntitle: Unfinished notes\ndate: 2026-03-23\ndraft: true\n---\nNot yet.\n")
            try folder.write("copy/bridge.txt", CopyFolder.harbourBridge)
            let (sources, missing) = ImportSourceFinder.sources(for: [folder.path])
            #expect(missing.isEmpty)
            var summary = ImportSummary()
            for source in sources
            where source.name.hasSuffix(".json") || source.name.hasSuffix(".md") || source.name.hasSuffix(".txt") {
                summary.merge(await importer.importFile(named: source.name, data: try source.read()))
            }
            #expect(summary.failed.isEmpty, "\(summary.failed)")
            #expect(summary.created == 6)
            let published = try await store.articles(matching: ArticleQuery(limit: 100)).items
            #expect(published.count == 5, "the draft is not published")
            let all = try await store.articles(matching: ArticleQuery(status: nil, limit: 100)).items
            var formats: [String: String] = [:]
            for summary in all {
                formats[summary.headline] = try await store.article(id: summary.id)?.content.source.format
            }
            #expect(
                formats == [
                    "Pier opens": "ninjs", "Tide mill turns": "jsonfeed", "Choir sings": "ghost",
                    "Harbour swim": "markdown",
                    "Unfinished notes": "markdown", "Harbour bridge reopens after repairs": "epaper",
                ])
        }
    }

    @Test func aNamedFormatIsUsedAsNamed() async throws {
        try await withStore { _, importer, _ async throws in
            var markdown = importer
            markdown.format = .named(.markdown)
            let summary = await markdown.importFile(named: "-", data: Data(#"{"uri": "x"}"#.utf8))
            #expect(summary.failed.map(\.description) == ["-:1: field 'title': expected the headline, found nothing"])
        }
    }

    @Test func xmlWithoutAReaderIsNamedNotGuessed() async throws {
        try await withStore { _, importer, _ async throws in
            let summary = await importer.importFile(named: "picture.xml", data: Data("<svg version=\"1.1\"/>".utf8))
            #expect(summary.failed.count == 1)
            #expect(
                summary.failed.first?.reason.hasPrefix("<svg> is not the root of a format Broadsheet reads") == true)
            let unknown = await importer.importFile(named: "data.bin", data: Data("<<not markup".utf8))
            #expect(unknown.failed.first?.reason.hasPrefix("cannot tell its format from its content") == true)
        }
    }
}
