import Broadsheet
import Foundation

extension StaticExport {
    /// The changed stories' cards (what other pages show of them, `ExportLinks.cardKey`) as
    /// their editions' pages list them now, and those of them that are as the last export
    /// (`links`) showed them: the pages that only show their cards stay.
    func cards(of stories: [Int64: Article], links: ExportLinks) async throws -> ChangedCards {
        let store = site.store
        let read = try await stories.values.sorted { $0.id < $1.id }.boundedMap(width: Self.width) { article in
            // Its card as its edition's page lists it, asked of the second it was published in
            // rather than decoded from the whole edition's cards.
            let second = StoredTime.instant(StoredTime.seconds(article.content.published.instant))
            let card = ArticleQuery(
                edition: article.content.edition.date, publishedFrom: second,
                publishedBefore: second.addingTimeInterval(1), limit: ArticleQuery.maximumLimit)
            let summary = try await store.articles(matching: card).items.first { $0.id == article.id }
            return (article.id, summary.map(ExportLinks.cardKey))
        }
        var cards = ChangedCards()
        for case (let id, let card?) in read {
            cards.now[id] = card
            if links.cardKey(of: id) == card { cards.kept.insert(id) }
        }
        return cards
    }

    /// The plan of an export that renders only what `changes` can have touched, from what the
    /// last export's pages showed (`links`, and `showing`: those of its pages that showed a
    /// changed story) and the files it left (`previous`); `stories` are the changed stories that
    /// are published now, `cards` theirs (`cards(of:links:)`), and `moved` those that came, went or
    /// changed a field other stories' related boxes weigh (`choose`).
    func plan(
        _ changes: ArchiveChanges, published stories: [Int64: Article], moved: Set<Int64>, cards: ChangedCards,
        showing: [String: ExportLinks.Entry], links: ExportLinks, previous: EarlierFiles
    ) async throws -> IncrementalPlan {
        var plan = IncrementalPlan()
        for path in fixedPaths() { plan.add(.required(path)) }
        let changed = stories.values.sorted { $0.id < $1.id }
        // The changed stories that the monthly sitemaps show as they did, in the place they did.
        var sitemapKept: Set<Int64> = []
        // The months whose sitemaps a changed story was or is in, and not as it is now.
        var months: Set<CalendarMonth> = []
        for article in changed {
            let key = ExportLinks.sitemapKey(of: article)
            plan.sitemapKeys[article.id] = key
            if links.sitemapKey(of: article.id) == key && !moved.contains(article.id) {
                sitemapKept.insert(article.id)
            } else if let month = CalendarMonth(containing: article.content.published.instant) {
                months.insert(month)
            }
        }
        var editions = changes.editions
        // Editions whose book and printed pages are rendered again, but not their page of cards.
        var books: Set<EditionDate> = []
        // Per listing, the changed stories it showed and on which page.
        var shown: [ListingAddress: [Int64: ListingFile]] = [:]
        // Listings whose feeds showed a changed story.
        var fed: Set<ListingAddress> = []
        for (_, entry) in showing.sorted(by: { $0.key < $1.key }) {
            let segments = entry.path.split(separator: "/")
            let onlyCards = entry.articles.allSatisfy { !changes.articles.contains($0) || cards.kept.contains($0) }
            if let (listing, file) = ListingAddress.parse(entry.path) {
                for id in entry.articles where changes.articles.contains(id) && file != .feed {
                    shown[listing, default: [:]][id] = file
                }
                if file == .feed { fed.insert(listing) }
            } else if segments.first == "epaper", segments.count >= 2,
                let date = EditionDate(iso: String(segments[1].prefix(10)))
            {
                let isEditionPage = segments.count == 2 && !segments[1].hasSuffix(".epub")
                if isEditionPage && !onlyCards { editions.insert(date) } else { books.insert(date) }
            } else if segments.first == "news", segments.count >= 2, let id = Int64(segments[1]) {
                // Another story's page shows a changed story in its related box: a card.
                if !changes.articles.contains(id) && !onlyCards { plan.replace(entry.path) }
            } else if segments.first == "sitemaps", segments.count == 2,
                let (month, _) = SitemapFile.parse(String(segments[1]))
            {
                // A month's sitemap: only its stories' addresses and when each last changed.
                if !entry.articles.allSatisfy({ !changes.articles.contains($0) || sitemapKept.contains($0) }) {
                    months.insert(month)
                }
            } else {
                plan.replace(entry.path)
            }
        }
        // A story whose weighed key is as it was keeps its date, so it holds its place in every
        // listing it stays in, unless a story came into that listing, left it or moved (`moved`:
        // its date may differ), which shifts the listing's pages from there up (`ListingShift`).
        // Its authors alone may differ: the listings it joined or left shift too. (Reading each
        // author's page again to see was a tenth of a repeat export: 9 ms for a deep page of an
        // author of 7,000 stories.)
        var shifted: [ListingAddress: ListingShift] = [:]
        // Per listing, the pages that show a changed card (nil: its own page).
        var pages: [ListingAddress: Set<Int?>] = [:]
        for id in changes.articles.sorted() {
            plan.replaceFolder(SiteURL.permalink(.value(id)).path)
            var now: [ListingAddress] = []
            let article = stories[id]
            if let article {
                plan.add(.required(SiteURL.article(.value(id), .value(article.slug)).path))
                plan.redirect(
                    SiteURL.permalink(.value(id)).path, to: SiteURL.article(.value(id), .value(article.slug)).path)
                if cards.kept.contains(id) {
                    books.insert(article.content.edition.date)
                } else {
                    editions.insert(article.content.edition.date)
                }
                now = ListingAddress.all(of: article)
            }
            for listing in now {
                let was = shown[listing]?[id]
                if let was, !moved.contains(id) {
                    if !cards.kept.contains(id) { pages[listing, default: []].insert(was.number) }
                } else if let article {
                    shifted[listing, default: ListingShift()].note(article, was: was)
                }
            }
            for (listing, stories) in shown where !now.contains(listing) {
                if let was = stories[id] { shifted[listing, default: ListingShift()].left.append(was) }
            }
        }
        // Kinds of listing one of which gained its first story or lost its last.
        var startedOrEmptied: Set<ListingKind> = []
        for (listing, shift) in shifted.sorted(by: { $0.key.path < $1.key.path }) {
            if try await planShifted(listing, shift, into: &plan) { startedOrEmptied.insert(listing.kind) }
        }
        for (listing, numbers) in pages.sorted(by: { $0.key.path < $1.key.path }) {
            // Rendered in a shifted listing too: a page below the shift keeps its stories, and
            // shows the changed card. Its feeds are rendered again only if they showed a changed
            // story (`fed`).
            for path in numbers.map(listing.path(page:)).sorted() { plan.replace(path) }
        }
        for listing in fed.sorted(by: { $0.path < $1.path }) where shifted[listing] == nil {
            // A listing keeps its feeds while it has a story, as a full export does.
            if try await site.store.count(matching: listing.query) > 0 {
                for format in FeedFormat.allCases { plan.replace(SiteURL.feed(listing.scope, format).path) }
            } else {
                plan.replaceFolder(listing.path)
            }
        }
        let cameOrWent = try await planEditions(editions, previous: previous, into: &plan)
        let bookPaths = try await books.subtracting(editions).sorted().boundedMap(width: Self.width) { date in
            try await editionPaths(date).dropFirst()
        }
        for path in bookPaths.joined() { plan.replace(path.path) }
        // A story's page shows where it was printed, with the pages' pictures.
        for date in changes.editions.sorted() {
            for summary in try await site.store.edition(on: date)?.articles ?? [] {
                plan.replace(SiteURL.article(.value(summary.id), .value(summary.slug)).path)
            }
        }
        // A month's first sitemap lists its editions.
        months.formUnion(cameOrWent.compactMap { CalendarMonth(year: $0.year, month: $0.month) })
        try await planSitemaps(of: months, previous: previous, into: &plan)
        for kind in startedOrEmptied {
            switch kind {
            case .section: plan.replace(SiteURL.sitemap(.value(SitemapFile.sections)).path, required: true)
            case .topic: plan.replace(SiteURL.sitemap(.value(SitemapFile.topics)).path, required: true)
            case .author: break
            }
        }
        return plan
    }

