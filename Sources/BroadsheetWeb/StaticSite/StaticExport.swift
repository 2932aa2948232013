import Broadsheet
import Foundation
import NIOCore

/// `broadsheet export --format static`: the whole reader site as files a plain web server or a CDN
/// serves at the same addresses (`StaticLayout`). Every page is rendered by the server's own router
/// (`SiteRenderer`), so its bytes are what the server sends; the archive is walked through the store
/// a page of articles at a time, so memory stays flat whatever its size. `StaticSiteFolder` writes
/// only the files whose bytes changed; a repeat export renders only the pages the stories changed
/// since the last one can be on (`plan`), when the archive can say which (`ArchiveChanges`).
public struct StaticExport: Sendable {
    public let site: Site
    public let folder: URL
    /// Only count and list what would change.
    public let checking: Bool
    /// Stories read at once for the offline search's index (pages render `ExportRun.window` at once).
    static var width: Int { 4 }
    /// Stories the last export showed that may go or change what related boxes weigh without a
    /// full export, however small the archive (past a thousandth of a large one, a full export is
    /// quicker); stories new to the site are not counted.
    static var movedStoriesAlwaysIncremental: Int { 20 }

    /// The build of Broadsheet the export notes (`ProgramBuild.current`; tests name their own).
    let program: String
    /// Stories by id a volume of the offline search's postings holds (tests make it small).
    let searchVolume: Int64

    public init(site: Site, folder: URL, checking: Bool = false) {
        self.init(site: site, folder: folder, checking: checking, program: ProgramBuild.current)
    }

    init(
        site: Site, folder: URL, checking: Bool = false, program: String,
        searchVolume: Int64 = OfflineSearchIndex.storiesPerVolume
    ) {
        self.site = site
        self.folder = folder
        self.checking = checking
        self.program = program
        self.searchVolume = searchVolume
    }

    /// What one export did.
    public struct Summary: Sendable {
        public var changes: StaticSiteChanges
        /// Addresses rendered, files and pages.
        public var rendered: Int
        /// Files pages link to that the server does not answer either (`404 /epaper/2025-04-27.epub`).
        public var skipped: [String]
        public var kind: Kind
        /// Of an incremental export's changed stories, those that came, went or changed what related
        /// boxes weigh, and the other stories whose boxes they changed: why such an export renders
        /// far more than the stories themselves. Nil when no story did.
        public var moved: (stories: Int, boxesChanged: Int)?
    }

    /// Whether an export rendered everything, and why, or only what changed.
    public enum Kind: Sendable, Equatable {
        case full(reason: String)
        /// Rendered what this many changed stories (and any changed editions) can have touched.
        case incremental(articles: Int)
    }

    /// Writes the site (or with `checking` works out what would change); `progress` hears how many
    /// addresses are done, now and then. When the folder holds a finished export made with the
    /// same look and address, only what changed in the archive since is rendered, unless `full`.
    public func run(full: Bool = false, progress: @Sendable (Int) -> Void = { _ in }) async throws -> Summary {
        // Every story's related box draws on the same newest stories, and an edition's stories on
        // its printed pages: each read once for the run. A story's card, the same in every list it
        // is in, is rendered once, as are the masthead's sections and feed links that many pages
        // share (`Fragment`); a listing's feed entries, once for its three formats; an edition's
        // stories, once for its pages, its page and its book.
        try await RelatedCandidateMemo.$current.withValue(RelatedCandidateMemo()) {
            try await PrintedEditions.$current.withValue(PrintedEditions()) {
                try await FragmentMemo.$current.withValue(FragmentMemo()) {
                    try await FeedMemo.$current.withValue(FeedMemo()) {
                        try await EditionMemo.$current.withValue(EditionMemo()) {
                            try await render(full: full, progress: progress)
                        }
                    }
                }
            }
        }
    }

