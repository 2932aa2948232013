import Broadsheet
import Foundation
import GRDB
import Testing

@testable import BroadsheetSQLite

/// The bounds that keep a search cheap at a million articles must not cost a reader the story
/// they are looking for: prefixes stand for written words, and headline matches reach past the
/// ranked window.
@Suite("Bounded search", .timeLimit(.minutes(10)))
struct SearchBoundsTests {
    func headlines(_ query: SearchQuery, in store: any ArticleStore) async throws -> [String] {
        try await store.search(query).hits.map(\.article.headline)
    }

    @Test func aPrefixStandsForTheWordsWrittenWithIt() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        _ = try await store.save(
            Story.make(headline: "Harbourmaster retires after forty tides", body: ["The harbours fell quiet."]),
            status: .published)
        _ = try await store.save(
            Story.make(headline: "Hardware store opens on the quay", body: ["Nails and rope for the boats."]),
            status: .published)
        #expect(
            Set(try await headlines(SearchQuery("harbo*"), in: store)) == ["Harbourmaster retires after forty tides"])
        #expect(Set(try await headlines(SearchQuery("har*"), in: store)).count == 2)
        #expect(try await headlines(SearchQuery("harbx*"), in: store) == [], "no written word begins so")
        #expect(try await headlines(SearchQuery("headline:quay*"), in: store) == ["Hardware store opens on the quay"])
        #expect(try await headlines(SearchQuery("nails -harbo*"), in: store) == ["Hardware store opens on the quay"])
        #expect(try await store.search(SearchQuery("harbo*")).widePrefixes == [])
    }

    @Test func aPrefixOfTooManyWordsTakesTheCommonestAndSaysSo() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        // Words seen first count as the commonest: they turn up in an archive's first articles.
        let many = (0..<SearchVocabulary.wordsPerPrefix).map { "quill\(String(UnicodeScalar(97 + $0 % 26)!))\($0)" }
        _ = try await store.save(
            Story.make(headline: "A first story of quills", body: [many.joined(separator: " ")]), status: .published)
        _ = try await store.save(
            Story.make(headline: "A later story", body: ["One quillwort only."]), status: .published)
        let results = try await store.search(SearchQuery("quill*"))
        #expect(results.widePrefixes == ["quill"])
        #expect(results.hits.map(\.article.headline) == ["A first story of quills"])
        #expect(try await headlines(SearchQuery("quillwo*"), in: store) == ["A later story"])
    }

    @Test func wordsAreFoldedAsTheIndexFoldsThem() {
        #expect(
            SearchVocabulary.words(in: "Café owners' VOTE—again", "کراچی میں بارش")
                == ["cafe", "owners", "vote", "again", "کراچی", "میں", "بارش"])
        #expect(SearchVocabulary.fold("ÉCOLE") == "ecole")
        #expect(SearchVocabulary.upperBound(of: "harb") == "harc")
        #expect(SearchVocabulary.upperBound(of: "") == nil)
    }

    @Test(arguments: StoreKind.allCases) func aHeadlineMatchIsFoundPastTheRankedWindowAndRanksFirst(kind: StoreKind)
        async throws
    {
        var bounds = SearchBounds()
        bounds.rankingWindow = 5
        bounds.headlineWindow = 3
        let temporary = try await TemporaryStore(kind, searchBounds: bounds)
        let store = temporary.store
        _ = try await store.save(
            Story.make(
                headline: "Lighthouse keeper's logbook found", body: ["A lighthouse log from long ago."], hour: 1),
            status: .published)
        let passing = (1...8).map { number in
            Story.make(
                headline: "Market report \(number)", body: ["Prices held; the lighthouse was mentioned once."],
                hour: 2 + number)
        }
        _ = try await store.save(passing, status: .published)
        let found = try await headlines(SearchQuery("lighthouse"), in: store)
        #expect(found.first == "Lighthouse keeper's logbook found", "the oldest story is the one about the words")
        #expect(found.count == 6, "the window's five, and the headline match older than them")
        #expect(try await headlines(SearchQuery("lighthouse", sort: .newest), in: store).count == 5)
        #expect(
            try await headlines(SearchQuery("lighthouse", section: Slug(verbatim: "sport")), in: store) == [],
            "filters hold for headline matches too")
    }

    /// The headline matches that join the window are ones the whole search matches: newer headline
    /// matches that an excluded word or a filter rules out must not take their places.
    @Test(arguments: StoreKind.allCases) func ruledOutHeadlineMatchesDoNotCrowdOutOlderOnes(kind: StoreKind)
        async throws
    {
        var bounds = SearchBounds()
        bounds.rankingWindow = 2
        bounds.headlineWindow = 2
        let temporary = try await TemporaryStore(kind, searchBounds: bounds)
        var stories = [
            Story.make(
                headline: "Lighthouse keeper's logbook found", body: ["A lighthouse log from long ago."],
                section: "Business", hour: 1)
        ]
        stories += (1...2).map { number in
            Story.make(
                headline: "Lighthouse repairs, part \(number)", body: ["Work began after the storm."], hour: 2 + number)
        }
        stories += (1...4).map { number in
            Story.make(
                headline: "Market report \(number)", body: ["The lighthouse was mentioned once."], section: "Business",
                hour: 5 + number)
        }
        _ = try await temporary.store.save(stories, status: .published)
        let found = try await headlines(SearchQuery("lighthouse -storm"), in: temporary.store)
        #expect(found.first == "Lighthouse keeper's logbook found", "\(found)")
        #expect(!found.contains { $0.hasPrefix("Lighthouse repairs") })
        let inBusiness = try await headlines(
            SearchQuery("lighthouse", section: Slug(verbatim: "business")), in: temporary.store)
        #expect(inBusiness.first == "Lighthouse keeper's logbook found", "\(inBusiness)")
    }

    @Test func anArchiveFiledBeforeTheVocabularyIsFilledByItsMigration() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        _ = try await store.save(
            Story.make(headline: "Ferry timetable changes", body: ["The ferrymen agreed."]), status: .published)
        try await store.database.write { db in
            try db.execute(sql: "DELETE FROM search_words; DELETE FROM headlines_fts")
        }
        #expect(try await store.check().contains { $0.message.contains("headline index") })
        try await store.database.write { db in try SearchVocabularySQL.fill(db) }
        #expect(try await headlines(SearchQuery("ferrym*"), in: store) == ["Ferry timetable changes"])
        #expect(try await store.check().isEmpty)
    }

    /// Below its counting cap, `newsrank` is bm25: same scores for words, phrases, OR and columns.
    @Test(arguments: ["\"harbour\"", "\"bridge\" AND \"repairs\"", "\"harbour bridge\"", "(\"ferry\" OR \"bridge\")"])
    func newsRankScoresAsBM25(match: String) async throws {
        let temporary = try await TemporaryStore(.sqlite)
        let store = try #require(temporary.store as? SQLiteStore)
        let stories = (1...30).map { number in
            Story.make(
                headline: number % 3 == 0 ? "Harbour bridge repairs, part \(number)" : "Ferry notes \(number)",
                summary: number % 2 == 0 ? "The harbour again." : nil,
                body: [String(repeating: "The bridge and the harbour. ", count: number % 5 + 1), "Ferry at noon."],
                hour: number % 24)
        }
        _ = try await store.save(stories, status: .published)
        let rows = try await store.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT bm25(articles_fts, 10.0, 4.0, 1.0) AS bm25, newsrank(articles_fts, 10.0, 4.0, 1.0, ?) AS ours
                    FROM articles_fts WHERE articles_fts MATCH ?
                    """, arguments: [store.path + match, match])
        }
        #expect(rows.count > 5)
        for row in rows {
            #expect(abs((row["bm25"] as Double) - (row["ours"] as Double)) < 1e-9)
        }
    }

    /// Six older stories in 2024 and six newer in 2025, all naming the lighthouse in the body only,
    /// in an archive whose windows hold three.
    func twoYears(_ kind: StoreKind = .sqlite) async throws -> TemporaryStore {
        var bounds = SearchBounds()
        bounds.rankingWindow = 3
        bounds.scanLimit = 8
        bounds.headlineWindow = 3
        let temporary = try await TemporaryStore(kind, searchBounds: bounds)
        for year in [2024, 2025] {
            let stories = (1...6).map { day in
                Story.make(
                    headline: "Shipping note \(year)-\(day)", body: ["The lighthouse lamp was serviced."],
                    section: day % 2 == 0 ? "Business" : "National", date: EditionDate(year: year, month: 3, day: day)!)
            }
            _ = try await temporary.store.save(stories, status: .published)
        }
        return temporary
    }

    @Test(arguments: StoreKind.allCases) func aDateFilterReachesMatchesOlderThanTheWindow(kind: StoreKind) async throws
    {
        let temporary = try await twoYears(kind)
        let from = EditionDate(year: 2024, month: 1, day: 1)!.startOfDay(in: Story.karachi)
        let before = EditionDate(year: 2025, month: 1, day: 1)!.startOfDay(in: Story.karachi)
        let results = try await temporary.store.search(
            SearchQuery("lighthouse", publishedFrom: from, publishedBefore: before, sort: .newest))
        #expect(
            results.hits.map(\.article.headline) == [
                "Shipping note 2024-6", "Shipping note 2024-5", "Shipping note 2024-4",
            ])
        #expect(results.total == 3)
        #expect(results.totalIsCapped, "six match in 2024; the window holds three and says there are more")
        let ranked = try await temporary.store.search(
            SearchQuery("lighthouse", publishedFrom: from, publishedBefore: before))
        #expect(ranked.hits.count == 3 && ranked.hits.allSatisfy { $0.article.headline.contains("2024") })
        let none = try await temporary.store.search(
            SearchQuery("lighthouse", publishedFrom: before.addingTimeInterval(400 * 86_400)))
        #expect(none.hits.isEmpty && none.total == 0 && !none.totalIsCapped)
    }

    @Test(arguments: StoreKind.allCases) func aSectionFilterFindsTheNewestThatPassIt(kind: StoreKind) async throws {
        let temporary = try await twoYears(kind)
        let results = try await temporary.store.search(
            SearchQuery("lighthouse", section: Slug(verbatim: "business"), sort: .newest))
        #expect(
            results.hits.map(\.article.headline) == [
                "Shipping note 2025-6", "Shipping note 2025-4", "Shipping note 2025-2",
            ])
        #expect(results.total == 3 && results.totalIsCapped, "the pager offers only what the window holds")
        #expect(results.facets.sections.map(\.term.name) == ["Business"])
    }

    @Test func aFilteredScanStopsAtItsBoundAndSaysSo() async throws {
        let temporary = try await twoYears()
        // Eight matches are read at most: the 2025 six and two of 2024, none of them by this author.
        let results = try await temporary.store.search(
            SearchQuery("lighthouse", author: Slug(verbatim: "nobody-on-staff")))
        #expect(results.hits.isEmpty)
        #expect(results.totalIsCapped, "older matches were not read, and the reader is told so")
        let dated = try await temporary.store.search(
            SearchQuery(
                "lighthouse", author: Slug(verbatim: "nobody-on-staff"),
                publishedBefore: EditionDate(year: 2025, month: 1, day: 1)!.startOfDay(in: Story.karachi)))
        #expect(!dated.totalIsCapped, "a date range narrows the scan to what it can read whole")
    }
}
