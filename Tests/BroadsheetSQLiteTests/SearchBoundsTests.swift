import Broadsheet
import Foundation
import GRDB
import Testing

@testable import BroadsheetSQLite

/// The bounds that keep a search cheap at a million articles must not cost a reader the story
/// they are looking for: prefixes stand for written words, and headline matches reach past the
/// ranked window.
@Suite("Bounded search on a SQLite archive")
struct SearchBoundsTests {
    func headlines(_ query: SearchQuery, in store: SQLiteStore) async throws -> [String] {
        try await store.search(query).hits.map(\.article.headline)
    }

    @Test func aPrefixStandsForTheWordsWrittenWithIt() async throws {
        let temporary = try await TemporaryStore()
        let store = temporary.store
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
        let temporary = try await TemporaryStore()
        let store = temporary.store
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

    @Test func aHeadlineMatchIsFoundPastTheRankedWindowAndRanksFirst() async throws {
        var bounds = SearchBounds()
        bounds.rankingWindow = 5
        bounds.headlineWindow = 3
        let temporary = try await TemporaryStore(searchBounds: bounds)
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

    @Test func anArchiveFiledBeforeTheVocabularyIsFilledByItsMigration() async throws {
        let temporary = try await TemporaryStore()
        let store = temporary.store
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
}