    private func render(full: Bool, progress: @Sendable (Int) -> Void) async throws -> Summary {
        let folder = folder
        let last = full ? nil : ExportState.load(from: folder)
        let fingerprint = fingerprint()
        // Read while the manifest is, on threads of their own: each is a line for every file of
        // a large archive, and the reads of the database below need a thread of the pool.
        let savedLinks = last == nil ? nil : Task.onDispatch { ExportLinks.load(from: folder) }
        // The archive's version, read before anything else (whatever changes while the export
        // runs is after it), then what changed since the last export, read while the records
        // are: after them, its waits on the database left the cores idle.
        let reading = Task {
            () -> (Int64, header: String, changed: (ArchiveChanges, published: [Int64: Article])??) in
            let version = try await site.store.archiveVersion()
            // The header's sections as of that version: read afresh, not kept from an earlier
            // run in this process (the server's cache keeps them a minute).
            await site.navigation.invalidate()
            let header = try await site.navigation.currentSections().map { "\($0.slug.rawValue) \($0.name)" }
                .joined(separator: "\n")
            guard let last, last.fingerprint == fingerprint, last.program == program else {
                return (version, header, nil)
            }
            return (version, header, try await readChanges(since: last.version))
        }
        defer { reading.cancel() }
        let output = try StaticSiteFolder(root: folder, checking: checking)
        let (version, header, changed) = try await reading.value
        let state = ExportState(version: version, fingerprint: fingerprint, header: header, program: program)
        var (kind, changes, links, published, moved) = try await choose(
            full: full, last: last, state: state, links: savedLinks, changed: changed)
        if !checking { try ExportState.remove(from: folder) }
        var plan: IncrementalPlan?
        var cards = ChangedCards()
        var patching: Task<[String]?, any Error>?
        var readingAhead: Task<StoriesReadAhead, any Error>?
        var boxes: [MovedBox] = []
        // Not left running when the plan or the pages fail.
        defer {
            patching?.cancel()
            readingAhead?.cancel()
        }
        if let changes, let links {
            // The pages that showed a changed story, found while the cards are read: a scan of
            // every earlier page, it held one core for 50 ms of a 1.4 s repeat export after them.
            async let showing = links.showing(changes.articles)
            // When a story moved, the box of any story filed after it may differ from the one
            // kept: each is made again while the plan is worked out.
            let remakesBoxes = !moved.isEmpty
            let firstMoved = moved.min() ?? 0
            async let moving = remakesBoxes ? relatedBoxesMoved(links: links, filedAfter: firstMoved) : []
            cards = try await self.cards(of: published, links: links)
            // The search's patch and the changed stories' related boxes are worked out while
            // the plan waits on the database: after it, they held the pages back a fifth of a second.
            patching = try await patchSearch(
                changes, published: published, cardsKept: cards.kept, links: links, into: output)
            // When no story moved, every story's weighed fields are as they were, so each changed
            // story's box is the one the last export made, when it kept it.
            var kept: [Int64: [Int64]] = [:]
            if !remakesBoxes {
                for id in published.keys { kept[id] = links.relatedBox(of: id) }
            }
            readingAhead = Task { [published, kept] in try await readAhead(published, kept: kept) }
            plan = try await self.plan(
                changes, published: published, moved: moved, cards: cards, showing: await showing, links: links,
                previous: output.previousFiles)
            boxes = try await moving
            for moved in boxes {
                plan?.replace(SiteURL.article(.value(moved.summary.id), .value(moved.summary.slug)).path)
            }
        }
        // Taken, not copied: the run's changes to the links would copy every entry.
        var run = ExportRun(
            renderer: SiteRenderer(site: site), folder: output, publication: site.publication,
            links: links.take() ?? ExportLinks())
        if let changes, var plan, let patching, let readingAhead {
            // The plan names the monthly sitemaps it renders (`planSitemaps`).
            run.followsSitemaps = false
            for (id, card) in cards.now { run.links.note(id, card: card) }
            for id in changes.articles {
                if let article = published[id] {
                    run.links.note(id, weighed: ExportLinks.weighedKey(of: article))
                } else {
                    run.links.forgetStory(id)
                }
            }
            for moved in boxes { run.links.note(moved.summary.id, related: moved.box) }
            for (id, key) in plan.sitemapKeys { run.links.note(id, sitemap: key) }
            let books = EarlierBooks(in: folder, previous: output.previousFiles, changed: changes.articles)
            // The last export's files the plan answers for, found while the pages render: a scan
            // of every earlier file, after them it was the last thirtieth of a repeat export.
            let (planned, previous) = (plan, output.previousFiles)
            let answeredFor = Task { previous.files(where: planned.replaces) }
            defer { answeredFor.cancel() }
            // A feed or book the plan does not render shows what it showed. Followed from the
            // pages that link to them, every section's feeds were rendered again, fifty stories
            // each, to the same bytes: an eighth of a repeat export's CPU.
            let keeps = { (link: String) -> Bool in
                guard Self.changesOnlyAsPlanned(link), let file = StaticLayout.file(for: link, isPage: false) else {
                    return false
                }
                return previous.holds(file) && !planned.replaces(file)
            }
            let readAhead = try await readingAhead.value
            // Each changed story's box, kept or made again, is kept for the next export.
            if let memo = RelatedCandidateMemo.current {
                for article in published.values {
                    let box = memo.heldBox(of: article, limit: RelatedArticles.defaultLimit)
                    if let box { run.links.note(article.id, related: box.map(\.id)) }
                }
            }
            // A story that moved renders its listings from its place up: read once each
            // (`ListingMemo`), as a full export reads them. A re-dated story's deep pages, each read
            // on its own, were most of the time after the boxes at 100,000 stories. A repeat that
            // renders a few pages of a listing reads less without it.
            let listings = moved.isEmpty ? nil : ListingMemo()
            try await EarlierBooks.$current.withValue(books) {
                try await StoriesReadAhead.$current.withValue(readAhead) {
                    try await FeedStories.$current.withValue(FeedStories()) {
                        try await ListingMemo.$current.withValue(listings) {
                            try await run.render(plan.paths, keeping: keeps)
                        }
                    }
                }
            }
            for (path, location) in plan.redirects { try run.redirect(path, to: location) }
            progress(run.rendered)
            // The last export's files this one neither wrote nor keeps: the pages it drops, and
            // the search's files its patch left empty.
            let dropped: Set<String>
            if let emptied = try await updateSearch(patching, in: output, run: &run, plan: &plan) {
                dropped = output.notWritten(among: await answeredFor.value + emptied)
            } else {
                // Asked of every file: the variable `plan` was copied out of its box on each call.
                let rebuilt = plan
                dropped = output.notWritten(where: rebuilt.replaces)
            }
            // A file only a page rendered again or removed linked to, and no kept page does, goes too.
            let unlinked = run.links.filesNoLongerLinked(dropped: dropped)
            try output.finish(removing: dropped.union(unlinked))
        } else {
            let search = try await indexArchive(rendering: true, with: &run, progress: progress)
            // Every page of every listing: each listing read once (`ListingMemo`). A repeat export
            // renders a few pages of each listing it touches, which read less on their own.
            try await ListingMemo.$current.withValue(ListingMemo()) {
                try await renderListings(with: &run, progress: progress)
            }
            try search.finish(into: output)
            try output.finish()
        }
        if !checking {
            try run.links.save(in: folder, holding: output.holds, removed: output.changes.removed)
            try state.save(in: folder)
        }
        var summary = Summary(changes: output.changes, rendered: run.rendered, skipped: run.skipped, kind: kind)
        if !moved.isEmpty {
            summary.moved = (moved.count, boxes.count { !moved.contains($0.summary.id) })
        }
        // The records' tables hold an entry for every file: freed here, on one core, they were the
        // last tenth of a repeat export. Another thread frees them while the summary is told. The
        // task that read the links goes too: it holds their table as long as it lives.
        let tables = Leftovers((consume run, consume output, consume plan, consume savedLinks))
        DispatchQueue.global(qos: .utility).async { tables.free() }
        return summary
    }

