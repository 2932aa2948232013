import Broadsheet
import Foundation

/// An article as the API shows it: exactly the fields of PRODUCT.md's article JSON.
///
/// Optional fields are written as `null` rather than left out, so clients see one shape.
struct ArticleJSON: Encodable {
    let article: Article
    let publication: Publication

    private enum Keys: String, CodingKey {
        case id, slug, url, status, revision, language, headline, summary, byline, authors, dateline, body, section,
            topics, corrections, source, edition
        case publishedAt = "published_at"
        case updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        let content = article.content
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(article.id, forKey: .id)
        try container.encode(article.slug, forKey: .slug)
        try container.encode(article.siteURL.url(in: publication), forKey: .url)
        try container.encode(article.status.rawValue, forKey: .status)
        try container.encode(article.revision, forKey: .revision)
        try container.encode(content.language, forKey: .language)
        try container.encode(content.headline, forKey: .headline)
        try container.encode(content.summary, forKey: .summary)
        try container.encode(content.byline, forKey: .byline)
        try container.encode(content.authors.map(AuthorJSON.init), forKey: .authors)
        try container.encode(content.dateline?.place, forKey: .dateline)
        try container.encode(content.body, forKey: .body)
        try container.encode(TermJSON(name: content.section.name, slug: content.section.slug), forKey: .section)
        try container.encode(content.topics.map { TermJSON(name: $0.name, slug: $0.slug) }, forKey: .topics)
        try container.encode(DateDisplay.rfc3339(content.published.instant), forKey: .publishedAt)
        try container.encode(content.updated.map { DateDisplay.rfc3339($0.instant) }, forKey: .updatedAt)
        try container.encode(EditionReferenceJSON(content.edition), forKey: .edition)
        try container.encode(article.corrections.map(CorrectionJSON.init), forKey: .corrections)
        try container.encode(SourceJSON(format: content.source.format, uri: content.source.uri), forKey: .source)
    }
}

/// An article in a list: the article's own field names, without body, authors and topics.
struct ArticleSummaryJSON: Encodable {
    let summary: ArticleSummary
    let publication: Publication

    private enum Keys: String, CodingKey {
        case id, slug, url, language, headline, summary, byline, dateline, section, edition
        case publishedAt = "published_at"
        case updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(summary.id, forKey: .id)
        try container.encode(summary.slug, forKey: .slug)
        try container.encode(summary.siteURL.url(in: publication), forKey: .url)
        try container.encode(summary.language, forKey: .language)
        try container.encode(summary.headline, forKey: .headline)
        try container.encode(summary.summary, forKey: .summary)
        try container.encode(summary.byline, forKey: .byline)
        try container.encode(summary.dateline, forKey: .dateline)
        try container.encode(TermJSON(name: summary.section.name, slug: summary.section.slug), forKey: .section)
        try container.encode(DateDisplay.rfc3339(summary.published.instant), forKey: .publishedAt)
        try container.encode(summary.updated.map { DateDisplay.rfc3339($0.instant) }, forKey: .updatedAt)
        try container.encode(EditionReferenceJSON(summary.edition), forKey: .edition)
    }
}

struct TermJSON: Encodable {
    var name: String
    var slug: Slug
}

struct AuthorJSON: Encodable {
    var name: String
    var slug: Slug
    var kind: String

    init(_ author: Author) {
        self.name = author.name
        self.slug = author.slug
        self.kind = author.kind.rawValue
    }
}

struct EditionReferenceJSON: Encodable {
    var date: EditionDate
    var publication: String
    var page: Int?

    init(_ edition: EditionReference) {
        self.date = edition.date
        self.publication = edition.publication
        self.page = edition.page?.number
    }

    private enum CodingKeys: String, CodingKey { case date, publication, page }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        try container.encode(publication, forKey: .publication)
        try container.encode(page, forKey: .page)
    }
}

struct CorrectionJSON: Encodable {
    var kind: String
    var text: String
    var createdAt: String

    init(_ correction: Correction) {
        self.kind = correction.kind.rawValue
        self.text = correction.text
        self.createdAt = DateDisplay.rfc3339(correction.createdAt)
    }

    private enum CodingKeys: String, CodingKey {
        case kind, text
        case createdAt = "created_at"
    }
}

struct SourceJSON: Encodable {
    var format: String
    var uri: String
}
