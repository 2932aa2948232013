import Broadsheet
import Foundation
import Testing

/// SQLite ranks with FTS5's bm25 and PostgreSQL with `ts_rank_cd`; both weigh headline, summary
/// and body 10 : 4 : 1. Over one corpus, plain-word queries must find the same articles, and agree
/// on the best hit and on most of the first page's top.
@Suite("SQLite and PostgreSQL agree on search", .timeLimit(.minutes(10)))
struct SearchParityTests {
    static let words = [
        "harbour", "bridge", "ferry", "council", "library", "cricket", "rainfall", "solar", "school", "museum",
        "lighthouse", "tramway",
    ]
    static let filler = [
        "The", "meeting", "heard", "that", "residents", "asked", "for", "more", "notice", "before", "work", "began",
        "on", "the", "old", "site", "near", "town", "centre", "while", "officials", "promised", "answers", "soon",
    ]

    /// Sixty stories whose headlines, summaries and bodies mix the search words in different
    /// places and amounts, chosen by a fixed sequence so both stores get the same corpus.
    static func corpus() -> [ArticleContent] {
        var seed: UInt64 = 2025
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        return (0..<60).map { number in
            let headlineWord = words[next(words.count)]
            let summaryWord = words[next(words.count)]
            var body: [String] = []
            for _ in 0..<(2 + next(3)) {
                var sentence = (0..<(8 + next(10))).map { _ in filler[next(filler.count)] }
                for _ in 0..<next(3) { sentence.insert(words[next(words.count)], at: next(sentence.count)) }
                body.append(sentence.joined(separator: " ") + ".")
            }
            return Story.make(
                headline: "Story \(number): the \(headlineWord) plan", summary: "A note on the \(summaryWord).",
                body: body, topics: [], hour: number % 24)
        }
    }

    func filled(_ kind: StoreKind) async throws -> TemporaryStore {
        let temporary = try await TemporaryStore(kind)
        _ = try await temporary.store.save(Self.corpus(), status: .published)
        return temporary
    }

    /// How closely: the same articles and totals for every query; at least 4 of the first 5 hits
    /// shared; for a single word, each store's best hit is in the other's top 3; and the very same
    /// best hit for at least 10 of the 14 queries (bm25 and ts_rank weigh repeated words and
    /// length differently, so ties within one tier of headline matches may fall either way).
    @Test func plainWordQueriesAgree() async throws {
        let sqlite = try await filled(.sqlite)
        let postgres = try await filled(.postgres)
        let queries = Self.words + ["harbour bridge", "council school"]
        var sameBest = 0
        for text in queries {
            let query = SearchQuery(text, limit: 100)
            let left = try await sqlite.store.search(query)
            let right = try await postgres.store.search(query)
            let sqliteHits = left.hits.map(\.article.headline)
            let postgresHits = right.hits.map(\.article.headline)
            #expect(left.total == right.total, "'\(text)' matches as many articles")
            #expect(Set(sqliteHits) == Set(postgresHits), "'\(text)' matches the same articles")
            let shared = Set(sqliteHits.prefix(5)).intersection(postgresHits.prefix(5)).count
            #expect(
                shared >= 4, "'\(text)': SQLite's top 5 \(sqliteHits.prefix(5)), PostgreSQL's \(postgresHits.prefix(5))"
            )
            let (sqliteBest, postgresBest) = (try #require(sqliteHits.first), try #require(postgresHits.first))
            if !text.contains(" ") {
                #expect(
                    postgresHits.prefix(3).contains(sqliteBest), "'\(text)': SQLite's best hit is in PostgreSQL's top 3"
                )
                #expect(
                    sqliteHits.prefix(3).contains(postgresBest), "'\(text)': PostgreSQL's best hit is in SQLite's top 3"
                )
            }
            if sqliteBest == postgresBest { sameBest += 1 }
        }
        #expect(sameBest >= 10, "the same best hit for \(sameBest) of \(queries.count) queries")
    }
}