    /// Whether the file at `path` is a feed or an edition's book: each changes only with its
    /// stories or its edition, and a repeat export's plan (`plan`) renders every one they touch.
    static func changesOnlyAsPlanned(_ path: String) -> Bool {
        if FeedFormat(address: path) != nil { return true }
        let segments = path.split(separator: "/")
        return segments.count == 2 && segments[0] == "epaper" && segments[1].hasSuffix(".epub")
            && EditionDate(iso: String(segments[1].dropLast(".epub".count))) != nil
    }

    /// The changed stories, read once, for their pages (`StoriesReadAhead`), with their related
    /// boxes made ahead, a quarter of them on each of four reads: page by page, each story and
    /// each box was a wait on the database. A box the last export `kept` is read, not made.
    private func readAhead(_ published: [Int64: Article], kept: [Int64: [Int64]]) async throws -> StoriesReadAhead {
        let stories = published.values.sorted { $0.id < $1.id }
        let store = site.store
        let quarters = stories.pieces(of: max(1, (stories.count + 3) / 4))
        _ = try await quarters.boundedMap(width: Self.width) {
            try await store.readRelatedAhead(of: Array($0), limit: RelatedArticles.defaultLimit, kept: kept)
        }
        let readAhead = StoriesReadAhead()
        readAhead.hold(stories)
        return readAhead
    }

