import Broadsheet
import Foundation
import Testing

@testable import BroadsheetWeb

/// A repeat static export renders only what the stories changed since the last one touched, and
/// leaves the folder exactly as a fresh full export of the same archive would.
@Suite("The incremental static export", .timeLimit(.minutes(10)))
struct IncrementalExportTests {
    typealias Workspace = StaticExportTests.Workspace

    /// One story's text edited, one's byline changed (it leaves one author's listing for
    /// another's) and one corrected: the repeat export renders a fraction of the site, and its
    /// folder equals, byte for byte, a full export made afresh.
    @Test(arguments: HostileStore.allCases)
    func aRepeatExportEqualsAFreshFullExport(_ kind: HostileStore) async throws {
        let workspace = try await Workspace(on: kind)
        let first = try await workspace.export()
        #expect(first.kind == .full(reason: "the folder holds no finished export"))
        let unchanged = try await workspace.export()
        #expect(unchanged.kind == .incremental(articles: 0))
        #expect(unchanged.changes.isEmpty, "an unchanged archive rewrote \(unchanged.changes.changed)")
        let before = try workspace.files()

        let store = workspace.store
        let poetry = try #require(try await store.article(id: workspace.archive.poetry))
        var content = poetry.content
        content.body = [.paragraph("شام کے مشاعرے میں نئی غزلیں پڑھی گئیں۔")]
        _ = try await store.save(content, status: .published)
        let markets = try #require(try await store.article(id: workspace.archive.markets))
        content = markets.content
        content.byline = "Hira Baig"
        content.authors = [Author(name: "Hira Baig", kind: .person)]
        _ = try await store.save(content, status: .published)
        let by = Attribution(actor: "cli:test")
        _ = try await store.change(
            articleID: workspace.archive.bridge, .correct(.correction, text: "The bridge opened in 1962."),
            expectedRevision: nil, by: by)

        let checked = try await workspace.export(checking: true)
        let written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 3))
        #expect(checked.changes.changed == written.changes.changed, "--check lists what the export then writes")
        #expect(written.rendered < first.rendered * 2 / 3, "rendered \(written.rendered) of \(first.rendered)")
        #expect(written.changes.created.contains { $0.hasPrefix("authors/hira-baig/") })

        let fresh = workspace.root.appendingPathComponent("fresh")
        let full = try await StaticExport(site: workspace.site, folder: fresh).run()
        #expect(full.kind == .full(reason: "the folder holds no finished export"))
        let incremental = try workspace.files()
        let expected = try StaticExportTests.files(under: fresh)
        let extra = Set(incremental.keys.filter(Self.isSite)).subtracting(expected.keys)
        let missing = Set(expected.keys.filter(Self.isSite)).subtracting(incremental.keys)
        #expect(extra.isEmpty && missing.isEmpty, "more: \(extra.sorted()), fewer: \(missing.sorted())")
        for (file, bytes) in expected where Self.isSite(file) {
            #expect(incremental[file] == bytes, "\(file) differs from a fresh full export's")
        }
        let manifest = try StaticSiteFolder(root: workspace.out, checking: true).previousFiles.allDigests()
        #expect(manifest == (try StaticSiteFolder(root: fresh, checking: true).previousFiles.allDigests()))
        // What the export says it wrote is exactly what differs from the folder before it.
        let differing = Set(incremental.keys.filter { Self.isSite($0) && incremental[$0] != before[$0] })
        #expect(differing == Set(written.changes.changed + written.changes.created))
        #expect(Set(written.changes.removed) == Set(before.keys.filter { incremental[$0] == nil }))
        try await workspace.close()
    }

    /// A story deep in an author's listing that gains a second author keeps its place there: the
    /// page that shows it is rendered again, the listing's other pages stay, the second author's
    /// listing is made whole, and the folder equals a fresh full export's.
    @Test func aStoryThatGainsAnAuthorKeepsItsPageInTheFirstAuthorsListing() async throws {
        let workspace = try await Workspace()
        let perPage = ReaderController<BroadsheetRequestContext>.perPage
        let ids = try await Self.saveStories(
            perPage * 2 + 5, headed: "Dockyard shift report", topic: "Dockyard", in: workspace)
        _ = try await workspace.export()
        let before = try workspace.files()
        // Among the oldest, so on the listing's last page.
        let deep = try #require(try await workspace.store.article(id: ids[1]))
        var content = deep.content
        content.byline = "APP and Hira Baig"
        content.authors = workspace.site.publication.bylineReader.authors(in: "APP and Hira Baig")
        #expect(content.authors.count == 2)
        _ = try await workspace.store.save(content, status: .published)

        let written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 1))
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])
        #expect(written.changes.created.contains { $0.hasPrefix("authors/hira-baig/") })
        let first = "authors/app/index.html"
        let after = try workspace.files()
        #expect(before[first] != nil && after[first] == before[first], "the first page did not show the story")
        try await workspace.close()
    }

    /// A story older than the fifty its listings' feeds show, changed in its text only: the
    /// repeat renders what its plan lists and none of the feeds its page links to, each of which
    /// shows what it showed. The newest story changed renders those feeds again. Either way the
    /// folder ends as a fresh full export's.
    @Test func feedsThatShowNoChangedStoryAreLeftAsTheyAre() async throws {
        let workspace = try await Workspace()
        let count = FeedController<BroadsheetRequestContext>.entryCount + 5
        let ids = try await Self.saveStories(count, headed: "Harbour tide table", topic: "Harbour", in: workspace)
        _ = try await workspace.export()
        let feeds = ["sections/metropolitan", "topics/harbour", "authors/app"].flatMap { folder in
            FeedFormat.allCases.map { "\(folder)/\($0.rawValue)" }
        }
        let before = try workspace.files()
        for feed in feeds { #expect(before[feed] != nil, "the first export wrote no \(feed)") }

        let oldest = try #require(try await workspace.store.article(id: ids[0]))
        #expect(!String(decoding: before[feeds[0]] ?? Data(), as: UTF8.self).contains(oldest.content.headline))
        var content = oldest.content
        content.body = [.paragraph("The tide table was printed again with the evening's low water.")]
        _ = try await workspace.store.save(content, status: .published)
        let version = try #require(ExportState.load(from: workspace.out)).version
        let plan = try await Self.plan(of: workspace, since: version)
        let planned = Set(plan.paths.map(\.path))
        for feed in feeds { #expect(!planned.contains("/" + feed), "the plan renders \(feed)") }
        let quiet = try await workspace.export()
        #expect(quiet.kind == .incremental(articles: 1))
        #expect(
            quiet.rendered == plan.paths.count + plan.redirects.count,
            "rendered \(quiet.rendered) addresses, of which the plan lists \(plan.paths.count + plan.redirects.count)")
        #expect(quiet.changes.changed.contains { $0.hasPrefix("news/\(oldest.id)/") })

        let last = try #require(ids.indices.max { ($0 % 24, $0) < ($1 % 24, $1) })
        let newest = try #require(try await workspace.store.article(id: ids[last]))
        content = newest.content
        content.body = [.paragraph("The harbour master moved the evening's high water by ten minutes.")]
        _ = try await workspace.store.save(content, status: .published)
        let loud = try await workspace.export()
        #expect(loud.kind == .incremental(articles: 1))
        for feed in feeds { #expect(loud.changes.changed.contains(feed), "\(feed) shows the newest story") }

        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])
        try await workspace.close()
    }

    /// A story's short address is a redirect to its page: the links keep no line for it, though
    /// the file is written, and a repeat export finds it by the story's id.
    @Test func shortAddressesAreLeftOutOfTheLinks() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        let id = workspace.archive.poetry
        let poetry = try #require(try await workspace.store.article(id: id))
        let links = try #require(ExportLinks.load(from: workspace.out))
        #expect(links.entry("news/\(id)/index.html") == nil)
        #expect(links.entry("news/\(id)/\(poetry.slug.rawValue)/index.html") != nil)
        #expect(try workspace.files()["news/\(id)/index.html"] != nil)
        try await workspace.close()
    }

    /// A month's sitemap shows each story's address and when it last changed: a story whose body
    /// alone changed leaves it as it was, and a correction, which re-dates the story, renders it again.
    @Test func aMonthsSitemapIsRenderedAgainOnlyForAStoryReDated() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        let version = try #require(ExportState.load(from: workspace.out)).version
        let poetry = try #require(try await workspace.store.article(id: workspace.archive.poetry))
        var content = poetry.content
        content.body = [.paragraph("دریا کے پار نئی بستی کی شام۔")]
        _ = try await workspace.store.save(content, status: .published)
        let sitemaps = { (plan: IncrementalPlan) in plan.paths.map(\.path).filter { $0.hasPrefix("/sitemaps/") } }
        #expect(sitemaps(try await Self.plan(of: workspace, since: version)).isEmpty)

        _ = try await workspace.store.change(
            articleID: poetry.id, .correct(.correction, text: "The reading was on Friday."), expectedRevision: nil,
            by: Attribution(actor: "cli:test"))
        let month = SitemapFile.name(try #require(CalendarMonth(containing: poetry.content.published.instant)), part: 1)
        #expect(sitemaps(try await Self.plan(of: workspace, since: version)) == ["/sitemaps/\(month)"])
        let written = try await workspace.export()
        #expect(written.changes.changed.contains("sitemaps/\(month)"))
        try await workspace.close()
    }

    /// The offline search's shards are patched, not built again, unless the last export's index
    /// is not there to patch: then it is built from the archive, to the same bytes.
    @Test func anIndexThatCannotBePatchedIsBuiltAgain() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        let poetry = try #require(try await workspace.store.article(id: workspace.archive.poetry))
        var content = poetry.content
        content.body = [.paragraph("سمندر کے کنارے نئی نظمیں۔")]
        _ = try await workspace.store.save(content, status: .published)
        try FileManager.default.removeItem(at: workspace.out.appendingPathComponent("search-index/meta.json"))
        let written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 1))
        #expect(written.changes.changed.contains("search-index/meta.json"))
        let fresh = workspace.root.appendingPathComponent("fresh")
        _ = try await StaticExport(site: workspace.site, folder: fresh).run()
        let expected = try StaticExportTests.files(under: fresh).filter { $0.key.hasPrefix("search-index/") }
        #expect(try workspace.files().filter { $0.key.hasPrefix("search-index/") } == expected)
        try await workspace.close()
    }

    /// A day's new story renders its month's sitemap and leaves another month's as it was; it
    /// names a new topic, so the topics' sitemap is rendered too. The other month's only story
    /// retracted, that month's sitemap goes, and its topic with it. Each time the folder equals a
    /// fresh full export's.
    @Test func storiesThatComeOrGoRenderTheSitemapsOfTheirMonthsAlone() async throws {
        let workspace = try await Workspace()
        let march = try #require(EditionDate(year: 2025, month: 3, day: 12))
        let almanac = try await workspace.store.save(
            WebFixture.story(
                "Almanac of the spring tides", section: "Metropolitan", topics: ["Almanac"], byline: "APP",
                date: march, hour: 9),
            status: .published
        ).articleID
        _ = try await workspace.export()
        let sitemap = { (date: EditionDate) in
            "sitemaps/" + SitemapFile.name(try #require(CalendarMonth(year: date.year, month: date.month)), part: 1)
        }
        let (marchFile, aprilFile) = (try sitemap(march), try sitemap(WebFixture.april28))
        let before = try workspace.files()
        #expect(before[marchFile] != nil && before[aprilFile] != nil)

        var version = try #require(ExportState.load(from: workspace.out)).version
        _ = try await workspace.store.save(
            WebFixture.story(
                "Lighthouse keepers gather at the point", section: "Metropolitan", topics: ["Lighthouses"],
                byline: "APP", date: WebFixture.april28, hour: 23),
            status: .published)
        let sitemaps = { (plan: IncrementalPlan) in Set(plan.paths.map(\.path).filter { $0.hasPrefix("/sitemaps/") }) }
        #expect(
            sitemaps(try await Self.plan(of: workspace, since: version))
                == ["/" + aprilFile, "/sitemaps/\(SitemapFile.topics)"])
        var written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 1))
        #expect(written.changes.changed.contains(aprilFile) && written.changes.changed.contains("sitemaps/topics.xml"))
        #expect(try workspace.files()[marchFile] == before[marchFile])
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])

        version = try #require(ExportState.load(from: workspace.out)).version
        _ = try await workspace.store.change(
            articleID: almanac, .retract(note: "Printed in error."), expectedRevision: nil,
            by: Attribution(actor: "cli:test"))
        #expect(sitemaps(try await Self.plan(of: workspace, since: version)).contains("/" + marchFile))
        written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 1))
        #expect(written.changes.removed.contains(marchFile))
        #expect(written.changes.changed.contains("sitemaps/topics.xml"))
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])
        try await workspace.close()
    }

    /// The offline search's postings in volumes of eight stories by id: new stories that open a
    /// volume have its every shard written and leave the oldest volume's files as they were;
    /// retracting the stories of that volume closes it and removes its files. Each time the folder
    /// equals a fresh full export's.
    @Test func newStoriesOpenAVolumeOfTheSearchAndRetractedOnesCloseIt() async throws {
        var workspace = try await Workspace()
        workspace.searchVolume = 8
        _ = try await workspace.export()
        let volumes = try Self.searchMeta(of: workspace).volumes
        #expect(volumes.count > 2 && volumes.allSatisfy { $0 > 0 }, "\(volumes)")
        var opening: [Int64] = []
        var number = 0
        while opening.count < 2 {
            let outcome = try await workspace.store.save(
                WebFixture.story(
                    "Ferry timetable \(number) for the island crossing", section: "Metropolitan", topics: ["Ferries"],
                    byline: "APP", date: WebFixture.april28, hour: 22),
                status: .published)
            number += 1
            if outcome.articleID / 8 == Int64(volumes.count) { opening.append(outcome.articleID) }
        }
        var written = try await workspace.export()
        #expect(written.kind == .incremental(articles: number))
        let shards = try Self.searchMeta(of: workspace).shards
        let opened = Set((0..<shards).map { OfflineSearchIndex.termsFile(volume: Int64(volumes.count), shard: $0) })
        #expect(opened.isSubset(of: Set(written.changes.created)))
        var touched = written.changes.changed + written.changes.created + written.changes.removed
        #expect(!touched.contains { $0.hasPrefix("search-index/terms/0/") }, "\(touched.sorted())")
        #expect(try Self.searchMeta(of: workspace).volumes.count == volumes.count + 1)
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])

        for id in opening {
            _ = try await workspace.store.change(
                articleID: id, .retract(note: "Filed by mistake."), expectedRevision: nil,
                by: Attribution(actor: "cli:test"))
        }
        written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 2))
        #expect(opened.isSubset(of: Set(written.changes.removed)))
        touched = written.changes.changed + written.changes.created + written.changes.removed
        #expect(!touched.contains { $0.hasPrefix("search-index/terms/0/") }, "\(touched.sorted())")
        #expect(try Self.searchMeta(of: workspace).volumes.count == volumes.count)
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])
        try await workspace.close()
    }

    /// The offline search's `meta.json` in the workspace's export.
    private static func searchMeta(of workspace: Workspace) throws -> OfflineSearchIndex.Meta {
        try JSONDecoder().decode(
            OfflineSearchIndex.Meta.self,
            from: Data(contentsOf: workspace.out.appendingPathComponent("\(OfflineSearchIndex.folder)/meta.json")))
    }

    /// The stories' words are kept a small file per 50 stories, so a patch reads and rewrites a
    /// few of them; an export made before, with its record in files of 500, is indexed again once
    /// and its old record removed.
    @Test func theWordsRecordIsKeptInSmallFilesAndAnOldOneIsReplaced() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        let record = workspace.out.appendingPathComponent(OfflineSearchIndex.wordsFolder)
        let legacy = workspace.out.appendingPathComponent(OfflineSearchIndex.legacyWordsFolder)
        let files = try FileManager.default.contentsOfDirectory(atPath: record.path)
        #expect(!files.isEmpty)
        for file in files {
            let group = try #require(Int64(file.replacingOccurrences(of: ".txt", with: "")))
            let text = try String(contentsOf: record.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let id = try #require(Int64(line.prefix { $0 != "\t" }))
                #expect(id / OfflineSearchIndex.wordsGroup == group, "\(id) in \(file)")
            }
        }

        // An export left by the build before: its record under the old name, none under the new.
        try FileManager.default.moveItem(at: record, to: legacy)
        #expect(try await Self.canPatch(workspace) == false)
        let poetry = try #require(try await workspace.store.article(id: workspace.archive.poetry))
        var content = poetry.content
        content.body = [.paragraph("سمندر کے کنارے نئی نظمیں۔")]
        _ = try await workspace.store.save(content, status: .published)
        let rebuilt = try await workspace.export()
        #expect(rebuilt.kind == .incremental(articles: 1))
        #expect(!FileManager.default.fileExists(atPath: legacy.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: record.path).sorted() == files.sorted())
        #expect(try await Self.canPatch(workspace))

        content.body = [.paragraph("پہاڑوں پر برف کی نئی تہہ۔")]
        _ = try await workspace.store.save(content, status: .published)
        let patched = try await workspace.export()
        #expect(patched.kind == .incremental(articles: 1))
        let group = workspace.archive.poetry / OfflineSearchIndex.wordsGroup
        let words = try #require(OfflineSearchIndex.loadWords(group: group, in: workspace.out))
        let now = Set(SearchVocabulary.words(in: content.headline, content.summary ?? "", content.bodyText))
        #expect(Set(try #require(words[workspace.archive.poetry]).split(separator: " ").map(String.init)) == now)
        let fresh = workspace.root.appendingPathComponent("fresh")
        _ = try await StaticExport(site: workspace.site, folder: fresh).run()
        let expected = try StaticExportTests.files(under: fresh).filter { $0.key.hasPrefix("search-index/") }
        #expect(try workspace.files().filter { $0.key.hasPrefix("search-index/") } == expected)

        // A full export writes the record afresh: a group none of whose stories is left goes.
        let stale = record.appendingPathComponent("999.txt")
        try Data("49950\tferry\n".utf8).write(to: stale)
        _ = try await workspace.export(full: true)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: record.path).sorted() == files.sorted())
        try await workspace.close()
    }

    /// A group of the words record is read line by line; one a stop cut short, or a line that is
    /// not an id and its words, is not trusted, and the search is built again.
    /// A repeat export shows a changed story's related box as the last export kept it (no story's
    /// weighed fields changed, or it would be a full export, so no box did) rather than making it
    /// again: a box the record names is the one its page shows, and the record keeps it.
    @Test(arguments: HostileStore.allCases)
    func aChangedStoryShowsItsKeptRelatedBox(_ kind: HostileStore) async throws {
        let workspace = try await Workspace(on: kind)
        _ = try await workspace.export()
        let (poetry, bridge) = (workspace.archive.poetry, workspace.archive.bridge)
        // The record's line for the poetry story, its box set to the bridge story alone: no box
        // made from the archive would be that.
        let record = workspace.out.appendingPathComponent(ExportLinks.storiesName)
        let lines = try String(contentsOf: record, encoding: .utf8).split(separator: "\n")
        let line = try #require(lines.last { $0.hasPrefix("\(poetry) ") })
        let fields = line.split(separator: " ")
        try #require(fields.count == 5, "a box is kept for every published story")
        #expect(fields[4] != "\(bridge)")
        let handle = try FileHandle(forWritingTo: record)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((fields[0..<4].joined(separator: " ") + " \(bridge)\n").utf8))
        try handle.close()

        let story = try #require(try await workspace.store.article(id: poetry))
        var content = story.content
        content.body = [.paragraph("شام کے مشاعرے میں نئی غزلیں پڑھی گئیں۔")]
        _ = try await workspace.store.save(content, status: .published)
        let written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 1))
        let page = try #require(
            try workspace.files().first {
                $0.key.hasPrefix("news/\(poetry)/") && $0.key.split(separator: "/").count == 4
            })
        let html = String(decoding: page.value, as: UTF8.self)
        let box = try #require(html.range(of: #"<aside class="related""#).map { html[$0.lowerBound...] })
        let shown = box[..<(box.range(of: "</aside>")?.upperBound ?? box.endIndex)]
        #expect(shown.contains("href=\"/news/\(bridge)/") && shown.components(separatedBy: "<li>").count == 2)
        let kept = try #require(ExportLinks.load(from: workspace.out))
        #expect(kept.relatedBox(of: poetry) == [bridge], "the box is kept for the next export")
        try await workspace.close()
    }

    @Test func aWordsGroupIsReadByWholeLines() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString)")
        let folder = root.appendingPathComponent(OfflineSearchIndex.wordsFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = folder.appendingPathComponent("3.txt")
        try Data("150\tferry harbour\n\n151\tسمندر نظم\n152\t\n".utf8).write(to: file)
        let words = try #require(OfflineSearchIndex.loadWords(group: 3, in: root))
        #expect(words == [150: "ferry harbour", 151: "سمندر نظم", 152: ""])
        for damaged in ["150\tferry harbour\n151\tsea", "x150\tferry\n", "150 ferry\n"] {
            try Data(damaged.utf8).write(to: file)
            #expect(OfflineSearchIndex.loadWords(group: 3, in: root) == nil, "\(damaged.debugDescription)")
        }
        #expect(OfflineSearchIndex.loadWords(group: 4, in: root) == nil)

        // A group as the record writes it: its lines in the order of the ids, read back as written.
        let lines: [(Int64, Substring)] = [(151, "سمندر نظم"), (150, "ferry harbour"), (152, "")]
        let written = OfflineSearchIndex.wordsRecord(lines)
        #expect(String(decoding: written, as: UTF8.self) == "150\tferry harbour\n151\tسمندر نظم\n152\t\n")
        try written.write(to: file)
        #expect(OfflineSearchIndex.loadWords(group: 3, in: root) == Dictionary(uniqueKeysWithValues: lines))
        // Words that are a slice of a longer text (as a record read back holds them): only the slice.
        let text = "151\tسمندر نظم ferry\n"
        let slice = text[text.firstIndex(of: "س")!..<text.firstIndex(of: "\n")!]
        let record = OfflineSearchIndex.wordsRecord([(151, slice)])
        #expect(String(decoding: record, as: UTF8.self) == "151\tسمندر نظم ferry\n")
    }

    /// Printed pages filed for an edition after the last export: its pages, its stories' pages
    /// (which show where each was printed) and the page images are exported as a full export would.
    @Test func printedPagesFiledLaterAreExported() async throws {
        let (images, image, pictures) = try await IIIFImageTests.folderWithPicture()
        defer { try? FileManager.default.removeItem(at: pictures) }
        let workspace = try await Workspace(images: images)
        let page = try await StaticExportTests.saveStoryOnPage3(of: workspace, image: image)
        _ = try await workspace.export()
        try await workspace.store.savePrintedPages(
            [PrintedPageWords(page: page, words: [])], publication: WebFixture.publication.name)
        let written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 0))
        #expect(try workspace.files()["epaper/2025-04-30/3/index.html"] != nil)
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])
        try await workspace.close()
    }

    /// A printed page filed again without its image: no page links to the image's files any more,
    /// so the repeat export removes them, and the folder equals a fresh full export's.
    @Test func anImageNoPageShowsAnyMoreIsRemoved() async throws {
        let (images, image, pictures) = try await IIIFImageTests.folderWithPicture()
        defer { try? FileManager.default.removeItem(at: pictures) }
        let workspace = try await Workspace(images: images)
        let page = try await StaticExportTests.saveStoryOnPage3(of: workspace, image: image)
        let publication = WebFixture.publication.name
        try await workspace.store.savePrintedPages([PrintedPageWords(page: page, words: [])], publication: publication)
        _ = try await workspace.export()
        let imageFiles = { (files: [String: Data]) in files.keys.filter { $0.hasPrefix("iiif/3/\(image)/") } }
        #expect(!imageFiles(try workspace.files()).isEmpty)

        let bare = try PrintedPage(date: page.date, number: page.number, width: page.width, height: page.height)
        try await workspace.store.savePrintedPages([PrintedPageWords(page: bare, words: [])], publication: publication)
        let written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 0))
        #expect(imageFiles(try workspace.files()).isEmpty)
        #expect(written.changes.removed.contains { $0.hasPrefix("iiif/3/\(image)/") })
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])
        try await workspace.close()
    }

    /// A story that goes and one whose topics or headline change can each enter or leave the
    /// related boxes of stories filed after them that never linked to them: the repeat export
    /// makes those boxes again, renders the pages whose box differs and no other story's, keeps
    /// the record of what it did for the next, and leaves the folder as a fresh full export would.
    /// A story that comes is filed after all of them, and reaches no box.
    @Test(arguments: HostileStore.allCases)
    func storiesThatComeGoOrMoveRenderTheBoxesTheyReach(_ kind: HostileStore) async throws {
        let workspace = try await Workspace(on: kind)
        let tides = try await Self.saveStories(3, headed: "Tide table", topic: "Tides", in: workspace)
        let first = try await workspace.export()
        let (ferry, bridge, markets) = (workspace.archive.ferry, workspace.archive.bridge, workspace.archive.markets)
        let store = workspace.store
        let links = try #require(ExportLinks.load(from: workspace.out))
        #expect(links.relatedBox(of: bridge) == [ferry], "the ferry, filed before it, shares its topic")
        // Out of Transport, the ferry story leaves the bridge story's box.
        var ferryContent = try #require(try await store.article(id: ferry)).content
        ferryContent.topics = [Topic(name: "Ferries")]
        _ = try await store.save(ferryContent, status: .published)
        // Its topic and headline words would have reached the ferry's and the bridge's boxes.
        let fares = try await store.save(
            WebFixture.story(
                "Ferry fares rise on the harbour route", section: "Pakistan", topics: ["Transport"],
                byline: "Our Staff Reporter", date: WebFixture.april29, hour: 11),
            status: .published
        ).articleID
        // A day and a topic the archive did not have.
        let lighthouse = try await store.save(
            WebFixture.story(
                "Lighthouse keepers mark a century", section: "Culture", topics: ["Lighthouses"],
                byline: "Sana Mirza", date: EditionDate(year: 2025, month: 4, day: 30)!, hour: 9),
            status: .published
        ).articleID
        // Business keeps a story when the markets report is retracted: its section stays in the header.
        _ = try await store.save(
            WebFixture.story(
                "Markets steady before the budget", section: "Business", topics: ["Markets"],
                byline: "Reuters | AFP", date: WebFixture.april29, hour: 12),
            status: .published)
        _ = try await store.change(
            articleID: markets, .retract(note: "Published in error."), expectedRevision: nil,
            by: Attribution(actor: "cli:test"))
        let poetry = try #require(try await store.article(id: workspace.archive.poetry))
        var content = poetry.content
        content.headline = "شہر میں بڑا مشاعرہ"
        _ = try await store.save(content, status: .published)

        let export = StaticExport(site: workspace.site, folder: workspace.out, checking: true)
        let reached = try await RelatedCandidateMemo.$current.withValue(RelatedCandidateMemo()) {
            Set(try await export.relatedBoxesMoved(links: links, filedAfter: 0).map(\.summary.id))
        }
        #expect(reached.isSuperset(of: [bridge, fares, lighthouse]), "boxes found moved: \(reached.sorted())")
        #expect(reached.isDisjoint(with: tides), "the tide tables' boxes are as they were")
        let above = try await RelatedCandidateMemo.$current.withValue(RelatedCandidateMemo()) {
            Set(try await export.relatedBoxesMoved(links: links, filedAfter: bridge).map(\.summary.id))
        }
        #expect(above == reached.filter { $0 > bridge }, "only the boxes of stories filed after it are made")

        let checked = try await workspace.export(checking: true)
        let written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 6))
        #expect(
            written.moved?.stories == 6 && written.moved?.boxesChanged == 1, "\(String(describing: written.moved))")
        #expect(checked.changes.changed == written.changes.changed, "--check lists what the export then writes")
        #expect(checked.changes.created == written.changes.created)
        #expect(checked.changes.removed == written.changes.removed)
        #expect(written.rendered < first.rendered * 3 / 4, "rendered \(written.rendered) of \(first.rendered)")
        #expect(written.changes.removed.contains("news/\(markets)/index.html"))
        #expect(written.changes.changed.contains { Self.story(of: $0) == bridge }, "its box changed")
        #expect(!written.changes.changed.contains { tides.contains(Self.story(of: $0) ?? 0) })
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])

        let kept = try #require(ExportLinks.load(from: workspace.out))
        #expect(kept.weighedKey(of: markets) == nil, "a retracted story's line goes")
        let now = try #require(try await store.article(id: fares))
        #expect(kept.weighedKey(of: fares) == ExportLinks.weighedKey(of: now))
        #expect(kept.relatedBox(of: fares)?.first == bridge)
        #expect(kept.relatedBox(of: bridge)?.isEmpty ?? true)
        let again = try await workspace.export()
        #expect(again.kind == .incremental(articles: 0))
        #expect(again.changes.isEmpty, "a repeat after it rewrote \(again.changes.changed)")
        try await workspace.close()
    }

    /// A day's new stories are filed after every other, so however much they share with the
    /// stories before them, they enter no older story's box: the repeat renders no older story's
    /// page, and the folder is as a fresh full export's.
    @Test(arguments: HostileStore.allCases)
    func newStoriesRenderNoOlderStorysPage(_ kind: HostileStore) async throws {
        let workspace = try await Workspace(on: kind)
        _ = try await workspace.export()
        let store = workspace.store
        var new: Set<Int64> = []
        for (hour, headline) in [
            (13, "Harbour bridge repairs reopen the ferry route"), (14, "Ferry timetable repairs"),
        ] {
            new.insert(
                try await store.save(
                    WebFixture.story(
                        headline, section: "Pakistan", topics: ["Transport", "Infrastructure"],
                        byline: "Our Staff Reporter", date: WebFixture.april29, hour: hour),
                    status: .published
                ).articleID)
        }
        let written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 2))
        #expect(written.moved?.stories == 2 && written.moved?.boxesChanged == 0, "\(String(describing: written.moved))")
        let pages = written.changes.changed + written.changes.created
        #expect(pages.allSatisfy { Self.story(of: $0).map(new.contains) ?? true }, "\(pages.sorted())")
        let kept = try #require(ExportLinks.load(from: workspace.out))
        #expect(new.allSatisfy { kept.relatedBox(of: $0)?.contains(workspace.archive.bridge) == true })
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])
        try await workspace.close()
    }

    /// Many stories that move make a full export, which is quicker than rendering what each of
    /// them reaches, and it says why; twenty or fewer never do, however small the archive. Stories
    /// that come are not counted: filed after every other, they reach no box.
    @Test func manyStoriesThatMoveMakeAFullExport() async throws {
        let workspace = try await Workspace()
        let notices = try await Self.saveStories(21, headed: "Ferry notice", topic: "Ferries", in: workspace)
        _ = try await workspace.export()
        _ = try await Self.saveStories(21, headed: "Ferry bulletin", topic: "Ferries", in: workspace)
        #expect(try await workspace.export().kind == .incremental(articles: 21))
        for id in notices {
            var content = try #require(try await workspace.store.article(id: id)).content
            content.headline += " revised"
            _ = try await workspace.store.save(content, status: .published)
        }
        let written = try await workspace.export()
        #expect(
            written.kind
                == .full(
                    reason:
                        "21 stories went or changed what related boxes weigh: more than a thousandth of the archive, past which rendering everything is quicker"
                ))
        try await workspace.close()
    }

    /// A section's last story retracted takes the section out of every page's header: the export
    /// renders everything again, says why, and its pages show the header as it is now.
    @Test func aSectionLeavingTheHeaderMakesAFullExport() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        _ = try await workspace.store.change(
            articleID: workspace.archive.markets, .retract(note: "Published in error."), expectedRevision: nil,
            by: Attribution(actor: "cli:test"))
        let written = try await workspace.export()
        #expect(
            written.kind
                == .full(
                    reason:
                        "the sections in every page's header changed: one gained its first story or lost its last"))
        let file = "news/\(workspace.archive.bridge)/harbour-bridge-reopens-after-repairs/index.html"
        let page = try #require(
            try workspace.files()[file].map {
                String(decoding: $0, as: UTF8.self)
            })
        #expect(page.contains("/sections/pakistan") && !page.contains("/sections/business"))
        try await workspace.close()
    }

    /// A day's new stories join their listings at the top. Numbered from the oldest, the
    /// listings' numbered pages are neither rendered nor written again, until a full page of
    /// stories leaves the first page: then that page is new, and the one before it links to it.
    /// Each day the folder equals a fresh full export's.
    @Test func newStoriesLeaveTheNumberedListingPagesAlone() async throws {
        let workspace = try await Workspace()
        _ = try await Self.saveStories(45, headed: "Dockyard shift report", topic: "Dockyard", in: workspace)
        _ = try await workspace.export()
        let listings = ["topics/dockyard", "sections/metropolitan", "authors/app"]
        func file(_ hours: ClosedRange<Int>) async throws {
            for hour in hours {
                _ = try await workspace.store.save(
                    WebFixture.story(
                        "Dockyard night report \(hour)", section: "Metropolitan", topics: ["Dockyard"], byline: "APP",
                        date: WebFixture.april28, hour: hour),
                    status: .published)
            }
        }
        // Later than every story filed so far: the first day's one story.
        let version = try #require(ExportState.load(from: workspace.out)).version
        try await file(30...30)
        let planned = try await Self.plan(of: workspace, since: version).paths.map(\.path)
        #expect(planned.contains("/topics/dockyard"))
        #expect(!planned.contains { $0.contains("/page/") }, "planned: \(planned.sorted())")
        var written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 1))
        var touched = written.changes.changed + written.changes.created + written.changes.removed
        #expect(!touched.contains { $0.contains("/page/") }, "written: \(touched.sorted())")
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])

        // Fourteen more: sixty in the topic, so its first page's oldest twenty become page 2,
        // and a hundred and one in the section and the author's listing, so page 4 comes.
        try await file(31...44)
        written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 14))
        touched = written.changes.changed + written.changes.created + written.changes.removed
        let pages = Set(touched.filter { file in listings.contains { file.hasPrefix($0 + "/page/") } })
        #expect(
            pages == [
                "topics/dockyard/page/1/index.html", "topics/dockyard/page/2/index.html",
                "sections/metropolitan/page/3/index.html", "sections/metropolitan/page/4/index.html",
                "authors/app/page/3/index.html", "authors/app/page/4/index.html",
            ])
        #expect(written.changes.created.contains("topics/dockyard/page/2/index.html"))
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])

        // One retracted: fifty-nine again, so page 2 goes, as a page the listing no longer has
        // rather than one the server was asked for and would not answer.
        let newest = try #require(
            try await workspace.store.articles(matching: ArticleQuery(topic: Slug("Dockyard"), limit: 1)).items.first)
        _ = try await workspace.store.change(
            articleID: newest.id, .retract(note: "Filed twice."), expectedRevision: nil,
            by: Attribution(actor: "cli:test"))
        written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 1))
        #expect(written.changes.removed.contains("topics/dockyard/page/2/index.html"))
        #expect(written.skipped.isEmpty, "asked for: \(written.skipped)")
        #expect(try await Self.differencesFromAFreshFullExport(of: workspace) == [])
        try await workspace.close()
    }

    /// On one day a story deep in a listing gets a new summary while a new story joins the
    /// listing at the top. The new story shifts none of the numbered pages, but the page that
    /// shows the changed card is rendered again.
    @Test func aCardChangedBelowANewStoryIsRenderedAgain() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        let tides = try await workspace.store.articles(matching: ArticleQuery(topic: Slug("Tides"), limit: 100))
        let oldest = try #require(tides.items.last)
        var content = try #require(try await workspace.store.article(id: oldest.id)).content
        content.summary = "The tide table was printed again with the spring tides."
        _ = try await workspace.store.save(content, status: .published)
        _ = try await workspace.store.save(
            WebFixture.story(
                "Tide table for the new week", section: "Metropolitan", topics: ["Tides"], byline: "APP",
                date: WebFixture.april28, hour: 23),
            status: .published)
        let written = try await workspace.export()
        #expect(written.kind == .incremental(articles: 2))
        #expect(written.changes.changed.contains("topics/tides/page/1/index.html"))
        let differing = try await Self.differencesFromAFreshFullExport(of: workspace)
        #expect(differing.isEmpty, "differ from a fresh full export's: \(differing.sorted())")
        try await workspace.close()
    }

    /// A story moved to the start of its day leaves the first page of its listings for page 1,
    /// the oldest: the pages it crossed are rendered again, not only the page that showed it.
    @Test func aStoryReDatedMovesAcrossItsListingsPages() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        let version = try #require(ExportState.load(from: workspace.out)).version
        let tides = try await workspace.store.articles(matching: ArticleQuery(topic: Slug("Tides"), limit: 100))
        let newest = try #require(tides.items.first)
        var content = try #require(try await workspace.store.article(id: newest.id)).content
        let day = WebFixture.april28.startOfDay(in: WebFixture.publication.timeZone)
        // Filed as a newer version of the story: an older one is ignored.
        (content.published, content.updated) = (Timestamp(day), Timestamp(day.addingTimeInterval(23 * 3600)))
        _ = try await workspace.store.save(content, status: .published)
        let paths = Set(try await Self.plan(of: workspace, since: version).paths.map(\.path))
        #expect(paths.isSuperset(of: ["/topics/tides", "/topics/tides/page/1"]), "planned: \(paths.sorted())")
        #expect(try await workspace.export().kind == .incremental(articles: 1))
        let differing = try await Self.differencesFromAFreshFullExport(of: workspace)
        #expect(differing.isEmpty, "differ from a fresh full export's: \(differing.sorted())")
        try await workspace.close()
    }

    /// The story a file of the export is under `news/`, if any.
    private static func story(of file: String) -> Int64? {
        let parts = file.split(separator: "/")
        return parts.count >= 2 && parts[0] == "news" ? Int64(parts[1]) : nil
    }

    /// A story newer than any the last export published has no file of words or cards yet: the
    /// patch starts them empty where the export held no story, and gives up anywhere else.
    @Test func aNewStoryPastTheLastGroupIsPatchedIn() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        let article = try #require(try await workspace.store.article(id: workspace.archive.ferry))
        let id: Int64 = 1_000_123
        let entry = OfflineSearchIndex.entry(article, url: "/news/\(id)", date: "28 April 2025")
        let articles = try await workspace.store.count(matching: ArticleQuery(limit: ArticleQuery.maximumLimit)) + 1
        let (group, bucket) = (id / OfflineSearchIndex.wordsGroup, id / OfflineSearchIndex.bucketSize)
        #expect(try OfflineSearchIndex.patch(in: workspace.out, articles: articles, changed: [id: entry]) == nil)
        #expect(
            try OfflineSearchIndex.patch(
                in: workspace.out, articles: articles, changed: [id: entry], unheld: ([group], [])) == nil,
            "its card bucket is missing too")
        let patch = try #require(
            try OfflineSearchIndex.patch(
                in: workspace.out, articles: articles, changed: [id: entry], unheld: ([group], [bucket])))
        let output = try StaticSiteFolder(root: workspace.out, checking: false)
        #expect(try OfflineSearchIndex.apply(patch, to: output).isEmpty)
        try output.finish(removing: [])
        let folder = workspace.out.appendingPathComponent(OfflineSearchIndex.folder)
        let cards = try Data(contentsOf: folder.appendingPathComponent("docs/\(bucket).json"))
        #expect(String(decoding: cards, as: UTF8.self).contains("/news/\(id)"))
        let meta = try JSONDecoder().decode(
            OfflineSearchIndex.Meta.self, from: Data(contentsOf: folder.appendingPathComponent("meta.json")))
        #expect(meta.articles == articles)
        #expect(OfflineSearchIndex.loadWords(group: group, in: workspace.out)?[id] != nil)
        try await workspace.close()
    }

    /// Whatever the archive cannot vouch for is rendered again whole, and the export says why.
    @Test func aRepeatExportFallsBackToAFullOneAndSaysWhy() async throws {
        let workspace = try await Workspace()
        _ = try await workspace.export()
        #expect(try await workspace.export(full: true).kind == .full(reason: "asked for"))

        var moved = workspace.site.publication
        moved.baseURL = "https://copy.example.org"
        let elsewhere = Site(
            publication: moved, store: workspace.store, theme: workspace.site.theme,
            cache: PageCache(lifetime: .zero, budget: 0))
        let rehomed = try await StaticExport(site: elsewhere, folder: workspace.out).run()
        #expect(
            rehomed.kind == .full(reason: "the look, the address or the paper's settings differ from the last export's")
        )
        _ = try await workspace.export()

        var state = try #require(ExportState.load(from: workspace.out))
        state.version += 1000
        try state.save(in: workspace.out)
        let ahead = try await workspace.export()
        #expect(
            ahead.kind
                == .full(
                    reason: "the archive cannot say what changed since version \(state.version) (another archive's?)"))

        var settings = try await workspace.store.publicationSettings()
        settings.name = "The Evening Tide"
        try await workspace.store.savePublicationSettings(settings)
        let renamed = try await workspace.export()
        #expect(renamed.kind == .full(reason: "the paper's settings or a section, topic or author name changed"))

        try FileManager.default.removeItem(at: workspace.out.appendingPathComponent(ExportState.name))
        #expect(try await workspace.export().kind == .full(reason: "the folder holds no finished export"))
        try await workspace.close()
    }

    /// Another build of Broadsheet may render the same stories differently (a fix to what a page
    /// shows), and a repeat export would leave the pages it does not render as the old build made
    /// them: after an upgrade the export renders everything again and says why. An export whose
    /// state notes no build, written before builds were noted, is followed by a full one too.
    @Test func anotherBuildMakesAFullExport() async throws {
        let workspace = try await Workspace()
        func export(by build: String) async throws -> StaticExport.Summary {
            try await StaticExport(site: workspace.site, folder: workspace.out, program: build).run()
        }
        _ = try await export(by: "build one")
        #expect(try await export(by: "build one").kind == .incremental(articles: 0))
        let upgraded = try await export(by: "build two")
        let reason = "another build of Broadsheet made the last export, and it may render pages differently"
        #expect(upgraded.kind == .full(reason: reason))
        #expect(upgraded.changes.isEmpty, "the same rendering: no file differs")
        #expect(ExportState.load(from: workspace.out)?.program == "build two")

        var state = try #require(ExportState.load(from: workspace.out))
        state.program = nil
        try state.save(in: workspace.out)
        #expect(try await export(by: "build two").kind != .incremental(articles: 0))
        // The build running the tests is named by its program file, the same each time it is asked.
        #expect(!ProgramBuild.current.isEmpty && ProgramBuild.current == ProgramBuild.current)
        try await workspace.close()
    }

    /// Pages, feeds and sitemaps name stories by `/news/{id}`, relative or absolute.
    @Test func storiesArePickedOutOfAPagesBytes() {
        let page = #"<a href="/news/12/harbour">x</a><loc>https://ex.org/news/7</loc> /news/ /news/x /news/3"#
        #expect(ExportLinks.articleIDs(in: Data(page.utf8)) == [3, 7, 12])
        // A slash that only starts the marker, and markers at the very end of the bytes.
        #expect(ExportLinks.articleIDs(in: Data("//news/9 /new/4 /news//news/8".utf8)) == [8, 9])
        #expect(ExportLinks.articleIDs(in: Data("x /news/".utf8)).isEmpty)
        #expect(ExportLinks.articleIDs(in: Data("/news/5".utf8)) == [5])
        #expect(ExportLinks.articleIDs(in: Data()).isEmpty)
    }

    /// The links a repeat export reads are those the last one saved, for every file the manifest
    /// keeps: ids, linked files (split on the unit separator) and addresses in any script. A
    /// repeat export's few changes are appended, and read back the same as a whole file.
    @Test func linksSurviveASaveAndALoad() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var links = ExportLinks()
        links.record(
            file: "news/12/index.html", path: "/news/12/harbour",
            body: Data(#"<a href="/news/7/x">x</a> <a href="/news/30">y</a>"#.utf8),
            files: ["static/style.css", "epaper/2025-04-29/1.jpg"])
        links.record(
            file: "topics/شہر/index.html", path: "/topics/%D8%B4%DB%81%D8%B1", body: Data("/news/5".utf8), files: [])
        links.record(file: "gone/index.html", path: "/gone", body: Data("/news/9".utf8), files: [])
        for id in Int64(40)..<Int64(56) {
            links.record(
                file: "news/\(id)/index.html", path: "/news/\(id)/x", body: Data("/news/\(id)".utf8), files: [])
        }
        links.note(7, weighed: "aa11", card: "cc33", sitemap: "ss77", related: [30, 12, 5])
        links.note(30, weighed: "bb22", card: "dd44", sitemap: "ss30", related: [])
        let kept: Set<String> = Set(links.allEntries().keys).subtracting(["gone/index.html"])
        try links.save(in: root, holding: kept.contains, removed: [])

        var loaded = try #require(ExportLinks.load(from: root))
        #expect(loaded.entryCount == 18)
        #expect(loaded.entry("news/12/index.html") == links.entry("news/12/index.html"))
        #expect(loaded.entry("topics/شہر/index.html")?.articles == [5])
        #expect([7, 30].map(loaded.weighedKey) == ["aa11", "bb22"])
        #expect([7, 30].map(loaded.cardKey) == ["cc33", "dd44"])
        #expect([7, 30].map(loaded.sitemapKey) == ["ss77", "ss30"])
        #expect([7, 30].map(loaded.relatedBox) == [[30, 12, 5], []], "each box in its order; none is none")

        // A repeat export: one page now shows another story, one is gone, one card changed.
        let before = try Data(contentsOf: root.appendingPathComponent(ExportLinks.name))
        loaded.record(
            file: "topics/شہر/index.html", path: "/topics/%D8%B4%DB%81%D8%B1", body: Data("/news/6".utf8), files: [])
        loaded.note(30, card: "ee55")
        let now = kept.subtracting(["news/40/index.html"])
        try loaded.save(in: root, holding: now.contains, removed: ["news/40/index.html"])
        let after = try Data(contentsOf: root.appendingPathComponent(ExportLinks.name))
        #expect(after.starts(with: before), "the few changes were appended")
        let again = try #require(ExportLinks.load(from: root))
        #expect(again.entryCount == 17)
        #expect(again.entry("news/40/index.html") == nil)
        #expect(again.entry("topics/شہر/index.html")?.articles == [6])
        #expect([7, 30].map(again.cardKey) == ["cc33", "ee55"])
        #expect([7, 30].map(again.weighedKey) == ["aa11", "bb22"])
        #expect([7, 30].map(again.sitemapKey) == ["ss77", "ss30"])
        #expect([7, 30].map(again.relatedBox) == [[30, 12, 5], []], "kept through a card's change")

        // Many changes at once: the file is written whole, without the lines they override.
        var many = again
        for id in Int64(41)..<Int64(50) {
            many.record(file: "news/\(id)/index.html", path: "/news/\(id)/y", body: Data("/news/1".utf8), files: [])
        }
        try many.save(in: root, holding: now.contains, removed: [])
        let whole = try String(contentsOf: root.appendingPathComponent(ExportLinks.name), encoding: .utf8)
        #expect(whole.split(separator: "\n").count == 17)
        #expect(
            try #require(ExportLinks.load(from: root)).allEntries() == many.allEntries().filter { now.contains($0.key) }
        )

        // An export made before sitemap keys were kept: its stories' other keys are read.
        try Data("7 aa11 cc33\n30 bb22 ee55\n".utf8).write(to: root.appendingPathComponent(ExportLinks.storiesName))
        let older = try #require(ExportLinks.load(from: root))
        #expect(
            [7, 30].map(older.cardKey) == ["cc33", "ee55"] && [7, 30].allSatisfy { older.sitemapKey(of: $0) == nil })
        #expect([7, 30].allSatisfy { older.relatedBox(of: $0) == nil }, "no box kept: each is made again")
        // A box that is not a list of ids is not read as one, and is made again.
        try Data("7 aa11 cc33 ss77 4,,5\n30 bb22 ee55 ss30 x\n".utf8).write(
            to: root.appendingPathComponent(ExportLinks.storiesName))
        let spoilt = try #require(ExportLinks.load(from: root))
        #expect([7, 30].allSatisfy { spoilt.relatedBox(of: $0) == nil } && spoilt.sitemapKey(of: 7) == "ss77")

        // A stories' line not of ours (too few fields or too many, an id that is no number): the
        // links are not read, and the export that asked is a full one.
        let refused = [
            "7 aa11\n", "7 aa11 cc33 ss77 4,5 extra\n", "seven aa11 cc33 ss77\n", "\n7\n", "7  aa11 cc33\n",
            " 7 aa11 cc33\n", "7 aa11 cc33 \n", "7 aa11  cc33 ss77\n",
        ]
        for line in refused {
            try Data(("30 bb22 ee55 ss30\n" + line).utf8).write(
                to: root.appendingPathComponent(ExportLinks.storiesName))
            #expect(ExportLinks.load(from: root) == nil, "\(line.debugDescription)")
        }
        try Data("30 bb22 ee55 ss30\n".utf8).write(to: root.appendingPathComponent(ExportLinks.storiesName))
        #expect(ExportLinks.load(from: root) != nil)

        // A links' line with fields too few or too many after its file: not read either.
        let linksRead = try Data(contentsOf: root.appendingPathComponent(ExportLinks.name))
        for line in ["a.html\t/a\t1\n", "a.html\t/a\t1\tb.css\textra\n", "a.html\t/a\n", "a.html\t/a\t1\t\t\n"] {
            try (linksRead + Data(line.utf8)).write(to: root.appendingPathComponent(ExportLinks.name))
            #expect(ExportLinks.load(from: root) == nil, "\(line.debugDescription)")
        }
        try (linksRead + Data("a.html\t/a\t1\tb.css\n".utf8)).write(to: root.appendingPathComponent(ExportLinks.name))
        #expect(try #require(ExportLinks.load(from: root)).entry("a.html")?.files == ["b.css"])
    }

    /// A page's entry answers for the stories it showed and the files it linked to as recorded,
    /// read back from its line.
    @Test func anEntryIsReadFromItsLine() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("entry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var links = ExportLinks()
        links.record(
            file: "news/3/index.html", path: "/news/3/quay", body: Data("/news/120 /news/4 /news/3".utf8),
            files: ["media/a.jpg", "epaper/2025-04-29.epub"])
        links.record(file: "sections/metro/index.html", path: "/sections/metro", body: Data("/news/12".utf8), files: [])
        links.note(3, weighed: "w1", card: "c1")
        try links.save(in: root, holding: { _ in true }, removed: [])
        let loaded = try #require(ExportLinks.load(from: root))
        let entry = try #require(loaded.entry("news/3/index.html"))
        #expect(entry.path == "/news/3/quay" && entry.articles == [3, 4, 120])
        #expect(entry.files == ["media/a.jpg", "epaper/2025-04-29.epub"] && entry.linksFiles)
        #expect(entry.shows(anyOf: [120]) && entry.shows(anyOf: [3]) && !entry.shows(anyOf: [12, 1, 20]))
        #expect(!(try #require(loaded.entry("sections/metro/index.html"))).linksFiles)
        #expect(Set(loaded.showing([12]).keys) == ["sections/metro/index.html"])
    }

    /// What this export records stands before what was read: a page rendered again that no longer
    /// shows a story is not found showing it, a page forgotten has no entry, and the count follows.
    /// A story whose id shares its low bits with a changed one's is not taken for it; forgotten
    /// stories' keys are not asked after, and the file keeps only those noted since.
    @Test func whatAnExportRecordsStandsBeforeWhatWasRead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("overlay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var links = ExportLinks()
        links.record(file: "news/1/index.html", path: "/news/1/a", body: Data("/news/12".utf8), files: ["a.jpg"])
        links.record(file: "news/2/index.html", path: "/news/2/b", body: Data("/news/12".utf8), files: [])
        links.record(file: "news/3/index.html", path: "/news/3/c", body: Data("/news/65548".utf8), files: [])
        links.note(12, weighed: "w12", card: "c12", sitemap: "s12")
        links.note(13, weighed: "w13", card: "c13", sitemap: "s13")
        try links.save(in: root, holding: { _ in true }, removed: [])

        var loaded = try #require(ExportLinks.load(from: root))
        #expect(Set(loaded.showing([12]).keys) == ["news/1/index.html", "news/2/index.html"])
        loaded.record(file: "news/1/index.html", path: "/news/1/a", body: Data("/news/4".utf8), files: [])
        loaded.forget("news/2/index.html")
        loaded.record(file: "news/4/index.html", path: "/news/4/d", body: Data("/news/12".utf8), files: [])
        #expect(Set(loaded.showing([12]).keys) == ["news/4/index.html"])
        #expect(loaded.entry("news/2/index.html") == nil && loaded.entryCount == 3)
        #expect(Set(loaded.allEntries().keys) == ["news/1/index.html", "news/3/index.html", "news/4/index.html"])
        #expect(loaded.filesNoLongerLinked(dropped: []) == ["a.jpg"])

        loaded.forgetStories()
        loaded.note(13, weighed: "w13b")
        #expect(loaded.weighedKey(of: 12) == nil && loaded.weighedKey(of: 13) == "w13b")
        try loaded.save(in: root, holding: { _ in true }, removed: [])
        let keys = try String(contentsOf: root.appendingPathComponent(ExportLinks.storiesName), encoding: .utf8)
        #expect(keys == "13 w13b - -\n")
    }

    /// The patch reads its files on every core and pairs each result with its file by position:
    /// the results come back in the order asked, whatever order the work finished in.
    @Test func concurrentWorkComesBackInOrder() {
        let numbers = Array(0..<500)
        #expect(numbers.concurrentMap { String($0 * 3) } == numbers.map { String($0 * 3) })
        #expect([Int]().concurrentMap { $0 }.isEmpty)
    }

    /// Batches are consecutive pieces of the given size, the last holding what is left.
    @Test func piecesCoverTheArrayInOrder() {
        let numbers = Array(0..<10)
        #expect(numbers.pieces(of: 4).map(Array.init) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        #expect(numbers.pieces(of: 10).map(Array.init) == [numbers])
        #expect(numbers.pieces(of: 25).map(Array.init) == [numbers])
        #expect([Int]().pieces(of: 3).isEmpty)
    }

    /// A plan answers for the files under the addresses it replaces whole, and no others: not a
    /// story whose id only begins like a replaced one's.
    @Test func aReplacedFolderHoldsItsOwnFilesOnly() {
        var plan = IncrementalPlan()
        plan.replaceFolder("/news/12")
        plan.replaceFolder("/topics/شہر")
        plan.replace("/sections/metro/page/2")
        #expect(plan.replaces("news/12/index.html"))
        #expect(plan.replaces("news/12/harbour-reopens/index.html"))
        #expect(plan.replaces("topics/شہر/page/3/index.html"))
        #expect(plan.replaces("sections/metro/page/2/index.html"))
        #expect(!plan.replaces("news/123/index.html"))
        #expect(!plan.replaces("news/1/index.html"))
        #expect(!plan.replaces("sections/metro/index.html"))
        #expect(!plan.replaces("index.html"))
        plan.replaceFile("epaper/2025-04-28.epub")
        #expect(plan.replaces("epaper/2025-04-28.epub") && !plan.replaces("epaper/2025-04-27.epub"))
        #expect(!plan.replaces("epaper/2025-04-28.epub/index.html"))
        // A file in one folder only: looked up whole, as the plan's first two folders cannot say.
        plan.replaceFile("sitemaps/2025-04-1.xml")
        #expect(plan.replaces("sitemaps/2025-04-1.xml") && !plan.replaces("sitemaps/2025-03-1.xml"))
        // A folder right under the site's: every file in it, and none beside it.
        var shallow = IncrementalPlan()
        shallow.replaceFolder("/news")
        #expect(shallow.replaces("news/123/index.html") && shallow.replaces("news/1/ferry-returns/index.html"))
        #expect(!shallow.replaces("topics/news/index.html") && !shallow.replaces("newsroom/index.html"))
        plan.replaceFolder("/")
        #expect(plan.replaces("index.html") && plan.replaces("news/123/index.html"))
    }

    /// Many replaced folders and files, and many more paths asked: the plan's quick filter never
    /// turns down a path a replaced folder or file holds, nor lets through one they do not.
    @Test func aPlanAnswersForManyPathsAsItsFoldersSay() {
        var generator = SystemRandomNumberGenerator()
        var plan = IncrementalPlan()
        var folders: Set<String> = []
        var files: Set<String> = []
        func path(_ generator: inout SystemRandomNumberGenerator) -> String {
            let kinds = ["news", "topics", "sections", "authors", "epaper", "شہر"]
            return kinds.randomElement(using: &generator)! + "/\(Int.random(in: 1...400, using: &generator))"
        }
        for _ in 0..<300 {
            let folder = path(&generator)
            plan.replaceFolder("/" + folder)
            folders.insert(folder + "/")
            let file = path(&generator) + "/page/2/index.html"
            plan.replaceFile(file)
            files.insert(file)
        }
        for _ in 0..<20_000 {
            let file = path(&generator) + (Bool.random(using: &generator) ? "/index.html" : "/page/2/index.html")
            let expected = files.contains(file) || folders.contains { file.hasPrefix($0) }
            #expect(plan.replaces(file) == expected, "\(file)")
        }
    }

    /// A repeat export removes a file that a page rendered again links to no more, or that only a
    /// dropped page linked to, and keeps a file some kept page still links to.
    @Test func filesNoPageKeptLinksToAreFound() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unlinked-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var links = ExportLinks()
        links.record(
            file: "news/1/index.html", path: "/news/1/ferry", body: Data("/news/2".utf8),
            files: ["media/quay.jpg", "media/deck.jpg"])
        links.record(
            file: "news/2/index.html", path: "/news/2/tram", body: Data(), files: ["media/deck.jpg", "media/depot.jpg"])
        links.record(
            file: "news/3/index.html", path: "/news/3/pier", body: Data(), files: ["media/pier.jpg", "media/buoy.jpg"])
        links.record(file: "sections/metro/index.html", path: "/sections/metro", body: Data("/news/1".utf8), files: [])
        try links.save(in: root, holding: { _ in true }, removed: [])

        var loaded = try #require(ExportLinks.load(from: root))
        #expect(loaded.filesNoLongerLinked(dropped: []).isEmpty, "nothing rendered, nothing dropped")
        // The ferry's page is rendered again and links to the quay's picture no more; the tram's
        // page is dropped. Its depot picture goes; the deck's stays while the ferry's page links to it.
        loaded.record(file: "news/1/index.html", path: "/news/1/ferry", body: Data(), files: ["media/deck.jpg"])
        #expect(loaded.filesNoLongerLinked(dropped: ["news/2/index.html"]) == ["media/quay.jpg", "media/depot.jpg"])
        // Rendered again with the same pictures, the pier's page keeps them.
        loaded.record(
            file: "news/3/index.html", path: "/news/3/pier", body: Data(), files: ["media/buoy.jpg", "media/pier.jpg"])
        #expect(loaded.filesNoLongerLinked(dropped: ["sections/metro/index.html"]) == ["media/quay.jpg"])
        // Dropping the ferry's page too leaves the deck's picture unlinked.
        #expect(
            loaded.filesNoLongerLinked(dropped: ["news/1/index.html", "news/2/index.html"]) == [
                "media/quay.jpg", "media/deck.jpg", "media/depot.jpg",
            ])
    }

    /// A shard written by hand is the encoder's, byte for byte, so a patch finds its words and a
    /// repeat export's shards equal a full one's: keys in the order of their bytes whatever their
    /// case, accents, digits or script; a word the encoder escapes, escaped as it does.
    @Test func aShardIsWrittenAsTheEncoderWouldWriteIt() throws {
        let words: [String: [Int64]] = [
            "harbour": [7, 3], "Harbour": [2], "10": [1], "9": [12, 1], "é": [5], "e": [4], "ez": [6],
            "شہر": [6, 2], "n/a": [4, 3], "quote\"d": [8], "back\\slash": [9], "tab\there": [10], "bell\u{7}": [11],
            "z": [],
        ]
        let hand = try ShardPostings.encode(words)
        #expect(hand == (try OfflineSearchIndex.json(words)), "\(String(decoding: hand, as: UTF8.self))")
        #expect(try ShardPostings.encode([:]) == Data("{}".utf8))
    }

    /// A shard is changed in place to the bytes the encoder writes for the changed words: lists
    /// shortened and lengthened, a word left with no story taken out wherever it stands, a word in
    /// Urdu, and words new to the shard put first, between others, last and into an empty shard.
    /// A new word beside a key written with an escape is left to the encoder.
    @Test func aShardIsPatchedInPlaceAsTheEncoderWouldWriteIt() throws {
        let words: [String: [Int64]] = [
            "a": [9, 5, 1], "harbour": [7, 3], "n/a": [4, 3], "tide": [8], "شہر": [6, 2],
        ]
        let shard = try OfflineSearchIndex.json(words)
        func check(_ gone: [String: Set<Int64>], _ added: [String: Set<Int64>], _ changes: [String: [Int64]?]) throws {
            var after = words
            for (word, stories) in changes { after[word] = stories }
            let spliced = try #require(ShardPostings.splice(shard, gone: gone, added: added))
            #expect(spliced == (try OfflineSearchIndex.json(after)), "\(String(decoding: spliced, as: UTF8.self))")
        }
        try check(["a": [5]], ["harbour": [4, 10]], ["a": [9, 1], "harbour": [10, 7, 4, 3]])
        try check(["a": [9, 5, 1]], [:], ["a": nil])
        try check(["tide": [8]], [:], ["tide": nil])
        try check(["شہر": [6, 2]], [:], ["شہر": nil])
        try check(["شہر": [2]], ["شہر": [11]], ["شہر": [11, 6]])
        try check(["absent": [4]], [:], [:])
        // Found as the shard writes it, with its slash unescaped.
        try check(["n/a": [3]], [:], ["n/a": [4]])
        try check([:], ["quay": [4]], ["quay": [4]])
        try check([:], ["0800": [3, 12]], ["0800": [12, 3]])
        try check(
            ["tide": [8]], ["ہوا": [5], "zebra": [2], "quay": [7, 1]],
            ["tide": nil, "ہوا": [5], "zebra": [2], "quay": [7, 1]])
        try check(["a": [9, 5, 1]], ["aa": [9]], ["a": nil, "aa": [9]])
        // A day's stories, newer than any a list holds, go in front; one older than the newest
        // goes into its place.
        try check([:], ["a": [12, 10], "tide": [9]], ["a": [12, 10, 9, 5, 1], "tide": [9, 8]])
        try check([:], ["a": [10, 4], "n/a": [5]], ["a": [10, 9, 5, 4, 1], "n/a": [5, 4, 3]])
        try check([:], ["harbour": [7, 8]], ["harbour": [8, 7, 3]])
        let empty = try OfflineSearchIndex.json([:] as [String: [Int64]])
        #expect(ShardPostings.splice(empty, gone: [:], added: ["quay": [4, 6]]) == Data(#"{"quay":[6,4]}"#.utf8))
        let escaped = Data(#"{"a\"b":[1],"tide":[8]}"#.utf8)
        #expect(ShardPostings.splice(escaped, gone: [:], added: ["zz": [2]]) == nil)
        #expect(ShardPostings.splice(shard, gone: [:], added: ["new\nline": [4]]) == nil)
        let single = try OfflineSearchIndex.json(["tide": [8]] as [String: [Int64]])
        #expect(ShardPostings.splice(single, gone: ["tide": [8]], added: [:]) == Data("{}".utf8))
        #expect(ShardPostings.splice(Data(#"{"tide":[8,"x"]}"#.utf8), gone: ["tide": [8]], added: [:]) == nil)
    }

    /// Stories added to a word's list go into their places, newest first and once each, whether
    /// they are newer than all, older than all, between, or already there; a list not newest first
    /// is sorted whole, as it was before lists were merged.
    @Test func storiesAreMergedIntoAWordsList() {
        let list: [Int64] = [90, 70, 50, 30, 10]
        #expect(ShardPostings.merge([100, 60, 50, 5], into: list) == [100, 90, 70, 60, 50, 30, 10, 5])
        #expect(ShardPostings.merge([95, 96], into: list) == [96, 95, 90, 70, 50, 30, 10])
        #expect(ShardPostings.merge([1, 2], into: list) == [90, 70, 50, 30, 10, 2, 1])
        #expect(ShardPostings.merge([70, 10], into: list) == list)
        #expect(ShardPostings.merge([7], into: []) == [7])
        #expect(ShardPostings.merge([4], into: [3, 9, 9, 1]) == [9, 4, 3, 1])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let stories = Set((0..<200).map { _ in Int64.random(in: 1...400, using: &generator) })
            let adding = Set((0..<20).map { _ in Int64.random(in: 1...400, using: &generator) })
            let merged = ShardPostings.merge(adding, into: stories.sorted(by: >))
            #expect(merged == stories.union(adding).sorted(by: >))
        }
    }

    /// A card bucket is written from its cards' own bytes as the encoder writes the whole bucket:
    /// ids in the order of their digits ("1000" before "999"), a story filed twice with its last
    /// card, slashes and Urdu left as they are.
    @Test func aCardBucketIsWrittenAsTheEncoderWouldWriteIt() throws {
        typealias Card = OfflineSearchIndex.Card
        let cards: [(Int64, Card)] = [
            (999, Card(url: "/news/999/tide/", headline: "Tide \"high\"", date: "May 2, 2025", section: "City")),
            (1000, Card(url: "/news/1000/shehr/", headline: "شہر کی خبر", date: "May 3, 2025", section: "Urdu")),
            (1500, Card(url: "/news/1500/old/", headline: "Old", date: "May 1, 2025", section: "City")),
            (1500, Card(url: "/news/1500/new/", headline: "New", date: "May 4, 2025", section: "City")),
            (5, Card(url: "/news/5/a/", headline: "Back\\slash\ttab", date: "May 5, 2025", section: "City")),
        ]
        let pieces = try cards.map { id, card in
            (
                key: Substring(String(id)),
                card: Substring(String(decoding: try OfflineSearchIndex.json(card), as: UTF8.self))
            )
        }
        var whole: [String: Card] = [:]
        for (id, card) in cards { whole[String(id)] = card }
        let written = OfflineSearchIndex.bucket(pieces)
        #expect(written == (try OfflineSearchIndex.json(whole)), "\(String(decoding: written, as: UTF8.self))")
        #expect(OfflineSearchIndex.bucket([]) == (try OfflineSearchIndex.json([String: Card]())))
    }

    /// A record's lines are its whole lines: empty ones, and a last one a stop cut short, are left
    /// out. The lines of a part of the bytes are indexed as the whole is, as the tables over them
    /// need (`ExportRecordTable`).
    @Test func aRecordIsReadByWholeLines() {
        let text = Data("a 1\n\nbb 22\nccc 333\ndd".utf8)
        let lines = ExportRecordFile.lines(of: text).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines == ["a 1", "bb 22", "ccc 333"])
        let bytes = [UInt8](text)
        let later = ExportRecordFile.lines(of: bytes[5...])
        #expect(
            later.map(\.startIndex) == [5, 11]
                && later.map { String(decoding: $0, as: UTF8.self) } == ["bb 22", "ccc 333"])
        #expect(ExportRecordFile.lines(of: Data()).isEmpty)
    }

    /// A manifest with a damaged line stops the export and names the line, instead of taking the
    /// folder for an empty one and writing over it.
    @Test func aDamagedManifestIsNamedByItsLine() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let hash = String(repeating: "ab", count: 32)
        let manifest = "\(hash) index.html\n\(hash) news/1/index.html\nnot a hash line\n"
        try Data(manifest.utf8).write(to: root.appendingPathComponent(StaticSiteFolder.manifestName))
        #expect {
            _ = try StaticSiteFolder(root: root, checking: true)
        } throws: { error in
            "\(error)".hasSuffix("line 3: expected a SHA-256 in hex, a space and a path")
        }
        try Data("\(hash) index.html\n\(hash) about/index.html\n".utf8).write(
            to: root.appendingPathComponent(StaticSiteFolder.manifestName))
        #expect(try StaticSiteFolder(root: root, checking: true).previousFiles.count == 2)
    }

    /// Files go into folders made as they are needed, deep ones at once; a file standing where a
    /// folder must be stops the export with the file's name and what the system said, and leaves
    /// no temporary file behind.
    @Test func filesAreWrittenIntoTheFoldersTheyNeed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folders-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try StaticSiteFolder(root: root, checking: false)
        try folder.put("topics/شہر/page/2/index.html", Data("deep".utf8))
        try folder.put("topics/شہر/index.html", Data("shallow".utf8))
        try folder.put("robots.txt", Data("top".utf8))
        let read = { (file: String) in try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) }
        #expect(try read("topics/شہر/page/2/index.html") == "deep" && read("topics/شہر/index.html") == "shallow")
        #expect(try read("robots.txt") == "top")
        try Data("in the way".utf8).write(to: root.appendingPathComponent("news"))
        #expect {
            try folder.put("news/1/index.html", Data("page".utf8))
        } throws: { error in
            "\(error)".hasPrefix("news/1/index.html: cannot be written: mkdir ")
                && "\(error)".hasSuffix("Not a directory")
        }
        let names = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        #expect(!names.contains { $0.hasSuffix(".partial") }, "\(names)")
    }

    /// Pages are put by the tasks that render them, side by side: each file is written once, the
    /// journal holds one whole line for it, and the changes are listed in the order of their names
    /// whatever order the puts came in.
    @Test func filesPutSideBySideAreEachWrittenOnce() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("side-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try StaticSiteFolder(root: root, checking: false)
        // Pages of the same folders, each put by every task.
        let pages = (1...300).map { "news/\($0 % 23)/\($0)/index.html" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    for page in pages.shuffled() { try folder.put(page, Data("page \(page)".utf8)) }
                }
            }
            try await group.waitForAll()
        }
        let journal = try String(
            contentsOf: root.appendingPathComponent(StaticSiteFolder.journalName), encoding: .utf8)
        let lines = journal.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(journal.hasSuffix("\n") && lines.count == pages.count, "\(lines.count) lines")
        #expect(lines.allSatisfy { $0.count > 65 && FileDigest(hex: Array($0.utf8.prefix(64))) != nil })
        #expect(Set(lines.map { String($0.dropFirst(65)) }) == Set(pages))
        try folder.finish()
        #expect(folder.changes.created == pages.sorted() && folder.changes.unchanged == 0)
        for page in pages.prefix(40) {
            #expect(try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8) == "page \(page)")
        }
        let names = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        #expect(!names.contains { $0.hasSuffix(".partial") }, "\(names.count) names")
    }

    /// A repeat export appends its few changes to the manifest (`- path` for a file removed), and
    /// writes it afresh once they would be more than an eighth of it; a last line a stop cut short
    /// is left out, and the file it named is written again.
    @Test func theManifestTakesAFewChangesAtItsEnd() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let manifest = root.appendingPathComponent(StaticSiteFolder.manifestName)
        let pages = (1...64).map { "news/\($0)/index.html" }
        func export(_ bytes: [String: String]) throws -> StaticSiteFolder {
            let folder = try StaticSiteFolder(root: root, checking: false)
            for (file, text) in bytes.sorted(by: { $0.key < $1.key }) { try folder.put(file, Data(text.utf8)) }
            try folder.finish()
            return folder
        }
        var site = Dictionary(uniqueKeysWithValues: pages.map { ($0, "page \($0)") })
        _ = try export(site)
        let first = try Data(contentsOf: manifest)

        site["news/3/index.html"] = "page three, corrected"
        site["news/64/index.html"] = nil
        let second = try export(site)
        #expect(second.changes.changed == ["news/3/index.html"] && second.changes.removed == ["news/64/index.html"])
        let appended = try Data(contentsOf: manifest)
        #expect(appended.starts(with: first))
        #expect(String(decoding: appended.dropFirst(first.count), as: UTF8.self).hasSuffix("- news/64/index.html\n"))
        #expect(try StaticSiteFolder(root: root, checking: true).previousFiles.count == 63)

        for number in 1...8 { site["news/\(number)/index.html"] = "page \(number), second edition" }
        let third = try export(site)
        #expect(third.changes.changed.count == 8)
        let rewritten = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n")
        let paths = rewritten.map { String($0.dropFirst(65)) }
        #expect(paths == site.keys.sorted(), "written afresh, in order, without the removed file")

        // A stop cut the last line short: that file is not known to be there, and is written again.
        let cut = try Data(contentsOf: manifest).dropLast(7)
        try cut.write(to: manifest)
        let reread = try StaticSiteFolder(root: root, checking: true)
        #expect(reread.previousFiles.count == 62)
        let fourth = try export(site)
        #expect(fourth.changes.created.count == 1 && fourth.changes.unchanged == 62)
        #expect(try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").count == 63)
        #expect(
            try StaticSiteFolder(root: root, checking: true).previousFiles.allDigests().keys.sorted()
                == site.keys.sorted())
    }

    /// A repeat export writes a few files and keeps the rest of the last export's: the folder
    /// holds the kept files without writing them, not the removed one, and the manifest names
    /// every kept file whether it takes the changes at its end or is written afresh.
    @Test func keptFilesAreHeldWithoutBeingWrittenAgain() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kept-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let pages = (1...64).map { "news/\($0)/index.html" }
        let first = try StaticSiteFolder(root: root, checking: false)
        for page in pages { try first.put(page, Data("page \(page)".utf8)) }
        try first.finish()

        let second = try StaticSiteFolder(root: root, checking: false)
        try second.put("news/2/index.html", Data("page two, corrected".utf8))
        #expect(!second.holds("news/5/index.html"), "not this export's until it keeps it")
        try second.finish(removing: ["news/9/index.html"])
        #expect(second.changes.changed == ["news/2/index.html"] && second.changes.removed == ["news/9/index.html"])
        #expect(second.holds("news/2/index.html") && second.holds("news/5/index.html"))
        #expect(!second.holds("news/9/index.html") && !second.holds("news/65/index.html"))
        let kept = pages.filter { $0 != "news/9/index.html" }.sorted()
        #expect(try StaticSiteFolder(root: root, checking: true).previousFiles.allDigests().keys.sorted() == kept)

        // Changes past an eighth of the files: the manifest is written afresh, the kept ones in it.
        let third = try StaticSiteFolder(root: root, checking: false)
        for number in 10...20 { try third.put("news/\(number)/index.html", Data("page \(number), again".utf8)) }
        try third.finish(removing: [])
        let manifest = try String(
            contentsOf: root.appendingPathComponent(StaticSiteFolder.manifestName), encoding: .utf8)
        #expect(manifest.split(separator: "\n").map { String($0.dropFirst(65)) } == kept)
        let reread = try StaticSiteFolder(root: root, checking: true).previousFiles
        // SHA-256 of "page 10, again" and of "page news/5/index.html".
        #expect(
            reread["news/10/index.html"]?.description
                == "72a4daf70e28ec0d5db827e5165a7c5dc82866ff5572c189f3deaef0f2b3cd69")
        #expect(
            reread["news/5/index.html"]?.description
                == "068abadd092af1b949a43fbe386f551faac563d50e49f8a390f09f4d5cd9cdd3")
    }

    /// A manifest's hash reads back as it was written, in either case; anything else is not one.
    @Test func aFileDigestReadsBackFromItsHex() throws {
        let hex = "aa74f6fd03bf68be7e0f4bd06cae61a72ab8025b50d00888f3e1068f22067463"  // SHA-256 of "harbour"
        let digest = try #require(FileDigest(hex: Array(hex.utf8)))
        #expect(digest.description == hex)
        #expect(FileDigest(hex: Array(hex.uppercased().utf8)) == digest)
        #expect(FileDigest(hex: Array(hex.dropLast().utf8)) == nil)
        #expect(FileDigest(hex: Array((hex.dropLast() + "g").utf8)) == nil)
        // A byte that is no digit, in any place, and the bytes either side of each digits' range.
        for place in 0..<64 {
            for wrong in Array("g/:@G` \u{0}".utf8) + [0xff] {
                var bytes = Array(hex.utf8)
                bytes[place] = wrong
                #expect(FileDigest(hex: bytes) == nil, "byte \(wrong) at \(place)")
            }
        }
        // Read from a slice of a line, as the manifest is.
        let line = Array("\(hex) news/1/index.html".utf8)
        #expect(FileDigest(hex: line[..<64]) == digest)
    }

    /// Whether the export's offline search can be patched for the poetry story, as it is now.
    private static func canPatch(_ workspace: Workspace) async throws -> Bool {
        let id = workspace.archive.poetry
        let article = try #require(try await workspace.store.article(id: id))
        let published = try await workspace.store.count(matching: ArticleQuery(limit: ArticleQuery.maximumLimit))
        let entry = OfflineSearchIndex.entry(article, url: "/news/\(id)", date: "")
        return try OfflineSearchIndex.patch(in: workspace.out, articles: published, changed: [id: entry]) != nil
    }

    /// Whether a file of the export's folder is the site's, not one of the export's own records.
    static func isSite(_ file: String) -> Bool { !file.hasPrefix(".broadsheet-export") }

    /// `count` stories by APP in Metropolitan and `topic`, headed `headline` and their number,
    /// published on the hour round the clock of one day; their ids in that order.
    private static func saveStories(_ count: Int, headed headline: String, topic: String, in workspace: Workspace)
        async throws -> [Int64]
    {
        var ids: [Int64] = []
        for number in 0..<count {
            let outcome = try await workspace.store.save(
                WebFixture.story(
                    "\(headline) \(number)", section: "Metropolitan", topics: [topic], byline: "APP",
                    date: WebFixture.april28, hour: number % 24),
                status: .published)
            ids.append(outcome.articleID)
        }
        return ids
    }

    /// What a repeat export of `workspace` would render for the changes since `version`.
    private static func plan(of workspace: Workspace, since version: Int64) async throws -> IncrementalPlan {
        let store = workspace.store
        let changes = try #require(try await store.changes(since: version))
        var published: [Int64: Article] = [:]
        for id in changes.articles {
            if let article = try await store.article(id: id), article.status == .published { published[id] = article }
        }
        let export = StaticExport(site: workspace.site, folder: workspace.out, checking: true)
        let links = try #require(ExportLinks.load(from: workspace.out))
        let moved = changes.articles.filter { published[$0].map(ExportLinks.weighedKey) != links.weighedKey(of: $0) }
        return try await export.plan(
            changes, published: published, moved: Set(moved),
            cards: try await export.cards(of: published, links: links),
            showing: links.showing(changes.articles), links: links,
            previous: try StaticSiteFolder(root: workspace.out, checking: true).previousFiles)
    }

    /// The site's files in the workspace's folder, and those of a full export of the same archive
    /// made afresh beside it; the export's own records left out of both. The fresh folder goes
    /// once read, so the next call's export is a full one again.
    static func siteBesideAFreshFullExport(of workspace: Workspace) async throws -> (
        held: [String: Data], fresh: [String: Data]
    ) {
        let fresh = workspace.root.appendingPathComponent("fresh")
        defer { try? FileManager.default.removeItem(at: fresh) }
        _ = try await StaticExport(
            site: workspace.site, folder: fresh, program: ProgramBuild.current, searchVolume: workspace.searchVolume
        ).run()
        return (
            try workspace.files().filter { isSite($0.key) },
            try StaticExportTests.files(under: fresh).filter { isSite($0.key) }
        )
    }

    /// The site's files that differ from a fresh full export's, or that only one of them has.
    static func differencesFromAFreshFullExport(of workspace: Workspace) async throws -> Set<String> {
        let (held, fresh) = try await siteBesideAFreshFullExport(of: workspace)
        return Set(fresh.keys.filter { held[$0] != fresh[$0] }).union(held.keys.filter { fresh[$0] == nil })
    }
}

extension ExportLinks {
    /// What the export notes of a page whose bytes are `body`: its stories read off them as
    /// `ExportRun` reads them (`articleIDs`).
    fileprivate mutating func record(file: String, path: String, body: Data, files: [String]) {
        record(file: file, path: path, articles: Self.articleIDs(in: body), files: files)
    }
}
