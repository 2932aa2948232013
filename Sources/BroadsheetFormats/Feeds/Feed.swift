import Broadsheet
import Foundation

/// One feed, whatever its format: the site's, or a section's, topic's or author's.
///
/// The three writers (RSS 2.0, Atom, JSON Feed 1.1) take the same `Feed`, so they can never
/// disagree on which stories a feed holds or what an entry says.
public struct Feed: Hashable, Sendable {
    /// "The Daily Ledger" or "World — The Daily Ledger".
    public var title: String
    public var description: String
    /// The absolute address of the page the feed follows (the home page, a section page).
    public var homePageURL: String
    /// The publication's language (BCP 47); entries in another one say so.
    public var language: String
    public var publisher: String
    public var entries: [FeedEntry]

    public init(
        title: String, description: String, homePageURL: String, language: String, publisher: String,
        entries: [FeedEntry]
    ) {
        self.title = title
        self.description = description
        self.homePageURL = homePageURL
        self.language = language
        self.publisher = publisher
        self.entries = entries
    }

    /// The newest change among the entries: the feed's own updated time.
    public var updated: Date {
        entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
    }
}

/// One story in a feed.
public struct FeedEntry: Hashable, Sendable {
    /// Never changes, even when the headline (and so the slug) is edited: `https://.../news/42`.
    public var id: String
    /// The canonical address of the article page.
    public var url: String
    public var title: String
    public var summary: String
    /// The whole body as HTML, with any corrections after it.
    public var contentHTML: String
    public var authors: [FeedAuthor]
    /// The section first, then the topics.
    public var categories: [FeedCategory]
    public var language: String
    public var published: Date
    /// Moves with an update of the copy or a correction.
    public var updated: Date

    public init(
        id: String, url: String, title: String, summary: String, contentHTML: String, authors: [FeedAuthor],
        categories: [FeedCategory], language: String, published: Date, updated: Date
    ) {
        self.id = id
        self.url = url
        self.title = title
        self.summary = summary
        self.contentHTML = contentHTML
        self.authors = authors
        self.categories = categories
        self.language = language
        self.published = published
        self.updated = updated
    }

    /// How a feed addresses an article and its authors; the web layer, which owns the routes, gives them.
    public struct Links: Sendable {
        /// The id that survives a headline edit: `https://.../news/42`.
        public var permalink: @Sendable (Article, Publication) -> String
        /// The article page.
        public var page: @Sendable (Article, Publication) -> String
        public var author: @Sendable (Author, Publication) -> String

        public init(
            permalink: @escaping @Sendable (Article, Publication) -> String,
            page: @escaping @Sendable (Article, Publication) -> String,
            author: @escaping @Sendable (Author, Publication) -> String
        ) {
            self.permalink = permalink
            self.page = page
            self.author = author
        }
    }

    /// The entry for a stored article, with addresses on the publication's site.
    public init(article: Article, publication: Publication, links: Links) {
        let content = article.content
        var html = BodyHTML.html(of: content.body, dateline: content.dateline, baseURL: publication.baseURL)
        if let retraction = article.retraction {
            // The story is gone; its entry stays, re-dated, so readers who had it learn why.
            let day = EditionDate(retraction.at, in: publication.timeZone).printed
            html =
                "<p><strong>Retracted, \(MarkupText.escape(day)):</strong> \(MarkupText.escape(retraction.note))</p>\n"
        }
        for correction in article.corrections {
            let kind = correction.kind == .correction ? "Correction" : "Clarification"
            let day = EditionDate(correction.createdAt, in: publication.timeZone).printed
            html +=
                "<p><strong>\(kind), \(MarkupText.escape(day)):</strong> \(MarkupText.escape(correction.text))</p>\n"
        }
        self.init(
            id: links.permalink(article, publication),
            url: links.page(article, publication),
            title: article.retraction == nil ? content.headline : "Retracted: \(content.headline)",
            summary: article.retraction?.note ?? content.summary ?? content.body.first?.text ?? content.headline,
            contentHTML: html,
            authors: content.authors.map {
                FeedAuthor(
                    name: $0.name, url: links.author($0, publication), isAgency: $0.kind == .agency)
            },
            categories: [FeedCategory(term: content.section.slug.rawValue, label: content.section.name)]
                + content.topics.map { FeedCategory(term: $0.slug.rawValue, label: $0.name) },
            language: content.language, published: content.published.instant,
            updated: max(article.lastModified, article.retraction?.at ?? .distantPast))
    }
}

public struct FeedAuthor: Hashable, Sendable {
    public var name: String
    public var url: String?
    public var isAgency: Bool

    public init(name: String, url: String?, isAgency: Bool = false) {
        self.name = name
        self.url = url
        self.isAgency = isAgency
    }
}

/// A section or topic as a feed category: the slug as the machine's term, the name for people.
public struct FeedCategory: Hashable, Sendable {
    public var term: String
    public var label: String

    public init(term: String, label: String) {
        self.term = term
        self.label = label
    }
}
