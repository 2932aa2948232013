import Broadsheet
import Foundation
import Testing

@Suite("Searching an archive, in every store", .timeLimit(.minutes(10)))
struct StoreSearchTests {
    /// Stories written so that ranking and every query form have one right answer.
    func archive(_ kind: StoreKind) async throws -> TemporaryStore {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let april28 = EditionDate(year: 2025, month: 4, day: 28)!
        _ = try await store.save(
            Story.make(
                headline: "Council debates the ferry timetable", summary: nil,
                body: ["A long meeting touched on a bridge only once, near the end."], section: "National",
                topics: ["Transport"], date: april28), status: .published)
        _ = try await store.save(
            Story.make(
                headline: "Harbour bridge reopens after repairs", summary: "Traffic returns to the crossing.",
                body: ["The bridge reopened on Monday after engineers admitted the bearings had worn out."],
                section: "National", topics: ["Transport", "Infrastructure"]), status: .published)
        _ = try await store.save(
            Story.make(
                headline: "Cricket board names new captain", summary: nil,
                body: ["The board admits the choice surprised the harbour club."], section: "Sport",
                topics: ["Cricket"],
                byline: "AFP"), status: .published)
        _ = try await store.save(
            Story.make(headline: "Secret bridge plans", body: ["A draft about the bridge nobody may read yet."]),
            status: .draft)
        return temporary
    }

    func headlines(_ query: SearchQuery, in store: any ArticleStore) async throws -> [String] {
        try await store.search(query).hits.map(\.article.headline)
    }

    @Test(arguments: StoreKind.allCases) func aHeadlineMatchRanksAboveABodyMatch(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        #expect(
            try await headlines(SearchQuery("bridge"), in: temporary.store) == [
                "Harbour bridge reopens after repairs", "Council debates the ferry timetable",
            ])
    }

    @Test(
        arguments: StoreKind.allCases,
        [
            ("admits", ["Harbour bridge reopens after repairs", "Cricket board names new captain"]),
            ("\"harbour club\"", ["Cricket board names new captain"]),
            ("harb*", ["Harbour bridge reopens after repairs", "Cricket board names new captain"]),
            ("bridge -ferry", ["Harbour bridge reopens after repairs"]),
            ("captain OR timetable", ["Cricket board names new captain", "Council debates the ferry timetable"]),
            ("headline:harbour", ["Harbour bridge reopens after repairs"]),
            ("harbour author:afp", ["Cricket board names new captain"]),
            ("secret", []),
            ("nothingmatchesthis", []),
        ])
    func queryForms(kind: StoreKind, example: (text: String, expected: [String])) async throws {
        let (text, expected) = example
        let temporary = try await archive(kind)
        #expect(Set(try await headlines(SearchQuery(text), in: temporary.store)) == Set(expected))
    }

    @Test(arguments: StoreKind.allCases) func filtersAndNewestFirst(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let store = temporary.store
        #expect(try await headlines(SearchQuery("bridge", section: Slug(verbatim: "sport")), in: store) == [])
        #expect(
            try await headlines(SearchQuery("harbour", topic: Slug(verbatim: "cricket")), in: store) == [
                "Cricket board names new captain"
            ])
        let from = EditionDate(year: 2025, month: 4, day: 29)!.startOfDay(in: Story.karachi)
        #expect(
            try await headlines(SearchQuery("bridge", publishedFrom: from), in: store) == [
                "Harbour bridge reopens after repairs"
            ])
        #expect(
            try await headlines(SearchQuery("bridge", sort: .newest), in: store) == [
                "Harbour bridge reopens after repairs", "Council debates the ferry timetable",
            ])
    }

    @Test(arguments: StoreKind.allCases) func totalsFacetsAndSnippets(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let results = try await temporary.store.search(SearchQuery("bridge"))
        #expect(results.total == 2)
        #expect(!results.totalIsCapped)
        #expect(!results.facets.sampled)
        #expect(results.facets.sections.map(\.term.name) == ["National"])
        #expect(results.facets.topics.first(where: { $0.term.name == "Transport" })?.articleCount == 2)
        #expect(results.facets.years.map(\.term) == [2025])
        let snippet = try #require(results.hits.first?.snippet)
        #expect(snippet.parts.contains(.match("bridge")) || snippet.parts.contains(.match("Bridge")))
    }

    /// Whatever a reader types, the search answers: results or none, never an error.
    @Test(
        arguments: StoreKind.allCases,
        [
            "\"", "\"\"\"", "\"open quote", "close quote\"", "AND", "OR", "NOT", "NEAR(", "NEAR(bridge",
            "bridge NEAR/2 ferry",
            "*", "**", "bridge**", "*bridge", "-", "--", "-bridge", "- bridge", "(", ")", "(bridge", "bridge)", "{",
            "}",
            "headline:", "headline:*", "author:", "author:\"", "title:bridge", "body:bridge", "^bridge", "bridge^2",
            "'; DROP TABLE articles; --", "\" OR 1=1 --", "bridge\u{0}ferry", "🙂", "🙂 bridge", "کراچی", "ب", "\\",
            "\\\"",
            "%", "_", "bridge AND AND ferry", "OR bridge", "bridge OR", "bridge OR OR ferry", "+bridge", "~bridge",
            "bridge:",
            ":bridge", "a:b:c", String(repeating: "x", count: 5_000), String(repeating: "bridge ", count: 500),
            String(repeating: "(", count: 100), "e\u{301}cole", "ÉCOLE", "\u{200F}bridge", "\t\n",
        ])
    func hostileQueriesNeverFail(kind: StoreKind, text: String) async throws {
        let temporary = try await archive(kind)
        _ = try await temporary.store.search(SearchQuery(text))
        _ = try await temporary.store.search(SearchQuery(text, sort: .newest))
    }

    @Test(arguments: StoreKind.allCases) func updatesKeepTheIndexInStep(kind: StoreKind) async throws {
        let temporary = try await archive(kind)
        let store = temporary.store
        _ = try await store.save(
            Story.make(
                headline: "Harbour bridge reopens after repairs", summary: "Traffic returns to the crossing.",
                body: ["Engineers replaced every bearing."], section: "National", topics: ["Transport"], updatedHour: 12
            ),
            status: .published)
        #expect(try await headlines(SearchQuery("worn"), in: store) == [], "the old body is gone from the index")
        #expect(try await headlines(SearchQuery("bearing"), in: store) == ["Harbour bridge reopens after repairs"])
        #expect(try await store.check().isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func facetsCountTheNewestThousandAndSayTheyDo(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let stories = (1...1_050).map { number in
            Story.make(
                headline: "Tide table number \(number)", summary: nil, body: ["High water at the harbour."],
                section: number % 2 == 0 ? "National" : "Metropolitan", topics: [], hour: number % 24)
        }
        _ = try await temporary.store.save(stories, status: .published)
        let results = try await temporary.store.search(SearchQuery("harbour"))
        // Both stores count only what they rank, the newest thousand, and say there are more.
        #expect(results.total == 1_000 && results.totalIsCapped)
        #expect(results.facets.sampled)
        #expect(results.facets.sections.map(\.articleCount).reduce(0, +) == SearchFacets.sampleSize)
        let filtered = try await temporary.store.search(SearchQuery("harbour", section: Slug(verbatim: "national")))
        #expect(filtered.total == 525)
        #expect(filtered.hits.count == 20)
    }
}