    /// Every sitemap of each month in `months`, as it has them now, and those it had that it no
    /// longer has. A month's stories are cut into its sitemaps in date order, so a story that
    /// came, went or moved shifts every sitemap of its month after its own; other months' stay as
    /// they are. Rendering every month's again, for any new story, read the whole archive's
    /// stamps: at 500,000 stories, a fifth of a day's export.
    private func planSitemaps(of months: Set<CalendarMonth>, previous: EarlierFiles, into plan: inout IncrementalPlan)
        async throws
    {
        guard !months.isEmpty else { return }
        let prefix = Array("sitemaps/".utf8)
        for file in previous.files(where: { $0.begins(with: prefix) }) {
            guard let (month, _) = SitemapFile.parse(String(file.dropFirst(prefix.count))), months.contains(month)
            else { continue }
            plan.replace("/" + file)
        }
        let perSitemap = SitemapController<BroadsheetRequestContext>.articlesPerSitemap
        for month in months.sorted() {
            let span = month.interval
            let stories = try await site.store.count(
                matching: ArticleQuery(publishedFrom: span.start, publishedBefore: span.end, limit: 1))
            // A month with no story has a first sitemap only if it has an edition.
            for part in 1...max(1, (stories + perSitemap - 1) / perSitemap) {
                plan.replace(SiteURL.sitemap(.value(SitemapFile.name(month, part: part))).path, required: stories > 0)
            }
        }
    }

