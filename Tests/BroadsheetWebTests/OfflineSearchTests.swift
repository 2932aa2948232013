import Broadsheet
import BroadsheetTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// The search of a static copy: the theme's `search.js`, run by node against the index the export
/// wrote, finds the stories the server's search finds for searches of whole words.
@Suite("The offline search of a static copy", .timeLimit(.minutes(10)))
struct OfflineSearchTests {
    static let node = "/usr/bin/node"

    static let queries = [
        "harbour", "tide table", "bridge repairs", "ferry", "مشاعرہ", "paragraph -tide", "export hopes",
        "budget leak", "ampersand number 12", "zebra crossing",
    ]

    @Test func theScriptFindsWhatTheServerFinds() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.node) else {
            Issue.record("\(Self.node) is missing: run scripts/test, which installs Debian's nodejs")
            return
        }
        let workspace = try await StaticExportTests.Workspace()
        _ = try await workspace.export()
        let found = try await Self.offline(Self.queries, in: workspace.out)
        let app = buildApplication(site: workspace.site, logger: WebFixture.quietLogger)
        try await app.test(.router) { client in
            for query in Self.queries {
                let encoded = try #require(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
                let response = try await client.get("/api/v1/search?q=\(encoded)&limit=100")
                #expect(response.status == .ok, "\(query): \(response.text)")
                let items = try #require(try response.json()["items"] as? [[String: Any]])
                let served = Set(items.compactMap { ($0["id"] as? NSNumber)?.int64Value })
                #expect(found[query] == served, "“\(query)”: offline \(found[query] ?? []), server \(served)")
            }
        }
        #expect(found["harbour"]?.isEmpty == false && found["zebra crossing"] == [])
        let page = try #require(
            FileManager.default.contents(atPath: workspace.out.appendingPathComponent("search/index.html").path))
        #expect(String(decoding: page, as: UTF8.self).contains(#"<script src="/static/search.js" defer></script>"#))
        try await workspace.close()
    }

    /// A word's postings hold each story once, newest (highest id) first, even if a story was
    /// added twice.
    @Test func aWordListsEachStoryOnceNewestFirst() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = try StaticSiteFolder(root: folder, checking: false)
        let index = try OfflineSearchIndex(articles: 3)
        func article(_ id: Int64, _ headline: String) -> Article {
            Article(
                id: id, slug: Slug(headline), status: .published, revision: 1,
                content: WebFixture.story(
                    headline, section: "National", topics: [], byline: "Our Staff Reporter",
                    date: EditionDate(year: 2025, month: 4, day: 29)!, hour: 9))
        }
        for story in [article(7, "Harbour lights"), article(12, "Harbour tolls"), article(7, "Harbour lights")] {
            try index.add(story, url: "/news/\(story.id)", date: "April 29, 2025")
        }
        try index.add(article(3, "Harbour ferries"), url: "/news/3", date: "April 29, 2025")
        try index.finish(into: site)
        let shard = OfflineSearchIndex.shard(of: "harbour", shards: index.shards)
        let terms = try #require(
            FileManager.default.contents(
                atPath: folder.appendingPathComponent("\(OfflineSearchIndex.folder)/terms/\(shard).json").path))
        let postings = try JSONDecoder().decode([String: [Int64]].self, from: terms)
        #expect(postings["harbour"] == [12, 7, 3])
    }

    /// A shard or bucket that cannot be put stops the index's finish with an error naming the
    /// file, whichever core made it.
    @Test(arguments: ["terms/5.json", "docs/0.json"])
    func aFileThatCannotBePutIsReported(file: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = try StaticSiteFolder(root: folder, checking: false)
        // A folder with a file in it where the index's file goes: renaming onto it fails.
        let blocker = folder.appendingPathComponent("\(OfflineSearchIndex.folder)/\(file)/kept")
        try FileManager.default.createDirectory(
            at: blocker.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8))
        let index = try OfflineSearchIndex(articles: 3)
        for id: Int64 in [3, 7, 12] {
            let story = Article(
                id: id, slug: Slug("Harbour tolls \(id)"), status: .published, revision: 1,
                content: WebFixture.story(
                    "Harbour tolls \(id)", section: "National", topics: [], byline: "Our Staff Reporter",
                    date: EditionDate(year: 2025, month: 4, day: 29)!, hour: 9))
            try index.add(story, url: "/news/\(id)", date: "April 29, 2025")
        }
        #expect(index.shards > 5)
        let error = #expect(throws: StaticExportError.self) { try index.finish(into: site) }
        guard case .cannotWrite(let path, _)? = error else {
            Issue.record("expected cannotWrite, got \(String(describing: error))")
            return
        }
        #expect(path == "\(OfflineSearchIndex.folder)/\(file)")
    }

    /// The ids `search.js` finds for each query, reading the index files from `folder`.
    static func offline(_ queries: [String], in folder: URL) async throws -> [String: Set<Int64>] {
        let script = folder.appendingPathComponent("static/search.js").path
        let driver = """
            const search = require(process.argv[1]);
            const fs = require('fs');
            const root = process.argv[2];
            const load = (path) => Promise.resolve(JSON.parse(fs.readFileSync(root + path, 'utf8')));
            (async () => {
              const found = {};
              for (const query of JSON.parse(process.argv[3])) found[query] = (await search.find(query, load, 1000)).ids;
              process.stdout.write(JSON.stringify(found));
            })().catch((error) => { console.error(error); process.exit(1); });
            """
        let queries = String(decoding: try JSONEncoder().encode(queries), as: UTF8.self)
        let ending = try await RunningProgram.run(
            URL(fileURLWithPath: node), ["-e", driver, script, folder.path, queries])
        try #require(ending.status == 0, "\(String(decoding: ending.errors, as: UTF8.self))")
        let object = try JSONSerialization.jsonObject(with: ending.output) as? [String: [NSNumber]]
        return try #require(object).mapValues { Set($0.map(\.int64Value)) }
    }
}
