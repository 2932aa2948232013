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

    /// In one volume of postings, and in volumes of eight stories, where each word's list is
    /// read in pieces and must come out whole, newest first.
    @Test(arguments: [OfflineSearchIndex.storiesPerVolume, 8])
    func theScriptFindsWhatTheServerFinds(volume: Int64) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.node) else {
            Issue.record("\(Self.node) is missing: run scripts/test, which installs Debian's nodejs")
            return
        }
        var workspace = try await StaticExportTests.Workspace()
        workspace.searchVolume = volume
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
                let offline = found[query] ?? []
                #expect(Set(offline) == served, "“\(query)”: offline \(offline), server \(served)")
                #expect(offline == served.sorted(by: >), "“\(query)”: \(offline) is not newest first, once each")
            }
        }
        #expect(found["harbour"]?.isEmpty == false && found["zebra crossing"] == [])
        let meta = try JSONDecoder().decode(
            OfflineSearchIndex.Meta.self,
            from: Data(contentsOf: workspace.out.appendingPathComponent("\(OfflineSearchIndex.folder)/meta.json")))
        #expect(meta.volume == volume && (volume == 8 ? meta.volumes.count > 4 : meta.volumes.count == 1))
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
        let stories: [(Int64, String)] = [
            (7, "Harbour lights"), (12, "Harbour tolls"), (7, "Harbour lights"), (3, "Harbour ferries"),
        ]
        for (id, headline) in stories {
            try index.add(Self.story(id, headline), url: "/news/\(id)", date: "April 29, 2025")
        }
        try index.finish(into: site)
        let shard = OfflineSearchIndex.shard(of: "harbour", shards: index.shards)
        let terms = try #require(
            FileManager.default.contents(
                atPath: folder.appendingPathComponent(OfflineSearchIndex.termsFile(volume: 0, shard: shard)).path))
        let postings = try JSONDecoder().decode([String: [Int64]].self, from: terms)
        #expect(postings["harbour"] == [12, 7, 3])
    }

    /// A word's list is cut where its ids leave a volume, each piece in that volume's shard; a
    /// volume that holds no story has no files, and `meta.json` says how many each holds.
    @Test func aWordsListIsCutByVolumes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = try StaticSiteFolder(root: folder, checking: false)
        let index = try OfflineSearchIndex(articles: 3, volume: 5)
        for id: Int64 in [3, 13, 12] {
            try index.add(Self.story(id, "Harbour tolls \(id)"), url: "/news/\(id)", date: "April 29, 2025")
        }
        try index.finish(into: site)
        let shard = OfflineSearchIndex.shard(of: "harbour", shards: index.shards)
        func postings(_ volume: Int64) throws -> [String: [Int64]]? {
            let path = folder.appendingPathComponent(OfflineSearchIndex.termsFile(volume: volume, shard: shard)).path
            return try FileManager.default.contents(atPath: path).map {
                try JSONDecoder().decode([String: [Int64]].self, from: $0)
            }
        }
        #expect(try postings(0)?["harbour"] == [3])
        #expect(try postings(1) == nil)
        #expect(try postings(2)?["harbour"] == [13, 12])
        let meta = try JSONDecoder().decode(
            OfflineSearchIndex.Meta.self,
            from: Data(contentsOf: folder.appendingPathComponent("\(OfflineSearchIndex.folder)/meta.json")))
        #expect(meta.volume == 5 && meta.volumes == [1, 0, 2] && meta.articles == 3)
    }

    /// A shard or bucket that cannot be put stops the index's finish with an error naming the
    /// file, whichever core made it.
    @Test(arguments: ["terms/0/5.json", "docs/0.json"])
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
            try index.add(Self.story(id, "Harbour tolls \(id)"), url: "/news/\(id)", date: "April 29, 2025")
        }
        #expect(index.shards > 5)
        let error = #expect(throws: StaticExportError.self) { try index.finish(into: site) }
        guard case .cannotWrite(let path, _)? = error else {
            Issue.record("expected cannotWrite, got \(String(describing: error))")
            return
        }
        #expect(path == "\(OfflineSearchIndex.folder)/\(file)")
    }

    /// A published story of 29 April 2025 numbered `id`, as the index is handed it.
    private static func story(_ id: Int64, _ headline: String) -> Article {
        Article(
            id: id, slug: Slug(headline), status: .published, revision: 1,
            content: WebFixture.story(
                headline, section: "National", topics: [], byline: "Our Staff Reporter",
                date: EditionDate(year: 2025, month: 4, day: 29)!, hour: 9))
    }

    /// The ids `search.js` finds for each query, reading the index files from `folder`.
    static func offline(_ queries: [String], in folder: URL) async throws -> [String: [Int64]] {
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
        return try #require(object).mapValues { $0.map(\.int64Value) }
    }
}
