import Broadsheet
import Foundation
import Testing

@testable import BroadsheetSQLite

@Suite("Reading articles back, from every store", .timeLimit(.minutes(10)))
struct StoreQueryTests {
    let april28 = EditionDate(year: 2025, month: 4, day: 28)!
    let april29 = EditionDate(year: 2025, month: 4, day: 29)!
    let may2 = EditionDate(year: 2025, month: 5, day: 2)!

    /// Five stories over three editions, one of them a draft.
    func archive(_ kind: StoreKind) async throws -> TemporaryStore {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        _ = try await store.save(
            Story.make(headline: "Ferry timetable changes", section: "National", topics: ["Transport"], date: april28),
            status: .published)
        _ = try await store.save(
            Story.make(
                headline: "Markets close higher", section: "Business", topics: ["Markets"], byline: "Reuters",
                date: april28, hour: 9), status: .published)
        _ = try await store.save(
            Story.make(
                headline: "Bridge reopens", section: "National", topics: ["Transport", "Infrastructure"], date: april29),
            status: .published)
        _ = try await store.save(
            Story.make(headline: "Cup final tonight", section: "Sport", topics: [], byline: "AFP", date: may2),
            status: .published)
        _ = try await store.save(
            Story.make(headline: "Unfinished draft", section: "Sport", date: may2, hour: 11), status: .draft)
        return temporary
    }

