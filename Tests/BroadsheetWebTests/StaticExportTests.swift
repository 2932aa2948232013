import Broadsheet
import BroadsheetImages
import BroadsheetSQLite
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// `export --format static`: the fixture archive, with enough stories for a second listing page,
/// written as files and read back the way a plain web server would serve them.
@Suite("The static export of the site", .timeLimit(.minutes(10)))
struct StaticExportTests {
    /// A fixture archive in a temporary folder, its site, and a folder to export to.
    struct Workspace {
        let root: URL
        let store: any ArticleStore
        let site: Site
        let archive: WebFixture.Archive
        /// Stories by id a volume of the offline search's postings holds in this workspace's exports.
        var searchVolume = OfflineSearchIndex.storiesPerVolume
        var out: URL { root.appendingPathComponent("site") }

        init(images: PageImageFolder? = nil, on kind: HostileStore = .sqlite) async throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            switch kind {
            case .sqlite:
                store = try SQLiteStore(path: root.appendingPathComponent("web.sqlite").path)
                try await store.migrate()
            case .postgres:
                let (postgres, other) = try await SharedDatabaseTests.twoStores()
                try await other.close()
                store = postgres
            }
            archive = try await WebFixture.fill(store)
            // Forty-one tide tables, two to an hour: a numbered page for Metropolitan, Tides and APP.
            for number in 1...41 {
                _ = try await store.save(
                    WebFixture.story(
                        "Tide table number \(number)", section: "Metropolitan", topics: ["Tides"], byline: "APP",
                        date: WebFixture.april28, hour: (number + 1) / 2),
                    status: .published)
            }
            site = Site(
                publication: WebFixture.publication, store: store, theme: try Theme.load(),
                cache: PageCache(lifetime: .zero, budget: 0), images: images)
        }

        func export(checking: Bool = false, full: Bool = false) async throws -> StaticExport.Summary {
            try await StaticExport(
                site: site, folder: out, checking: checking, program: ProgramBuild.current, searchVolume: searchVolume
            ).run(full: full)
        }

        /// Every file under the export, relative to it, with its bytes.
        func files() throws -> [String: Data] { try StaticExportTests.files(under: out) }

