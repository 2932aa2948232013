import Testing

@testable import Broadsheet

@Suite("A listing's pages, numbered from the oldest", .timeLimit(.minutes(10)))
struct ListingPagesTests {
    @Test(arguments: [0, 1, 19, 20, 39])
    func aListingOfFewerThanTwoPagesIsAllOnItsOwnAddress(total: Int) {
        let pages = ListingPages(total: total, perPage: 20)
        #expect(pages.numbered == 0)
        #expect(pages.first == 0..<total)
        #expect(pages.stories(on: 1) == nil)
        #expect(pages.older(than: nil) == nil)
    }

    @Test func theFirstPageHoldsWhatNoNumberedPageHolds() {
        let pages = ListingPages(total: 45, perPage: 20)
        #expect(pages.numbered == 1)
        #expect(pages.first == 0..<25)
        #expect(pages.stories(on: 1) == 25..<45)
        #expect(pages.stories(on: 2) == nil && pages.stories(on: 0) == nil)
        #expect(pages.older(than: nil) == 1)
        #expect(pages.newer(than: 1) == .some(nil), "page 1 leads back to the listing's own address")
        #expect(pages.older(than: 1) == nil)
        #expect(pages.newer(than: nil) == nil)
    }

    /// Every story is on exactly one page, and each numbered page holds a full page's worth.
    @Test(arguments: [40, 59, 60, 61, 99, 100, 1_234])
    func everyStoryIsOnExactlyOnePage(total: Int) throws {
        let pages = ListingPages(total: total, perPage: 20)
        var seen = Array(pages.first)
        #expect(pages.first.count >= 20 && pages.first.count < 40)
        for number in stride(from: pages.numbered, through: 1, by: -1) {
            let stories = try #require(pages.stories(on: number))
            #expect(stories.count == 20)
            #expect(stories.lowerBound == seen.count, "page \(number) follows the page before it")
            seen += stories
            for place in stories { #expect(pages.page(showing: place) == number) }
        }
        #expect(seen == Array(0..<total))
        for place in pages.first { #expect(pages.page(showing: place) == nil) }
        if pages.numbered > 1 {
            #expect(pages.newer(than: 1) == .some(2))
            #expect(pages.older(than: 2) == 1)
        }
    }

    /// The promise that lets a page's address, a CDN's copy and a static export's file stay: a
    /// story filed at the top leaves every numbered page with the stories it had.
    @Test func aNewStoryLeavesEveryNumberedPageAsItWas() throws {
        for total in 40..<200 {
            let before = ListingPages(total: total, perPage: 20)
            let after = ListingPages(total: total + 1, perPage: 20)
            for number in 1...before.numbered {
                let held = try #require(before.stories(on: number))
                // Counted from the newest, each story is one place further down.
                #expect(after.stories(on: number) == (held.lowerBound + 1)..<(held.upperBound + 1))
            }
            #expect(after.numbered - before.numbered <= 1)
        }
    }
}
