import Broadsheet
import Foundation

/// A page of items and where the next page starts (`null` on the last page).
struct ListJSON<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?

    private enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

/// A whole taxonomy at once: `{"items": [...]}`.
struct ItemsJSON<Item: Encodable>: Encodable {
    var items: [Item]
}

/// A section, topic or author with its article count and page.
struct TermCountJSON: Encodable {
    var name: String
    var slug: Slug
    var kind: String?
    var articleCount: Int
    var url: String

    private enum CodingKeys: String, CodingKey {
        case name, slug, kind, url
        case articleCount = "article_count"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(slug, forKey: .slug)
        try container.encodeIfPresent(kind, forKey: .kind)
        try container.encode(articleCount, forKey: .articleCount)
        try container.encode(url, forKey: .url)
    }
}

struct EditionSummaryJSON: Encodable {
    var date: EditionDate
    var publication: String
    var region: String?
    var articleCount: Int
    var url: String

    private enum CodingKeys: String, CodingKey {
        case date, publication, region, url
        case articleCount = "article_count"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        try container.encode(publication, forKey: .publication)
        try container.encode(region, forKey: .region)
        try container.encode(articleCount, forKey: .articleCount)
        try container.encode(url, forKey: .url)
    }
}

/// One edition with its pages (when the copy had pages) and every published article.
struct EditionJSON: Encodable {
    let edition: Edition
    let neighbours: EditionNeighbours
    /// The printed pages with the stories on each; empty when none were imported.
    let printedPages: [PrintedPageJSON]
    let publication: Publication

    private enum CodingKeys: String, CodingKey {
        case date, publication, region, url, pages, articles, previous, next
        case printedPages = "printed_pages"
    }

    private struct PageJSON: Encodable {
        var number: Int
        var name: String?
        var articles: [ArticleSummaryJSON]

        private enum CodingKeys: String, CodingKey { case number, name, articles }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(number, forKey: .number)
            try container.encode(name, forKey: .name)
            try container.encode(articles, forKey: .articles)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(edition.date, forKey: .date)
        try container.encode(edition.publication, forKey: .publication)
        try container.encode(edition.region, forKey: .region)
        try container.encode(edition.date.siteURL.url(in: publication), forKey: .url)
        let pages = edition.pages.map { page in
            PageJSON(
                number: page.number, name: page.name,
                articles: page.articles.map { ArticleSummaryJSON(summary: $0, publication: publication) })
        }
        try container.encode(pages, forKey: .pages)
        try container.encode(
            edition.articles.map { ArticleSummaryJSON(summary: $0, publication: publication) }, forKey: .articles)
        try container.encode(neighbours.previous, forKey: .previous)
        try container.encode(neighbours.next, forKey: .next)
        try container.encode(printedPages, forKey: .printedPages)
    }
}