        func close() async throws {
            try await store.close()
            try? FileManager.default.removeItem(at: root)
        }
    }

    /// Every file under `root`, relative to it, with its bytes.
    static func files(under root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    /// The link checker: every address a page links to or loads, on this site, is a file of the
    /// export, found the way nginx's `try_files $uri $uri/index.html` finds it.
    @Test(arguments: HostileStore.allCases)
    func everyLinkOfTheExportedSiteResolvesToAFile(_ kind: HostileStore) async throws {
        let workspace = try await Workspace(on: kind)
        _ = try await workspace.export()
        let files = try workspace.files()
        let (checked, broken) = try Self.checkLinks(files)
        #expect(broken.isEmpty, "links that resolve to no file: \(broken.sorted())")
        #expect(checked > 500, "the checker followed \(checked) links")
        for expected in [
            "index.html", "epaper/index.html", "epaper/2025-04-29/index.html", "epaper/2025-04-29.epub",
            "sections/metropolitan/page/1/index.html", "topics/tides/page/1/index.html",
            "authors/app/page/1/index.html",
            "sections/culture/feed.xml", "sitemap.xml", "robots.txt", "static/style.css", "search/index.html",
            "news/\(workspace.archive.bridge)/harbour-bridge-reopens-after-repairs/index.html",
            "news/\(workspace.archive.bridge)/index.html",
        ] {
            #expect(files[expected] != nil, "\(expected) is missing")
        }
        #expect(!files.keys.contains { $0.hasPrefix("news/\(workspace.archive.draft)/") }, "a draft is never exported")
        try await workspace.close()
    }

    /// Each kind of page, as a file, holds the bytes the server sends for its address.
    @Test(arguments: HostileStore.allCases)
    func exportedFilesAreTheServersPagesByteForByte(_ kind: HostileStore) async throws {
        let workspace = try await Workspace(on: kind)
        _ = try await workspace.export()
        let files = try workspace.files()
        let bridge = workspace.archive.bridge
        let poetry = try #require(try await workspace.store.article(id: workspace.archive.poetry))
        let samples: [(String, String)] = [
            ("/", "index.html"), ("/epaper", "epaper/index.html"),
            ("/epaper/2025-04-28", "epaper/2025-04-28/index.html"),
            (
                "/news/\(bridge)/harbour-bridge-reopens-after-repairs",
                "news/\(bridge)/harbour-bridge-reopens-after-repairs/index.html"
            ),
            (
                SiteURL.article(.value(poetry.id), .value(poetry.slug)).path,
                "news/\(poetry.id)/\(poetry.slug.rawValue)/index.html"
            ),
            ("/sections/metropolitan", "sections/metropolitan/index.html"),
            ("/sections/metropolitan/page/1", "sections/metropolitan/page/1/index.html"),
            ("/topics/transport", "topics/transport/index.html"),
            ("/authors/app/page/1", "authors/app/page/1/index.html"),
            ("/search", "search/index.html"), ("/feed.xml", "feed.xml"),
            ("/topics/tides/atom.xml", "topics/tides/atom.xml"),
            ("/authors/sana-mirza/feed.json", "authors/sana-mirza/feed.json"), ("/sitemap.xml", "sitemap.xml"),
            ("/sitemaps/2025-04.xml", "sitemaps/2025-04.xml"), ("/robots.txt", "robots.txt"),
            ("/static/style.css", "static/style.css"), ("/epaper/2025-04-29.epub", "epaper/2025-04-29.epub"),
        ]
        let app = buildApplication(site: workspace.site, logger: WebFixture.quietLogger)
        try await app.test(.router) { client in
            for (path, file) in samples {
                let served = try await client.get(path)
                #expect(served.status == .ok, "\(path)")
                let exported = try #require(files[file], "\(file) is missing")
                #expect(exported == Data(served.body.readableBytesView), "\(file) differs from GET \(path)")
            }
        }
        try await workspace.close()
    }

    /// An edition's book made again during a repeat export takes its unchanged stories' documents
    /// from the book in the folder, and only while that file is as the last export wrote it.
    @Test func aBookMadeAgainTakesItsStoriesFromTheLastExportsBook() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        let tides = try await workspace.store.articles(matching: ArticleQuery(edition: WebFixture.april28, limit: 100))
        let tide = try #require(tides.items.first { $0.headline == "Tide table number 3" })
        var content = try #require(try await workspace.store.article(id: tide.id)).content
        content.body = [.paragraph("The table was set again for the spring tides.")]
        _ = try await workspace.store.save(content, status: .published)
        let path = SiteURL.editionBook(.value(WebFixture.april28)).path
        let renderer = SiteRenderer(site: workspace.site)
        let whole = try await renderer.get(path).body
        let previous = try StaticSiteFolder(root: workspace.out, checking: true).previousFiles
        func book(changed: Set<Int64>) async throws -> ByteBuffer {
            let earlier = EarlierBooks(in: workspace.out, previous: previous, changed: changed)
            return try await EarlierBooks.$current.withValue(earlier) { try await renderer.get(path).body }
        }

        #expect(try await book(changed: [tide.id]) == whole)
        // Told that nothing changed, the book keeps the story's earlier document: it was taken.
        #expect(try await book(changed: []) != whole)
        // Changed by hand since, the folder's book is not taken.
        let file = workspace.out.appendingPathComponent("epaper/\(WebFixture.april28.iso).epub")
        var bytes = try Data(contentsOf: file)
        let mimetype = try #require(bytes.firstRange(of: Data("epub+zip".utf8)))
        bytes.replaceSubrange(mimetype, with: Data("epub+zap".utf8))
        try bytes.write(to: file)
        #expect(try await book(changed: []) == whole)
        try await workspace.close()
    }

    /// A full export makes an edition's book from the stories its walk read (`WalkedBooks`), handed
    /// over once: here one of them differs from the stored story, and only the first book shows it.
    @Test func anEditionsBookTakesTheStoriesTheWalkRead() async throws {
        let workspace = try await Workspace()
        let date = WebFixture.april28
        let ids = try #require(try await workspace.store.edition(on: date)).articles.map(\.id)
        var stories = try await workspace.store.articles(ids: ids)
        let index = try #require(stories.firstIndex { $0.content.headline == "Tide table number 3" })
        stories[index].content.body = [.paragraph("The table as the walk read it, for the spring tides.")]
        let books = WalkedBooks(editions: [(date, ids)])
        #expect(books.note(stories) == [date])
        let path = SiteURL.editionBook(.value(date)).path
        let renderer = SiteRenderer(site: workspace.site)
        let whole = try await renderer.get(path).body
        let walked = try await WalkedBooks.$current.withValue(books) { try await renderer.get(path).body }
        let again = try await WalkedBooks.$current.withValue(books) { try await renderer.get(path).body }
        #expect(walked != whole)
        #expect(again == whole)
        try await workspace.close()
    }

    /// While a repeat export renders, its feeds read each story once: the second feed to show a
    /// story takes it as the first read it, in the order the feed asks.
    @Test func feedsReadEachStoryOnceWhileAnExportRenders() async throws {
        let workspace = try await Workspace()
        let store = workspace.store
        let renderer = SiteRenderer(site: workspace.site)
        let read = FeedStories()
        let rss = try await FeedStories.$current.withValue(read) {
            try await renderer.get(SiteURL.feed(nil, .rss).path)
        }
        #expect(String(buffer: rss.body).contains("Harbour bridge reopens after repairs"))
        var bridge = try #require(try await store.article(id: workspace.archive.bridge)).content
        bridge.headline = "Harbour bridge reopens after repairs, read again"
        _ = try await store.save(bridge, status: .published)

        let atom = try await FeedStories.$current.withValue(read) {
            try await renderer.get(SiteURL.feed(nil, .atom).path)
        }
        #expect(!String(buffer: atom.body).contains("read again"), "the atom feed took the story the RSS feed read")
        #expect(String(buffer: try await renderer.get(SiteURL.feed(nil, .atom).path).body).contains("read again"))

        let ids = [workspace.archive.poetry, 9_999_999, workspace.archive.bridge]
        let stories = try await read.articles(ids: ids, in: store)
        #expect(stories.map(\.id) == [workspace.archive.poetry, workspace.archive.bridge], "in order, none missing")
        #expect(stories.last?.content.headline == "Harbour bridge reopens after repairs")
        try await workspace.close()
    }

    /// While an export renders, a listing's three feeds show the entries built for the first of
    /// them: a story changed in between shows in none of the three. Each listing builds its own,
    /// and without the memo every feed reads the archive as it is now.
    @Test func aListingsFeedsShareTheirEntriesWhileAnExportRenders() async throws {
        let workspace = try await Workspace()
        let store = workspace.store
        let renderer = SiteRenderer(site: workspace.site)
        let memo = FeedMemo()
        let rss = try await FeedMemo.$current.withValue(memo) { try await renderer.get(SiteURL.feed(nil, .rss).path) }
        #expect(String(buffer: rss.body).contains("Harbour bridge reopens after repairs"))
        var bridge = try #require(try await store.article(id: workspace.archive.bridge)).content
        bridge.headline = "Harbour bridge reopens after repairs, built again"
        _ = try await store.save(bridge, status: .published)

        for format in [FeedFormat.atom, .json] {
            let body = try await FeedMemo.$current.withValue(memo) {
                String(buffer: try await renderer.get(SiteURL.feed(nil, format).path).body)
            }
            #expect(body.contains("Harbour bridge reopens after repairs") && !body.contains("built again"), "\(format)")
        }
        let section = bridge.section.slug
        let sectionFeed = try await FeedMemo.$current.withValue(memo) {
            String(buffer: try await renderer.get(SiteURL.feed(.section(.value(section)), .rss).path).body)
        }
        #expect(sectionFeed.contains("built again"), "a listing of its own builds its own entries")
        #expect(String(buffer: try await renderer.get(SiteURL.feed(nil, .atom).path).body).contains("built again"))
        try await workspace.close()
    }

    /// A story's page takes the story the export read ahead for its search, instead of reading
    /// it again, and only once: the next page of that address reads the archive.
    @Test func aStoryPageTakesTheStoryReadAheadOnce() async throws {
        let workspace = try await Workspace()
        var held = try #require(try await workspace.store.article(id: workspace.archive.bridge))
        held.content.headline = "Harbour bridge reopens after repairs, as read ahead"
        let path = SiteURL.article(.value(held.id), .value(held.slug)).path
        let renderer = SiteRenderer(site: workspace.site)
        let readAhead = StoriesReadAhead()
        readAhead.hold([held])
        let first = try await StoriesReadAhead.$current.withValue(readAhead) { try await renderer.get(path) }
        let second = try await StoriesReadAhead.$current.withValue(readAhead) { try await renderer.get(path) }
        #expect(String(buffer: first.body).contains("as read ahead"))
        #expect(!String(buffer: second.body).contains("as read ahead"))
        #expect(readAhead.take(held.id) == nil)
        try await workspace.close()
    }

    /// Another export with another base URL differs only where pages name their own address.
    @Test func theBaseURLIsTheCopysAddress() async throws {
        let workspace = try await Workspace()
        var publication = WebFixture.publication
        publication.baseURL = "https://mirror.example"
        let site = Site(publication: publication, store: workspace.store, theme: workspace.site.theme)
        _ = try await StaticExport(site: site, folder: workspace.out).run()
        let robots = try #require(
            FileManager.default.contents(atPath: workspace.out.appendingPathComponent("robots.txt").path))
        #expect(String(decoding: robots, as: UTF8.self).contains("Sitemap: https://mirror.example/sitemap.xml"))
        try await workspace.close()
    }

    /// A second export of an unchanged archive writes nothing; after one story's text changes it
    /// writes that story's page and the pages and feeds that show it, and nothing else.
    @Test func aSecondExportWritesOnlyWhatChanged() async throws {
        let workspace = try await Workspace()
        let first = try await workspace.export()
        #expect(first.changes.created.count > 50)
        #expect(first.changes.changed.isEmpty && first.changes.removed.isEmpty)
        let again = try await workspace.export(full: true)
        #expect(again.changes.isEmpty, "an unchanged archive rewrote \(again.changes.changed)")
        #expect(again.changes.unchanged == first.changes.created.count)

        let before = try workspace.files()
        let poetry = try #require(try await workspace.store.article(id: workspace.archive.poetry))
        var content = poetry.content
        content.body = [.paragraph("شام کے مشاعرے میں نئی غزلیں پڑھی گئیں۔")]
        content.updated = Timestamp(poetry.content.published.instant.addingTimeInterval(3600))
        _ = try await workspace.store.save(content, status: .published)

        let checked = try await workspace.export(checking: true)
        #expect(try workspace.files() == before, "--check wrote to the folder")
        let written = try await workspace.export()
        #expect(written.changes.changed == checked.changes.changed, "--check lists what the export then writes")
        #expect(written.changes.created.isEmpty && written.changes.removed.isEmpty)
        let page = "news/\(poetry.id)/\(poetry.slug.rawValue)/index.html"
        #expect(written.changes.changed.contains(page))
        let after = try workspace.files()
        let link = SiteURL.article(.value(poetry.id), .value(poetry.slug)).href
        // The sitemap index names months, not stories: its month's last change moved. The
        // edition's book holds the story's text, compressed; the offline search's shards, its words.
        let named = ["sitemap.xml", "epaper/\(poetry.content.edition.date.iso).epub"]
        for file in written.changes.changed where !named.contains(file) && !file.hasPrefix("search-index/terms/") {
            let text = String(decoding: after[file] ?? Data(), as: UTF8.self)
            let showsIt =
                text.contains(link) || text.contains(SiteURL.article(.value(poetry.id), .value(poetry.slug)).path)
            #expect(showsIt, "\(file) was rewritten but does not show the changed story")
        }
        let rewritten = Set(written.changes.changed)
        for (file, bytes) in before where !rewritten.contains(file) && !file.hasPrefix(StaticSiteFolder.manifestName) {
            #expect(after[file] == bytes, "\(file) changed without being listed")
        }
        #expect(written.changes.changed.count < before.count / 4, "\(written.changes.changed.count) of \(before.count)")
        try await workspace.close()
    }

    /// A story that is retracted leaves the site: its files are removed, the folder keeps no trace.
    @Test func aRetractedStorysFilesAreRemoved() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        let ferry = try #require(try await workspace.store.article(id: workspace.archive.ferry))
        _ = try await workspace.store.change(
            articleID: ferry.id, .retract(note: "Published in error."), expectedRevision: nil,
            by: Attribution(actor: "cli:test"))
        let summary = try await workspace.export()
        #expect(summary.changes.removed.contains("news/\(ferry.id)/\(ferry.slug.rawValue)/index.html"))
        #expect(summary.changes.removed.contains("news/\(ferry.id)/index.html"))
        #expect(!FileManager.default.fileExists(atPath: workspace.out.appendingPathComponent("news/\(ferry.id)").path))
        try await workspace.close()
    }

    /// A folder of someone else's files is refused, not overwritten.
    @Test func aFolderThatIsNotAnExportIsRefused() async throws {
        let workspace = try await Workspace()
        try FileManager.default.createDirectory(at: workspace.out, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: workspace.out.appendingPathComponent("notes.txt"))
        await #expect(throws: StaticExportError.notAnExport(workspace.out.path)) {
            _ = try await workspace.export()
        }
        try await workspace.close()
    }

    /// An export stopped half-way (here: before `finish`) leaves a folder the next export takes up.
    @Test func anExportStoppedHalfWayCanBeRunAgain() async throws {
        let workspace = try await Workspace()
        do {
            let stopped = try StaticSiteFolder(root: workspace.out, checking: false)
            try stopped.put("news/1/a-story/index.html", Data("half".utf8))
        }
        let summary = try await workspace.export()
        #expect(summary.changes.removed == ["news/1/a-story/index.html"])
        #expect(
            !FileManager.default.fileExists(atPath: workspace.out.appendingPathComponent("news/1/a-story").path),
            "what the stopped export wrote for no page is gone")
        try await workspace.close()
    }

    /// A printed page is exported with its replica view and the page images it shows.
    @Test func printedPagesAndTheirImagesAreExported() async throws {
        let (images, image, pictures) = try await IIIFImageTests.folderWithPicture()
        defer { try? FileManager.default.removeItem(at: pictures) }
        let workspace = try await Workspace(images: images)
        let page = try await Self.saveStoryOnPage3(of: workspace, image: image)
        try await workspace.store.savePrintedPages(
            [PrintedPageWords(page: page, words: [])], publication: WebFixture.publication.name)
        _ = try await workspace.export()
        let files = try workspace.files()
        #expect(files["epaper/2025-04-30/3/index.html"] != nil)
        #expect(files["iiif/3/\(image)/info.json"] != nil, "the replica's image service")
        #expect(files.keys.contains { $0.hasPrefix("iiif/3/\(image)/full/") && $0.hasSuffix(".jpg") })
        let (_, broken) = try Self.checkLinks(files)
        #expect(broken.isEmpty, "links that resolve to no file: \(broken.sorted())")
        try await workspace.close()
    }

    /// An export reads a date's printed pages once for all of that date's stories
    /// (`PrintedEditions`): a page filed for the date meanwhile waits for the next run, where the
    /// server shows it at once.
    @Test func storiesOfADateShareOneReadOfItsPrintedPages() async throws {
        let workspace = try await Workspace()
        let page = try await Self.saveStoryOnPage3(of: workspace, image: String(repeating: "ab", count: 32))
        let edition = try #require(try await workspace.store.edition(on: page.date))
        let story = try #require(edition.articles.first { $0.headline == "Tide tables for the week" })
        let path = SiteURL.article(.value(story.id), .value(story.slug)).path
        let renderer = SiteRenderer(site: workspace.site)
        let memo = PrintedEditions()
        let before = try await PrintedEditions.$current.withValue(memo) { try await renderer.get(path) }
        try await workspace.store.savePrintedPages(
            [PrintedPageWords(page: page, words: [])], publication: WebFixture.publication.name)
        try await workspace.store.savePrintedArticle(
            try PrintedArticle(regions: [try Region(page: 3, box: try PageBox(x: 0.1, y: 0.1, width: 0.5, height: 0.4))]
            ),
            articleID: story.id)
        let during = try await PrintedEditions.$current.withValue(memo) { try await renderer.get(path) }
        let now = try await renderer.get(path)
        #expect(!String(buffer: before.body).contains("Printed on page 3"))
        #expect(String(buffer: during.body) == String(buffer: before.body))
        #expect(String(buffer: now.body).contains("Printed on page 3"))
        try await workspace.close()
    }

    /// Files a story printed on page 3 of 30 April; returns that page, with `image`, not yet filed.
    static func saveStoryOnPage3(of workspace: Workspace, image: String) async throws -> PrintedPage {
        let printed = EditionDate(year: 2025, month: 4, day: 30)!
        var content = WebFixture.story(
            "Tide tables for the week", section: "Pakistan", topics: ["Transport"], byline: "Our Staff Reporter",
            date: printed, hour: 6)
        content.edition.page = PageReference(number: 3, name: "Coast")
        _ = try await workspace.store.save(content, status: .published)
        return try PrintedPage(date: printed, number: 3, width: 400, height: 300, image: "\(image).ppm")
    }

    /// Every same-site link of every exported page, and those no file answers.
    static func checkLinks(_ files: [String: Data]) throws -> (checked: Int, broken: [String]) {
        var checked = 0
        var broken: [String] = []
        for (page, bytes) in files where page.hasSuffix(".html") {
            for link in links(in: String(decoding: bytes, as: UTF8.self)) {
                checked += 1
                let bare = String(link.prefix { $0 != "?" && $0 != "#" })
                let decoded = try #require(bare.removingPercentEncoding, "\(link) in \(page)")
                let relative = String(decoded.drop { $0 == "/" })
                let candidates = [relative, relative.isEmpty ? "index.html" : relative + "/index.html"]
                if !candidates.contains(where: { files[$0] != nil }) { broken.append("\(page) → \(link)") }
            }
        }
        return (checked, broken)
    }

    /// The same-site addresses in `href`, `src`, `srcset` and `data-info` attributes.
    static func links(in html: String) -> [String] {
        html.matches(of: #/\s(?:href|src|srcset|data-info)="([^"]*)"/#).flatMap { match in
            String(match.output.1).replacingOccurrences(of: "&amp;", with: "&").components(separatedBy: ", ")
                .compactMap { $0.split(separator: " ").first.map(String.init) }
        }
        .filter { $0.hasPrefix("/") && !$0.hasPrefix("//") }
    }

    @Test(arguments: [
        ("/", true, "index.html"), ("/news/12/harbour-bridge", true, "news/12/harbour-bridge/index.html"),
        ("/feed.xml", false, "feed.xml"), ("/sections/caf%C3%A9/page/2", true, "sections/café/page/2/index.html"),
        ("/static/style.css", false, "static/style.css"), ("/search?q=x", true, "search/index.html"),
    ])
    func addressesBecomeFiles(path: String, isPage: Bool, file: String) {
        #expect(StaticLayout.file(for: path, isPage: isPage) == file)
    }

    /// Refused by their bytes: a dot that an accent follows still begins a hidden name on disk.
    @Test(arguments: [
        "/..", "/news/%2E%2E/x", "/a/%2Fb", "/.broadsheet-export", "/news/.%CC%81x", "/a/b%00c", "/a/%2F%CC%81",
    ])
    func addressesNoFileCanStandForAreRefused(path: String) {
        #expect(StaticLayout.file(for: path, isPage: false) == nil)
    }
}
