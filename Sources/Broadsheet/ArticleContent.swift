import Foundation

/// Everything a story's copy says: what a format reads and writes, and what each revision keeps.
///
/// It has no id, status or revision number: those belong to the stored `Article`. Two contents
/// that are equal are the same version of a story, which is how imports stay idempotent.
public struct ArticleContent: Hashable, Sendable, Codable {
    public var headline: String
    public var summary: String?
    /// The byline as printed ("Reuters | AFP"); nil when the copy carries no credit.
    public var byline: String?
    public var authors: [Author]
    public var dateline: Dateline?
    public var body: [BodyBlock]
    public var section: Section
    public var topics: [Topic]
    /// BCP 47 ("en", "ur").
    public var language: String
    public var published: Timestamp
    public var updated: Timestamp?
    public var edition: EditionReference
    public var source: ArticleSource

    public init(
        headline: String, summary: String? = nil, byline: String? = nil, authors: [Author] = [],
        dateline: Dateline? = nil, body: [BodyBlock], section: Section, topics: [Topic] = [],
        language: String = "en", published: Timestamp, updated: Timestamp? = nil,
        edition: EditionReference, source: ArticleSource
    ) {
        self.headline = headline
        self.summary = summary
        self.byline = byline
        self.authors = authors
        self.dateline = dateline
        self.body = body
        self.section = section
        self.topics = topics
        self.language = language
        self.published = published
        self.updated = updated
        self.edition = edition
        self.source = source
    }

    /// The newest instant the copy claims for itself: what decides which of two versions is newer.
    public var versionInstant: Date { (updated ?? published).instant }

    /// The story's first picture a reader may be sent to: what link previews and search
    /// engines show with it.
    public var leadImage: BodyImage? {
        for case .image(let image) in body where LinkSafety.allows(image.url) { return image }
        return nil
    }

    /// The body as plain text, paragraphs separated by blank lines (for search and summaries).
    public var bodyText: String { body.map(\.text).joined(separator: "\n\n") }
}

/// Where an article was printed: the paper, the day and, when the source knows it, the page.
public struct EditionReference: Hashable, Sendable, Codable {
    public var publication: String
    public var date: EditionDate
    /// A regional edition's name ("Karachi"); nil for the main edition.
    public var region: String?
    /// A supplement the story ran in ("The Business and Finance Weekly").
    public var supplement: String?
    public var page: PageReference?

    public init(
        publication: String, date: EditionDate, region: String? = nil, supplement: String? = nil,
        page: PageReference? = nil
    ) {
        self.publication = publication
        self.date = date
        self.region = region
        self.supplement = supplement
        self.page = page
    }
}

/// A page of an edition as a story refers to it.
public struct PageReference: Hashable, Sendable, Codable {
    /// The page numbers a paper can have: no edition runs past ten thousand pages.
    public static let numbers = 1...10_000

    public var number: Int
    public var name: String?

    public init(number: Int, name: String? = nil) {
        self.number = number
        self.name = name
    }
}

/// What an article was imported from. The URI identifies the story across imports.
public struct ArticleSource: Hashable, Sendable, Codable {
    /// The format's name as `--format` spells it ("epaper", "ninjs").
    public var format: String
    public var uri: String

    public init(format: String, uri: String) {
        self.format = format
        self.uri = uri
    }

    /// The identity of a story in the e-paper text format, which has no id of its own:
    /// publication + edition date + headline.
    public static func epaper(publication: String, date: EditionDate, headline: String) -> ArticleSource {
        ArticleSource(format: "epaper", uri: "epaper:\(Slug(publication))/\(date.iso)/\(Slug(headline))")
    }
}
