/// Where one article is printed: its regions on one or more pages of an edition.
///
/// This is the link between the text view and the replica: an article filed from any format gets
/// one when its pages are imported (from a METS logical structure, or by matching its text to the
/// page's words), and then knows its page numbers.
public struct PrintedArticle: Hashable, Sendable, Codable {
    /// The regions in reading order: the story's start first, a continuation after.
    public let regions: [Region]

    public init(regions: [Region]) throws(PrintedPageError) {
        guard !regions.isEmpty else {
            throw .invalid(field: "article.regions", reason: "must hold at least one region")
        }
        self.regions = regions
    }

    /// The pages the article is printed on, in the order it runs (a jump to page 12 after page 1
    /// gives [1, 12]); each once.
    public var pages: [Int] {
        var seen = Set<Int>()
        return regions.map(\.page).filter { seen.insert($0).inserted }
    }

    /// The page the story starts on: what `edition.page` names.
    public var firstPage: Int { regions[0].page }

    /// The article's regions on `page`.
    public func regions(on page: Int) -> [Region] { regions.filter { $0.page == page } }
}
