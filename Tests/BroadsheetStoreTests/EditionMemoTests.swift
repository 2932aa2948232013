import Foundation
import Testing

@testable import Broadsheet

@Suite("An export's memo of editions", .timeLimit(.minutes(10)))
struct EditionMemoTests {
    let day = EditionDate(year: 2025, month: 4, day: 29)!

    /// Once the memo holds an edition and the list of editions, they are answered without the
    /// database: here it is closed, and each is what it was.
    @Test(arguments: StoreKind.allCases) func aRememberedEditionAsksNoDatabase(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        for (headline, days) in [("Harbour bridge reopens", 0), ("Tram line extended", 0), ("Ferry fares rise", 1)] {
            _ = try await temporary.store.save(
                Story.make(headline: headline, date: day.adding(days: -days), hour: 8), status: .published)
        }
        let memo = EditionMemo()
        let (edition, editions) = try await EditionMemo.$current.withValue(memo) {
            (try await temporary.store.edition(on: day), try await temporary.store.editions())
        }
        #expect(edition?.articles.map(\.headline).sorted() == ["Harbour bridge reopens", "Tram line extended"])
        #expect(editions.map(\.date) == [day, day.adding(days: -1)])
        try await temporary.store.close()
        let (again, listAgain) = try await EditionMemo.$current.withValue(memo) {
            (try await temporary.store.edition(on: day), try await temporary.store.editions())
        }
        #expect(again == edition)
        #expect(listAgain == editions)
        // An edition the memo has not read still goes to the database, which is closed.
        await #expect(throws: (any Error).self) {
            try await EditionMemo.$current.withValue(memo) {
                try await temporary.store.edition(on: day.adding(days: -1))
            }
        }
    }

    /// Once the memo holds the list of editions, an edition's neighbours come from it, without
    /// the database, as the database gives them: for an edition, for a day between editions,
    /// and before the first and after the last.
    @Test(arguments: StoreKind.allCases) func neighboursComeFromTheListOfEditions(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        for (headline, days, status) in [
            ("Harbour bridge reopens", 0, ArticleStatus.published), ("Tram line extended", 3, .published),
            ("Ferry fares rise", 3, .published), ("Dock strike ends", 5, .draft), ("Quay repainted", 7, .published),
        ] {
            _ = try await temporary.store.save(
                Story.make(headline: headline, date: day.adding(days: -days), hour: 8), status: status)
        }
        let dates = (-1...9).map { day.adding(days: -$0) }
        var fromDatabase: [EditionNeighbours] = []
        for date in dates { fromDatabase.append(try await temporary.store.neighbours(of: date)) }
        let memo = EditionMemo()
        #expect(memo.neighbours(of: day) == nil, "the list is not read yet")
        _ = try await EditionMemo.$current.withValue(memo) { try await temporary.store.editions() }
        try await temporary.store.close()
        var fromMemo: [EditionNeighbours] = []
        for date in dates {
            fromMemo.append(
                try await EditionMemo.$current.withValue(memo) { try await temporary.store.neighbours(of: date) })
        }
        #expect(fromMemo == fromDatabase)
        #expect(fromDatabase[4] == EditionNeighbours(previous: day.adding(days: -7), next: day))
    }

    /// Past its capacity the memo starts again, so an edition read long ago is read afresh.
    @Test func aFullMemoStartsAgain() async throws {
        let memo = EditionMemo(capacity: 2)
        let dates = (0..<3).map { day.adding(days: -$0) }
        var reads = 0
        for date in dates + [dates[2], dates[0]] {
            _ = await memo.edition(on: date) {
                reads += 1
                return Edition(date: date, articles: [])
            }
        }
        // The third date filled it past two: the first was forgotten, the third kept.
        #expect(reads == 4)
    }
}