    @Test(arguments: StoreKind.allCases) func listsPublishedNewestFirst(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let list = try await temporary.store.articles(matching: ArticleQuery())
        #expect(
            list.items.map(\.headline) == [
                "Cup final tonight", "Bridge reopens", "Markets close higher", "Ferry timetable changes",
            ])
        #expect(list.nextCursor == nil)
    }

    @Test(
        arguments: StoreKind.allCases,
        [
            (ArticleQuery(section: Slug(verbatim: "national")), ["Bridge reopens", "Ferry timetable changes"]),
            (ArticleQuery(topic: Slug(verbatim: "transport")), ["Bridge reopens", "Ferry timetable changes"]),
            (ArticleQuery(author: Slug(verbatim: "reuters")), ["Markets close higher"]),
            (
                ArticleQuery(edition: EditionDate(year: 2025, month: 4, day: 28)!),
                ["Markets close higher", "Ferry timetable changes"]
            ),
            (ArticleQuery(status: .draft), ["Unfinished draft"]),
            (ArticleQuery(section: Slug(verbatim: "no-such-section")), []),
        ])
    func filters(kind: StoreKind, example: (query: ArticleQuery, headlines: [String])) async throws {
        let (query, headlines) = example
        let temporary = try await archive(kind)
        #expect(try await temporary.store.articles(matching: query).items.map(\.headline) == headlines)
        #expect(try await temporary.store.count(matching: query) == headlines.count)
    }

    @Test(arguments: StoreKind.allCases) func filtersByPublishedRange(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let from = april29.startOfDay(in: Story.karachi)
        let before = may2.startOfDay(in: Story.karachi)
        let list = try await temporary.store.articles(
            matching: ArticleQuery(publishedFrom: from, publishedBefore: before))
        #expect(list.items.map(\.headline) == ["Bridge reopens"])
    }

    @Test(arguments: StoreKind.allCases) func pagesThroughWithACursor(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        var seen: [String] = []
        var cursor: ArticleCursor?
        repeat {
            let page = try await temporary.store.articles(matching: ArticleQuery(limit: 1, cursor: cursor))
            seen += page.items.map(\.headline)
            cursor = page.nextCursor.flatMap { ArticleCursor(encoded: $0.encoded) }
        } while cursor != nil
        #expect(seen == ["Cup final tonight", "Bridge reopens", "Markets close higher", "Ferry timetable changes"])
    }

    @Test(arguments: StoreKind.allCases) func pagesThroughWithAnOffset(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let second = try await temporary.store.articles(matching: ArticleQuery(limit: 2, offset: 2))
        #expect(second.items.map(\.headline) == ["Markets close higher", "Ferry timetable changes"])
    }

    /// Pages of a section, a topic and an author, read by offset past drafts that share their
    /// dates, hold the listing's published stories newest first, each once, and count them.
    @Test(arguments: StoreKind.allCases) func pagesThroughListingsByOffset(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        var published: [String] = []
        for number in 1...23 {
            let date = EditionDate(year: 2025, month: 3, day: 1 + number % 5)!
            let headline = "Harbour notice \(number)"
            let story = Story.make(
                headline: headline, topics: ["Transport"], byline: "Reuters", date: date, hour: number)
            let status: ArticleStatus = number % 4 == 0 ? .draft : .published
            _ = try await temporary.store.save(story, status: status)
            if status == .published { published.append(headline) }
        }
        let newestFirst = try await temporary.store.articles(matching: ArticleQuery(limit: 100)).items.map(\.headline)
        #expect(Set(newestFirst) == Set(published))
        let listings = [
            ArticleQuery(section: Slug(verbatim: "national")), ArticleQuery(topic: Slug(verbatim: "transport")),
            ArticleQuery(author: Slug(verbatim: "reuters")),
        ]
        for listing in listings {
            var seen: [String] = []
            for page in 0..<4 {
                var query = listing
                query.limit = 5
                query.offset = page * 5
                seen += try await temporary.store.articles(matching: query).items.map(\.headline)
            }
            #expect(seen == newestFirst, "\(listing)")
            #expect(try await temporary.store.count(matching: listing) == published.count)
        }
    }

    /// An export reads each listing once (`ListingMemo`) and takes its pages from it: every page
    /// and count is what the store answers alone, a page past the end is empty, and a story
    /// published meanwhile waits for the next run, as it does for the related boxes.
    @Test(arguments: StoreKind.allCases) func pagesOfAListingReadOnceForAnExport(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        for number in 1...13 {
            let story = Story.make(
                headline: "Quay bulletin \(number)", section: number % 3 == 0 ? "Business" : "National",
                topics: ["Port"], byline: "Reuters", date: EditionDate(year: 2025, month: 3, day: 1 + number % 4)!,
                hour: number)
            _ = try await temporary.store.save(story, status: number % 5 == 0 ? .draft : .published)
        }
        let listings = [
            ArticleQuery(), ArticleQuery(section: Slug(verbatim: "national")),
            ArticleQuery(topic: Slug(verbatim: "port")), ArticleQuery(author: Slug(verbatim: "reuters")),
            ArticleQuery(section: Slug(verbatim: "no-such-section")),
        ]
        let memo = ListingMemo()
        for listing in listings {
            for (limit, offset) in [(4, 0), (4, 4), (4, 8), (3, 9), (4, 40)] {
                var query = listing
                query.limit = limit
                query.offset = offset
                let alone = try await temporary.store.articles(matching: query)
                let remembered = try await ListingMemo.$current.withValue(memo) {
                    try await temporary.store.articles(matching: query)
                }
                #expect(remembered == alone, "\(listing), \(limit) from \(offset)")
            }
            let count = try await ListingMemo.$current.withValue(memo) {
                try await temporary.store.count(matching: listing)
            }
            #expect(count == (try await temporary.store.count(matching: listing)), "\(listing)")
        }
        _ = try await temporary.store.save(
            Story.make(
                headline: "Quay bulletin late", topics: ["Port"], date: EditionDate(year: 2025, month: 3, day: 9)!),
            status: .published)
        let port = ArticleQuery(topic: Slug(verbatim: "port"))
        let (first, count) = try await ListingMemo.$current.withValue(memo) {
            (try await temporary.store.articles(matching: port), try await temporary.store.count(matching: port))
        }
        #expect(first.items.first?.headline != "Quay bulletin late")
        #expect(count == 11)
        #expect(try await temporary.store.count(matching: port) == 12, "outside the export, the archive as it is now")
    }

    @Test(arguments: StoreKind.allCases) func listsEditionsWithTheirNeighbours(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let editions = try await temporary.store.editions()
        #expect(editions.map(\.date) == [may2, april29, april28])
        #expect(editions.map(\.articleCount) == [1, 1, 2])
        #expect(try await temporary.store.neighbours(of: april29) == EditionNeighbours(previous: april28, next: may2))
        #expect(try await temporary.store.neighbours(of: april28) == EditionNeighbours(previous: nil, next: april29))
    }

    /// A book reads its edition's stories together: in the order asked, with their corrections,
    /// an id the archive does not hold left out.
    @Test(arguments: StoreKind.allCases) func readsSeveralArticlesTogether(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let ferry = try await store.create(
            Story.make(headline: "Ferry fares rise", date: april28), status: .published,
            by: Attribution(actor: "cli:test"))
        let draft = try await store.create(
            Story.make(headline: "Quay lights draft", date: april28), status: .draft, by: Attribution(actor: "cli:test")
        )
        _ = try await store.change(
            articleID: ferry.id, .correct(.correction, text: "The fares rise in June, not May."),
            expectedRevision: nil, by: Attribution(actor: "cli:test"))
        let read = try await store.articles(ids: [draft.id, 999_999, ferry.id])
        #expect(read.map(\.content.headline) == ["Quay lights draft", "Ferry fares rise"])
        #expect(read.map(\.status) == [.draft, .published])
        #expect(read.last?.corrections.map(\.text) == ["The fares rise in June, not May."])
        #expect(try await store.articles(ids: []).isEmpty)
        #expect(read.last == (try await store.article(id: ferry.id)))
    }

    /// A monthly sitemap asks for its own month's editions: the first and last days belong to it,
    /// the next month's first day and an edition of drafts alone do not.
    @Test(arguments: StoreKind.allCases) func listsOneMonthsEditions(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let april30 = EditionDate(year: 2025, month: 4, day: 30)!
        let april1 = EditionDate(year: 2025, month: 4, day: 1)!
        _ = try await temporary.store.save(
            [
                Story.make(headline: "Month-end tide tables", date: april30),
                Story.make(headline: "Quay survey", date: april1),
            ],
            status: .published)
        _ = try await temporary.store.save(
            Story.make(headline: "Draft for the first of June", date: EditionDate(year: 2025, month: 6, day: 1)!),
            status: .draft)
        let april = try await temporary.store.editions(in: CalendarMonth(year: 2025, month: 4)!)
        #expect(april.map(\.date) == [april30, april29, april28, april1])
        #expect(april.map(\.articleCount) == [1, 1, 2, 1])
        #expect(try await temporary.store.editions(in: CalendarMonth(year: 2025, month: 5)!).map(\.date) == [may2])
        #expect(try await temporary.store.editions(in: CalendarMonth(year: 2025, month: 6)!).isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func readsAnEditionGroupedBySection(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let edition = try #require(try await temporary.store.edition(on: april28))
        #expect(edition.publication == "The Daily Ledger")
        #expect(edition.sections.map(\.section.name) == ["National", "Business"])
        #expect(try await temporary.store.edition(on: EditionDate(year: 2020, month: 1, day: 1)!) == nil)
    }

    @Test(arguments: StoreKind.allCases) func countsTaxonomyOverPublishedArticlesOnly(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let sections = try await temporary.store.sections()
        #expect(sections.map(\.term.name) == ["Business", "National", "Sport"])
        #expect(sections.map(\.articleCount) == [1, 2, 1])
        #expect(try await temporary.store.sectionsInUse().map(\.name) == ["Business", "National", "Sport"])
        let authors = try await temporary.store.authors()
        #expect(authors.first(where: { $0.term.name == "AFP" })?.term.kind == .agency)
        #expect(try await temporary.store.topic(slug: Slug(verbatim: "infrastructure"))?.name == "Infrastructure")
        #expect(try await temporary.store.author(slug: Slug(verbatim: "our-staff-reporter"))?.kind == .staff)
        #expect(try await temporary.store.section(slug: Slug(verbatim: "weather")) == nil)
    }

    /// A topic's or an author's published stories, all of them, are counted on the link table
    /// less the stories not published, drafts and retracted ones alike: the count is right, and
    /// in SQLite its plan reads the articles only through `articles_newest` by status.
    @Test(arguments: StoreKind.allCases) func aTopicsWholeCountIsTakenFromItsLinks(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let stories = (0..<12).map { hour in
            Story.make(
                headline: "Harbour notice for hour \(hour)", topics: hour % 3 == 0 ? ["Ferries", "Roads"] : ["Roads"],
                byline: hour % 4 == 0 ? "Sana Mirza" : "Our Staff Reporter", hour: hour)
        }
        let saved = try await store.save(stories, status: .published).map { try $0.get().articleID }
        _ = try await store.save(
            [Story.make(headline: "Ferry notice in draft", topics: ["Ferries"], byline: "Sana Mirza", hour: 13)],
            status: .draft)
        // Hour 0's story is about the ferries and by Sana Mirza.
        _ = try await store.change(
            articleID: saved[0], .retract(note: "Filed twice."), expectedRevision: nil,
            by: Attribution(actor: "cli:test"))
        let (ferries, roads, sana) = (
            ArticleQuery(topic: Slug(verbatim: "ferries")), ArticleQuery(topic: Slug(verbatim: "roads")),
            ArticleQuery(author: Slug(verbatim: "sana-mirza"))
        )
        for (query, listed) in [(ferries, 3), (roads, 11), (sana, 2)] {
            #expect(try await store.count(matching: query) == listed, "\(query)")
        }
        // Only a topic's or an author's published stories: anything else counts as before.
        #expect(StoryLink.whole(of: ArticleQuery(topic: Slug(verbatim: "ferries"), status: .draft).conditions) == nil)
        #expect(StoryLink.whole(of: ArticleQuery(section: Slug(verbatim: "national")).conditions) == nil)
        #expect(
            StoryLink.whole(of: ArticleQuery(topic: Slug(verbatim: "ferries"), publishedFrom: Date()).conditions) == nil
        )
        guard let store = store as? SQLiteStore else { return }
        let total = try #require(LinkedTotalCount(ferries.conditions))
        #expect(try await store.database.read { db in try total.request.fetchOne(db) } == 3)
        let plan = try await SQLiteStoreTests.plan(of: total.request, in: store)
        #expect(plan.contains("COVERING INDEX articles_newest (status=?)"), "\(plan)")
        #expect(!plan.split(separator: "\n").contains { $0.hasPrefix("SCAN") && $0 != "SCAN CONSTANT ROW" }, "\(plan)")
    }

    @Test(arguments: StoreKind.allCases) func monthsAndStampsListWhatSitemapsNeed(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let months = try await temporary.store.archiveMonths()
        #expect(months.map(\.month.iso) == ["2025-05", "2025-04"], "newest first, drafts not counted")
        #expect(months.map(\.articleCount) == [1, 3])
        let april = try #require(months.last)
        // The newest of April: the bridge story at 8 am in Karachi on the 29th, 03:00 UTC.
        #expect(april.lastModified == Date(timeIntervalSince1970: 1_745_895_600))

        let stamps = try await temporary.store.articleStamps(publishedIn: april.month.interval, limit: 10, offset: 0)
        #expect(stamps.map(\.headline) == ["Ferry timetable changes", "Markets close higher", "Bridge reopens"])
        #expect(stamps.first?.slug == Slug("Ferry timetable changes"))
        let second = try await temporary.store.articleStamps(publishedIn: april.month.interval, limit: 2, offset: 2)
        #expect(second.map(\.headline) == ["Bridge reopens"], "parts split the month the same way each time")
        let may = try #require(CalendarMonth(year: 2025, month: 5))
        #expect(try await temporary.store.articleStamps(publishedIn: may.interval, limit: 10, offset: 0).count == 1)
    }

    /// A month without a published story between two with stories is not listed, and a story's
    /// correction is its month's last change.
    @Test(arguments: StoreKind.allCases) func monthsSkipTheEmptyAndCountCorrections(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let store = temporary.store
        let january = try await store.create(
            Story.make(headline: "Winter ferry fares", date: EditionDate(year: 2025, month: 1, day: 14)!),
            status: .published, by: Attribution(actor: "cli:test"))
        let uncorrected = try await store.archiveMonths()
        let before = try #require(uncorrected.last)
        #expect(before.month.iso == "2025-01" && before.articleCount == 1)
        _ = try await store.change(
            articleID: january.id, .correct(.correction, text: "The fares rise in February, not March."),
            expectedRevision: nil, by: Attribution(actor: "cli:test"))
        let correction = try #require(try await store.article(id: january.id)?.corrections.first)

        let months = try await store.archiveMonths()
        #expect(months.map(\.month.iso) == ["2025-05", "2025-04", "2025-01"])
        #expect(months.map(\.articleCount) == [1, 3, 1])
        #expect(months.last?.lastModified == correction.createdAt)
        #expect(months.last?.lastModified != before.lastModified)
        #expect(months.dropLast() == uncorrected.dropLast(), "the other months are as they were")
    }
}