    /// The changes since `version`, with the changed stories that are published now, read once;
    /// nil when the archive cannot say. No story is read when everything changed.
    private func readChanges(since version: Int64) async throws -> (ArchiveChanges, published: [Int64: Article])? {
        guard let changes = try await site.store.changes(since: version) else { return nil }
        guard !changes.everything else { return (changes, [:]) }
        let store = site.store
        let read = try await changes.articles.sorted().boundedMap(width: Self.width) { try await store.article(id: $0) }
        var published: [Int64: Article] = [:]
        for case let article? in read where article.status == .published { published[article.id] = article }
        return (changes, published)
    }

    /// What this export renders: everything (with the reason), or what `changes` touched.
    /// With an incremental export, the changed stories that are published now (`changed`), and
    /// those that came, went or changed what other stories' related boxes weigh (`moved`).
    private func choose(
        full: Bool, last: ExportState?, state: ExportState, links savedLinks: Task<ExportLinks?, Never>?,
        changed: (ArchiveChanges, published: [Int64: Article])??
    ) async throws -> (Kind, ArchiveChanges?, ExportLinks?, published: [Int64: Article], moved: Set<Int64>) {
        func fullExport(_ reason: String) -> (
            Kind, ArchiveChanges?, ExportLinks?, published: [Int64: Article], moved: Set<Int64>
        ) {
            (.full(reason: reason), nil, nil, [:], [])
        }
        if full { return fullExport("asked for") }
        guard let last, let savedLinks else {
            return fullExport("the folder holds no finished export")
        }
        guard last.fingerprint == state.fingerprint else {
            return fullExport("the look, the address or the paper's settings differ from the last export's")
        }
        guard last.program == state.program, let changed else {
            return fullExport("another build of Broadsheet made the last export, and it may render pages differently")
        }
        guard let links = await savedLinks.value else {
            return fullExport("the last export's \(ExportLinks.name) is missing or unreadable")
        }
        guard let (changes, published) = changed else {
            return fullExport("the archive cannot say what changed since version \(last.version) (another archive's?)")
        }
        guard !changes.everything else {
            return fullExport("the paper's settings or a section, topic or author name changed")
        }
        // Other stories' related boxes pick from the last filed of a section or topic: a story that
        // came, went or changed what they weigh can reach pages that never linked to it.
        let moved = Set(
            changes.articles.filter { published[$0].map(ExportLinks.weighedKey) != links.weighedKey(of: $0) })
        // Such a story can be a section's first or its last, which every page's header lists.
        guard moved.isEmpty || last.header == state.header else {
            return fullExport(
                "the sections in every page's header changed: one gained its first story or lost its last")
        }
        // A story the last export showed reaches many pages through the boxes of the stories filed
        // after it and the listings of its topics (at 100,000 stories, 300 took more than a full
        // export). A story new to the site reaches no box of a story filed before it.
        let reaching = moved.count { links.weighedKey(of: $0) != nil }
        guard reaching <= max(Self.movedStoriesAlwaysIncremental, links.storiesRead / 1000) else {
            return fullExport(
                "\(reaching) stories went or changed what related boxes weigh: more than a thousandth of the archive, past which rendering everything is quicker"
            )
        }
        return (.incremental(articles: changes.articles.count), changes, links, published, moved)
    }