    /// The offline search patched for `changes` and put in `output`, worked out from the last
    /// export's index beside the plan and the pages (it was a tenth of a repeat export after
    /// them, and putting it after them the last twentieth, on one core): the card buckets it left
    /// empty, or nil when that index cannot be patched.
    func patchSearch(
        _ changes: ArchiveChanges, published: [Int64: Article], cardsKept: Set<Int64>, links: ExportLinks,
        into output: StaticSiteFolder
    ) async throws -> Task<[String]?, any Error> {
        let count = try await site.store.count(matching: ArticleQuery(limit: ArticleQuery.maximumLimit))
        // Where only stories the last export did not publish are, its index held no story: a story
        // newer than any has no file of words or cards yet.
        let fresh = changes.articles.filter { links.weighedKey(of: $0) == nil }
        func unheld(_ size: Int64) -> Set<Int64> {
            Set(fresh.map { $0 / size }).filter { part in
                !(part * size..<(part + 1) * size).contains { links.weighedKey(of: $0) != nil }
            }
        }
        let unheld = (groups: unheld(OfflineSearchIndex.wordsGroup), buckets: unheld(OfflineSearchIndex.bucketSize))
        return Task.detached { [self] in
            var entries: [Int64: OfflineSearchIndex.Entry?] = [:]
            for id in changes.articles {
                let entry = published[id].map { article in
                    OfflineSearchIndex.entry(
                        article, url: SiteURL.article(.value(article.id), .value(article.slug)).href,
                        date: site.dates.text(article.content.published))
                }
                // A story no longer published stays, as nil: assigned through the subscript, the
                // `map` took the subscript's type and removed the key, leaving its words indexed.
                entries.updateValue(entry, forKey: id)
            }
            let patch = try OfflineSearchIndex.patch(
                in: folder, articles: count, volume: searchVolume, changed: entries, cardsKept: cardsKept,
                unheld: unheld)
            return try patch.map { patch throws(StaticExportError) in try OfflineSearchIndex.apply(patch, to: output) }
        }
    }

    /// The offline search brought up to date: the files the patch left empty (`patchSearch`);
    /// else built again from the whole archive, its folder added to `plan`, and nil returned.
    func updateSearch(
        _ patching: Task<[String]?, any Error>, in output: StaticSiteFolder, run: inout ExportRun,
        plan: inout IncrementalPlan
    ) async throws -> [String]? {
        if let emptied = try await patching.value { return emptied }
        plan.replaceFolder("/" + OfflineSearchIndex.folder)
        try await indexArchive(rendering: false, with: &run, progress: { _ in }).finish(into: output)
        return nil
    }

    /// The pages a listing's shifted stories (`shift`) can have changed: its own address and
    /// feeds, and, as its pages are numbered from the oldest (`ListingPages`), only the numbered
    /// pages from the lowest place a story left, joined or moved to. A day's new stories join at
    /// the top, so a listing's numbered pages stay as they were, but for the one a full page of
    /// stories leaves the first page for. Pages it no longer has are removed.
    /// Returns whether the listing gained its first story or lost its last.
    private func planShifted(_ listing: ListingAddress, _ shift: ListingShift, into plan: inout IncrementalPlan)
        async throws -> Bool
    {
        let total = try await site.store.count(matching: listing.query)
        guard total > 0 else {
            plan.replaceFolder(listing.path)
            return true
        }
        let perPage = ReaderController<BroadsheetRequestContext>.perPage
        let now = ListingPages(total: total, perPage: perPage)
        let before = ListingPages(total: total - shift.joined.count + shift.left.count, perPage: perPage)
        let top = max(now.numbered, before.numbered)
        // A page number, the first page above every numbered one.
        func number(_ file: ListingFile) -> Int { file.number ?? top + 1 }
        var numbers = Set<Int>()
        func render(_ low: Int, _ high: Int) {
            guard low <= top, high >= 1 else { return }
            numbers.formUnion(max(1, low)...min(top, high))
        }
        for file in shift.left { render(number(file), top) }
        for article in shift.joined {
            let pages = try await pages(holding: article, in: listing, of: now)
            render(pages.lowerBound, top)
        }
        for (article, was) in shift.moved {
            let pages = try await pages(holding: article, in: listing, of: now)
            render(min(number(was), pages.lowerBound), max(number(was), pages.upperBound))
        }
        // The page next to the first links to it, and the pages a full page of stories moved
        // to or from are new or gone.
        if now.numbered != before.numbered { render(min(now.numbered, before.numbered), top) }
        plan.replace(listing.path, required: true)
        for number in numbers.sorted() {
            let path = listing.path(page: number)
            if number <= now.numbered {
                plan.replace(path, required: true)
            } else if let file = StaticLayout.file(for: path, isPage: true) {
                // A page the listing no longer has: its file goes, with no page asked for.
                plan.replaceFile(file)
            }
        }
        for format in FeedFormat.allCases {
            plan.replace(SiteURL.feed(listing.scope, format).path, required: true)
        }
        return total - shift.joined.count + shift.left.count == 0
    }

