/// How a section's, topic's or author's stories are cut into pages: numbered from the oldest, so a
/// numbered page keeps its stories as the listing grows. Numbered from the newest, every page of a
/// listing changed with each story filed in it: a bookmark or a search engine's link to page 40
/// found other stories there the next day, a CDN's copy of every page went stale, and a static
/// export rendered every page of the listing again.
///
/// The listing's own address shows the newest stories: those not yet on a numbered page, at least
/// `perPage` of them (all of them in a listing of fewer) and fewer than twice that. Below it,
/// page `numbered` down to page 1 hold `perPage` stories each, page 1 the oldest. A page is only
/// numbered once it is full and a whole page of newer stories stands above it, so the first
/// page never shows a handful. Each page lists its stories newest first.
public struct ListingPages: Hashable, Sendable {
    /// The listing's published stories.
    public let total: Int
    public let perPage: Int

    public init(total: Int, perPage: Int) {
        precondition(perPage > 0, "a page holds at least one story")
        self.total = max(0, total)
        self.perPage = perPage
    }

    /// The highest page number; 0 when the listing's own address shows every story.
    public var numbered: Int { max(0, total / perPage - 1) }

    /// The stories the listing's own address shows, as places counted from the newest.
    public var first: Range<Int> { 0..<(total - numbered * perPage) }

    /// The stories of page `number`, as places counted from the newest; nil for a page the
    /// listing does not have.
    public func stories(on number: Int) -> Range<Int>? {
        guard number >= 1, number <= numbered else { return nil }
        let end = total - (number - 1) * perPage
        return (end - perPage)..<end
    }

    /// The page that shows the story at `place` (counted from the newest), nil for the listing's
    /// own address: where an address of the old numbering, from the newest, is sent.
    public func page(showing place: Int) -> Int? {
        guard place >= first.upperBound, place < total else { return nil }
        return (total - 1 - place) / perPage + 1
    }

    /// The page after `number` going back in time (nil: none); nil `number` is the listing's own
    /// address.
    public func older(than number: Int?) -> Int? {
        guard let number else { return numbered > 0 ? numbered : nil }
        return number > 1 ? number - 1 : nil
    }

    /// The page before `number` coming forward in time, as `.some(nil)` for the listing's own
    /// address; nil when `number` is that address already.
    public func newer(than number: Int?) -> Int?? {
        guard let number else { return nil }
        return number < numbered ? .some(number + 1) : .some(nil)
    }
}