    /// Everything that must match for an earlier export's files to be kept: the look, the copy's
    /// address and how the paper is presented.
    private func fingerprint() -> String {
        let publication = site.publication
        return [
            site.theme.fingerprint, publication.url("/"), publication.name, publication.timeZone.identifier,
            publication.language, publication.sections.joined(separator: ","), publication.defaultSection,
            publication.agencies.joined(separator: ","),
        ].joined(separator: "\n")
    }

    /// Walks the archive for the offline search's index; when `rendering` (a full export), `run`
    /// also renders every edition and story on the way.
    func indexArchive(rendering: Bool, with run: inout ExportRun, progress: @Sendable (Int) -> Void)
        async throws -> OfflineSearchIndex
    {
        var books: WalkedBooks?
        func book(_ date: EditionDate) -> String { SiteURL.editionBook(.value(date)).path }
        if rendering {
            // Each edition's book is made along the walk, from the stories the walk reads
            // (`WalkedBooks`): held back from the pages that link to it, the front page first.
            let dates = Set(try await site.store.editions().map(\.date)).sorted(by: >)
            run.holdBack(dates.map(book))
            for path in fixedPaths() { try await run.render([.required(path)]) }
            // A hundred editions at once: one by one, an edition's few addresses kept one core busy
            // with its book; all of them, each edition's page no longer found it in the memo
            // (`EditionMemo`) that listing its pages had filled, and read it again.
            var stories: [(date: EditionDate, stories: [Int64])] = []
            for piece in dates.pieces(of: 100) {
                let chunk = Array(piece)
                let listed = try await chunk.boundedMap(width: Self.width) { date in
                    let book = SiteURL.editionBook(.value(date)).path
                    return (
                        paths: try await editionPaths(date).filter { $0.path != book },
                        stories: try await site.store.edition(on: date)?.articles.map(\.id) ?? []
                    )
                }
                stories += zip(chunk, listed).map { ($0, $1.stories) }
                try await run.render(listed.flatMap(\.paths))
            }
            books = WalkedBooks(editions: stories)
            progress(run.rendered)
        }
        var query = ArticleQuery(limit: ArticleQuery.maximumLimit)
        let search = try OfflineSearchIndex(
            articles: try await site.store.count(matching: query), volume: searchVolume)
        run.links.forgetStories()
        let readAhead = StoriesReadAhead()
        // The next hundred stories are read while this hundred render: read in between, the
        // cores were 85-87% busy through the story pages, against 88-91% now.
        var reading: Task<ArchiveWalkStep, any Error>? = Task { [query] in
            try await walkStep(query, readingRelated: rendering)
        }
        // A step's stories go into the search's index, and their short addresses into the folder,
        // on a task of their own while the pages render: done between the pages, they were a
        // fifth of the one loop that stores them, which the other core waited on. One such task
        // at a time touches the index.
        var sideWork: Task<Void, any Error>?
        defer {
            reading?.cancel()
            sideWork?.cancel()
        }
        while let current = reading {
            let step = try await current.value
            reading = nil
            if let next = step.list.nextCursor {
                query.cursor = next
                reading = Task { [query] in try await walkStep(query, readingRelated: rendering) }
            }
            let read = Self.published(step.list.items, of: step.articles, notingIn: &run.links)
            if rendering {
                try await sideWork?.value
                // The short address redirects to the story's: its page needs no second reading.
                let redirects = step.list.items.map { summary in
                    (
                        path: SiteURL.permalink(.value(summary.id)).path,
                        location: SiteURL.article(.value(summary.id), .value(summary.slug)).path
                    )
                }
                for redirect in redirects { run.noteRedirect(redirect.path) }
                let (folder, publication) = (run.folder, run.publication)
                sideWork = Task { [read] in
                    for article in read { try index(article, into: search) }
                    for (path, location) in redirects {
                        try ExportRun.putRedirect(path, to: location, in: folder, publication: publication)
                    }
                }
                readAhead.hold(read)
                let completed = run.release((books?.note(read) ?? []).map(book))
                try await StoriesReadAhead.$current.withValue(readAhead) {
                    try await WalkedBooks.$current.withValue(books) {
                        try await run.render(
                            step.list.items.map { .required(SiteURL.article(.value($0.id), .value($0.slug)).path) }
                                + completed.map { .optional($0) })
                    }
                }
                readAhead.clear()
                progress(run.rendered)
            } else {
                for article in read { try index(article, into: search) }
            }
        }
        try await sideWork?.value
        if let books {
            // An edition with no published story has none; the server answers 404 and so do we.
            let unmade = run.release(books.unmade().map(book))
            try await run.render(unmade.map { .optional($0) })
            progress(run.rendered)
        }
        return search
    }