    /// The numbered pages (`ListingPages`) that can hold `article` in `listing` now: those of
    /// its place among the stories published in its second, as the listing orders them
    /// (`StoreSQL.listingOrder`); a number above `pages.numbered` is the first page.
    private func pages(holding article: Article, in listing: ListingAddress, of pages: ListingPages)
        async throws -> ClosedRange<Int>
    {
        let second = StoredTime.instant(StoredTime.seconds(article.content.published.instant))
        var later = listing.query
        later.publishedFrom = second.addingTimeInterval(1)
        var same = listing.query
        same.publishedFrom = second
        same.publishedBefore = second.addingTimeInterval(1)
        let newer = try await site.store.count(matching: later)
        let tied = max(1, try await site.store.count(matching: same))
        let above = pages.numbered + 1
        return (pages.page(showing: newer + tied - 1) ?? above)...(pages.page(showing: newer) ?? above)
    }

    /// The editions in `dates`, and the neighbours of any edition that came or went (their pages
    /// link to the next and previous ones); the editions that came or went.
    private func planEditions(
        _ dates: Set<EditionDate>, previous: EarlierFiles, into plan: inout IncrementalPlan
    ) async throws -> Set<EditionDate> {
        let now = try await site.store.editions().map(\.date)
        // An edition's page is `epaper/` and its date, then `/index.html`: most of the hundreds of
        // thousands of files are turned down by their bytes, with no `String` made for them.
        let (prefix, suffix) = (Array("epaper/".utf8), Array("/index.html".utf8))
        let pages = previous.files { name in
            name.count > prefix.count + suffix.count && name.begins(with: prefix)
                && UnsafeBufferPointer(rebasing: name[(name.count - suffix.count)...]).begins(with: suffix)
        }
        let before = Set(
            pages.compactMap { file -> EditionDate? in
                let parts = file.split(separator: "/")
                guard parts.count == 3, parts[0] == "epaper", parts[2] == "index.html" else { return nil }
                return EditionDate(iso: String(parts[1]))
            })
        let current = Set(now)
        var touched = dates
        let sorted = now.sorted()
        for date in current.symmetricDifference(before) {
            touched.insert(date)
            let later = sorted.firstIndex { $0 > date } ?? sorted.endIndex
            if later < sorted.endIndex { touched.insert(sorted[later]) }
            let earlier = (sorted.lastIndex { $0 < date })
            if let earlier { touched.insert(sorted[earlier]) }
        }
        // Read side by side: one at a time, each edition's reads left a core idle.
        let paths = try await touched.sorted().boundedMap(width: Self.width) { date in
            (date, current.contains(date) ? try await editionPaths(date) : [])
        }
        for (date, editionPaths) in paths {
            plan.replaceFolder(SiteURL.edition(.value(date)).path)
            plan.replaceFolder(
                SiteURL.editionManifest(.value(date)).path.replacingOccurrences(of: "/manifest.json", with: ""))
            if let book = StaticLayout.file(for: SiteURL.editionBook(.value(date)).path, isPage: false) {
                plan.replaceFile(book)
            }
            for path in editionPaths { plan.add(path) }
        }
        return current.symmetricDifference(before)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes begin with `prefix`, which is not empty: its first byte turns down
    /// nearly every earlier file of a large archive, and `memcmp` compares the rest. The standard
    /// library's `starts(with:)` went through the collections' generic paths a byte at a time,
    /// and `memcmp` alone cost a call for every file.
    fileprivate func begins(with prefix: [UInt8]) -> Bool {
        guard count >= prefix.count, let base = baseAddress, base.pointee == prefix[0] else { return false }
        return memcmp(base, prefix, prefix.count) == 0
    }
}
