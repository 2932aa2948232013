import Foundation

/// A printed page with the words on it, as an import files it.
public struct PrintedPageWords: Hashable, Sendable, Codable {
    public var page: PrintedPage
    public var words: [WordBox]

    public init(page: PrintedPage, words: [WordBox]) {
        self.page = page
        self.words = words
    }
}

/// A printed page whose words answer a search, with its words so its hits can be placed
/// (`PageHitFinder`).
public struct PrintedPageMatch: Hashable, Sendable {
    public var page: PrintedPage
    public var words: [WordBox]

    public init(page: PrintedPage, words: [WordBox]) {
        self.page = page
        self.words = words
    }
}

/// How PDF and METS imports file an edition's printed pages and where its stories were printed.
public protocol PrintedPageFiling: Sendable {
    /// Files printed pages of `publication`'s editions with their words, in one transaction:
    /// a page of the same edition and number is replaced, and the regions on it go with it.
    func savePrintedPages(_ pages: [PrintedPageWords], publication: String) async throws
    /// Replaces where an article was printed; `StoreError.notFound` when there is no such article.
    func savePrintedArticle(_ printed: PrintedArticle, articleID: Int64) async throws
}

/// What the replica reader and the pages API read: an edition's printed pages, their words and
/// the regions of its stories.
public protocol PrintedPageReading: Sendable {
    /// The edition's printed pages in order; empty when it has none.
    func printedPages(on date: EditionDate) async throws -> [PrintedPage]
    /// The words of one printed page, in reading order; nil when there is no such page.
    func words(on date: EditionDate, page number: Int) async throws -> [WordBox]?
    /// Where each story of the edition was printed, by article id.
    func printedArticles(on date: EditionDate) async throws -> [Int64: PrintedArticle]
    /// Printed pages of editions within `dates` whose words answer `expression` (a `headline:`
    /// term looks at the whole page, which has no headline), newest edition first and in page
    /// order within one; at most `limit`. Empty when the expression has nothing to look for.
    func printedPages(matching expression: SearchExpression, dates: ClosedRange<EditionDate>, limit: Int)
        async throws -> [PrintedPageMatch]
    /// The days whose edition has printed pages and a published article, newest first: the
    /// editions a IIIF collection lists.
    func printedEditionDates() async throws -> [EditionDate]
    /// Every printed page that has an image, by edition date and number: what `db check` reads.
    func printedPageImages() async throws -> [PrintedPageImage]
}

/// A printed page's image as filed: which page of which edition, and the image's address.
public struct PrintedPageImage: Hashable, Sendable {
    public var date: EditionDate
    /// The regional edition's name; nil for the main edition.
    public var region: String?
    public var number: Int
    public var image: String

    public init(date: EditionDate, region: String? = nil, number: Int, image: String) {
        self.date = date
        self.region = region
        self.number = number
        self.image = image
    }

    /// How a report names the page: `2025-04-29 (Karachi) page 3`.
    public var pageName: String {
        "\(date.iso)\(region.map { " (\($0))" } ?? "") page \(number)"
    }
}