    /// A page of the archive's walk: its summaries and their stories by id.
    struct ArchiveWalkStep: Sendable {
        var list: ArticleList
        var articles: [Int64: Article]
    }

    /// Reads a page of the archive and its stories, fifty to a read: read one at a time, each
    /// story was a wait on the database's queue. With `readingRelated`, what the published
    /// stories' related boxes draw on is read ahead too, fifty boxes to a read.
    private func walkStep(_ query: ArticleQuery, readingRelated: Bool) async throws -> ArchiveWalkStep {
        try await walkStep(try await site.store.articles(matching: query), readingRelated: readingRelated)
    }

    /// `walkStep(_:readingRelated:)` for a page of the archive already listed.
    func walkStep(_ list: ArticleList, readingRelated: Bool) async throws -> ArchiveWalkStep {
        let store = site.store
        let batches = list.items.pieces(of: 50).map { $0.map(\.id) }
        let read = try await batches.boundedMap(width: Self.width) { ids in
            let stories = try await store.articles(ids: ids)
            if readingRelated {
                try await store.readRelatedAhead(
                    of: stories.filter { $0.status == .published }, limit: RelatedArticles.defaultLimit)
            }
            return stories
        }
        let articles = Dictionary(read.joined().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ArchiveWalkStep(list: list, articles: articles)
    }

    /// Every page and feed of every section, topic and author.
    private func renderListings(with run: inout ExportRun, progress: @Sendable (Int) -> Void) async throws {
        let (scopes, terms) = try await listings()
        try await KnownTerms.$current.withValue(terms) {
            try await renderListings(scopes, with: &run, progress: progress)
        }
    }

    /// The pages and feeds of `scopes`.
    private func renderListings(
        _ scopes: [(FeedScope, ArticleQuery)], with run: inout ExportRun, progress: @Sendable (Int) -> Void
    ) async throws {
        let store = site.store
        let totals = try await scopes.boundedMap(width: Self.width) { try await store.count(matching: $0.1) }
        // A thousand addresses at a time: rendered scope by scope, a topic's few pages did not
        // fill the window, and a core waited.
        var paths: [ExportPath] = []
        for ((scope, _), total) in zip(scopes, totals) where total > 0 {
            let listing = SiteURL.listing(scope.kind, scope.slug)
            let pages = ListingPages(total: total, perPage: ReaderController<BroadsheetRequestContext>.perPage)
            paths.append(.required(listing.path))
            paths += (0..<pages.numbered).map { .required(listing.path(page: pages.numbered - $0)) }
            paths += FeedFormat.allCases.map { .required(SiteURL.feed(scope, $0).path) }
            if paths.count >= 1_000 {
                try await run.render(paths)
                paths.removeAll(keepingCapacity: true)
                progress(run.rendered)
            }
        }
        try await run.render(paths)
        progress(run.rendered)
    }

    /// The published stories of a page of the archive, noting what other stories' related boxes
    /// weigh of each, and each one's own box as the walk made it ahead (`walkStep`).
    private static func published(
        _ summaries: [ArticleSummary], of articles: [Int64: Article], notingIn links: inout ExportLinks
    ) -> [Article] {
        var published: [Article] = []
        let memo = RelatedCandidateMemo.current
        for summary in summaries {
            guard let article = articles[summary.id], article.status == .published else { continue }
            published.append(article)
            links.note(
                article.id, weighed: ExportLinks.weighedKey(of: article), card: ExportLinks.cardKey(of: summary),
                sitemap: ExportLinks.sitemapKey(of: article),
                related: memo?.heldBox(of: article, limit: RelatedArticles.defaultLimit)?.map(\.id))
        }
        return published
    }

    /// Adds a published story to the offline search's index.
    private func index(_ article: Article, into search: OfflineSearchIndex) throws {
        try search.add(
            article, url: SiteURL.article(.value(article.id), .value(article.slug)).href,
            date: site.dates.text(article.content.published))
    }

    /// The addresses that do not depend on the archive's contents.
    func fixedPaths() -> [String] {
        let fixed: [SiteURL] = [
            .front, .archive, .search, .openSearch, .robots, .sitemapIndex, .newsSitemap, .iiifCollection,
            // Every page's footer links to the API; a copy answers with its first page, as of the export.
            .api(.articles),
        ]
        return fixed.map(\.path) + FeedFormat.allCases.map { SiteURL.feed(nil, $0).path }
            + site.theme.staticFiles.keys.sorted().map { SiteURL.staticFile(.value($0)).path }
    }

    /// An edition, its pages (text and printed), and its book where it has one.
    func editionPaths(_ date: EditionDate) async throws -> [ExportPath] {
        async let stored = site.store.edition(on: date)
        async let printed = site.store.printedPages(on: date)
        let text = (try await stored)?.pages.map(\.number) ?? []
        let numbers = Set(text).union((try await printed).map(\.number))
        return [.required(SiteURL.edition(.value(date)).path)]
            + numbers.sorted().map { .required(SiteURL.printedPage(.value(date), .value($0)).path) }
            // An edition with no published story has no book; the server answers 404 and so do we.
            + [.optional(SiteURL.editionBook(.value(date)).path)]
    }

    /// Every section, topic and author with published stories, as listings to render, and as
    /// the terms their pages name.
    private func listings() async throws -> ([(FeedScope, ArticleQuery)], KnownTerms) {
        let sections = try await site.store.sections()
        let topics = try await site.store.topics()
        let authors = try await site.store.authors()
        let scopes =
            sections.map { (FeedScope.section(.value($0.term.slug)), ArticleQuery(section: $0.term.slug)) }
            + topics.map { (FeedScope.topic(.value($0.term.slug)), ArticleQuery(topic: $0.term.slug)) }
            + authors.map { (FeedScope.author(.value($0.term.slug)), ArticleQuery(author: $0.term.slug)) }
        return (scopes, KnownTerms(sections: sections, topics: topics, authors: authors))
    }
}

/// An address to export, and whether a failure to render it stops the export.
enum ExportPath: Sendable {
    case required(String)
    /// A file a page may link to (a book, a page image): skipped when the server has none.
    case optional(String)

    var path: String {
        switch self {
        case .required(let path), .optional(let path): path
        }
    }
}

/// What an export no longer reads, handed to another thread to be freed there: nothing else
/// touches it after the hand-over.
private final class Leftovers: @unchecked Sendable {
    private var value: Any?

    init(_ value: Any) { self.value = value }

    func free() { value = nil }
}
