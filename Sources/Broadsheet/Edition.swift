/// One day's paper of a publication, as readers browse it.
public struct Edition: Hashable, Sendable {
    public var publication: String
    public var date: EditionDate
    public var region: String?
    /// The printed pages in order; empty when the copy said nothing of pages.
    public var pages: [Page]
    /// Every published article of the edition, pages first in reading order, then the rest by section.
    public var articles: [ArticleSummary]

    public init(
        publication: String, date: EditionDate, region: String? = nil, pages: [Page], articles: [ArticleSummary]
    ) {
        self.publication = publication
        self.date = date
        self.region = region
        self.pages = pages
        self.articles = articles
    }

    /// An edition as a store reads it: its published articles in reading order (pages first, by
    /// number, then the rest), grouped into pages here. Nil when there are none.
    public init?(date: EditionDate, articles: [ArticleSummary]) {
        guard let first = articles.first else { return nil }
        var pages: [Page] = []
        for article in articles {
            guard let page = article.edition.page else { continue }
            if pages.last?.number == page.number {
                pages[pages.count - 1].articles.append(article)
            } else {
                pages.append(Page(number: page.number, name: page.name, articles: [article]))
            }
        }
        self.init(
            publication: first.edition.publication, date: date, region: first.edition.region, pages: pages,
            articles: articles)
    }

    /// The edition's articles grouped by section, in the order sections first appear.
    public var sections: [(section: Section, articles: [ArticleSummary])] {
        var order: [Section] = []
        var grouped: [Section: [ArticleSummary]] = [:]
        for article in articles {
            if grouped[article.section] == nil { order.append(article.section) }
            grouped[article.section, default: []].append(article)
        }
        return order.map { ($0, grouped[$0]!) }
    }
}

/// A printed page of an edition, with its articles in reading order.
public struct Page: Hashable, Sendable {
    public var number: Int
    public var name: String?
    public var articles: [ArticleSummary]

    public init(number: Int, name: String?, articles: [ArticleSummary]) {
        self.number = number
        self.name = name
        self.articles = articles
    }
}

/// An edition in the archive listing: its day and how many articles it holds.
public struct EditionSummary: Hashable, Sendable {
    public var publication: String
    public var date: EditionDate
    public var region: String?
    public var articleCount: Int

    public init(publication: String, date: EditionDate, region: String? = nil, articleCount: Int) {
        self.publication = publication
        self.date = date
        self.region = region
        self.articleCount = articleCount
    }
}
