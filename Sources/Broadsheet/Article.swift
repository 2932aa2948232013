import Foundation

/// A stored story: its current content, where it stands in the workflow, and its public record.
public struct Article: Hashable, Sendable, Identifiable {
    public var id: Int64
    /// Made from the headline; a link with an older slug still finds the article by its id.
    public var slug: Slug
    public var status: ArticleStatus
    /// The number of the revision `content` is; the first is 1.
    public var revision: Int
    public var content: ArticleContent
    public var corrections: [Correction]
    /// The public notice of a retracted article that readers once saw; nil otherwise.
    public var retraction: Retraction?
    /// When a draft is due to be published on its own.
    public var publishAt: Date?

    public init(
        id: Int64, slug: Slug, status: ArticleStatus, revision: Int, content: ArticleContent,
        corrections: [Correction] = [], retraction: Retraction? = nil, publishAt: Date? = nil
    ) {
        self.id = id
        self.slug = slug
        self.status = status
        self.revision = revision
        self.content = content
        self.corrections = corrections
        self.retraction = retraction
        self.publishAt = publishAt
    }

    /// The newest instant that changed what readers see of the story: the copy's own update time,
    /// or a later correction. Feeds re-date an entry by it; pages send it as `Last-Modified`.
    public var lastModified: Date {
        corrections.map(\.createdAt).reduce(content.versionInstant, max)
    }
}

/// Where an article stands: only published articles reach readers.
public enum ArticleStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case draft, published, retracted
}

/// A dated public note attached to an article.
public struct Correction: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case correction, clarification
    }

    public var kind: Kind
    public var text: String
    public var createdAt: Date

    public init(kind: Kind, text: String, createdAt: Date) {
        self.kind = kind
        self.text = text
        self.createdAt = createdAt
    }
}

/// One immutable stored version of an article.
public struct Revision: Hashable, Sendable {
    public var articleID: Int64
    public var number: Int
    public var content: ArticleContent
    public var createdAt: Date
    /// The status the article had from this revision on; nil for revisions stored before it was kept.
    public var status: ArticleStatus?
    /// Who made it: an account's name, "import", "scheduler"; nil when not recorded.
    public var madeBy: String?
    /// What made it: "import", "article.create", "article.edit", "article.publish", ...
    public var action: String?

    public init(
        articleID: Int64, number: Int, content: ArticleContent, createdAt: Date, status: ArticleStatus? = nil,
        madeBy: String? = nil, action: String? = nil
    ) {
        self.articleID = articleID
        self.number = number
        self.content = content
        self.createdAt = createdAt
        self.status = status
        self.madeBy = madeBy
        self.action = action
    }
}

/// The few fields a list of articles shows: enough for an edition, section or search page
/// without loading every body.
public struct ArticleSummary: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var slug: Slug
    public var headline: String
    public var summary: String?
    public var byline: String?
    public var dateline: String?
    public var section: Section
    public var language: String
    public var published: Timestamp
    public var updated: Timestamp?
    public var edition: EditionReference

    public init(
        id: Int64, slug: Slug, headline: String, summary: String?, byline: String?, dateline: String?,
        section: Section, language: String, published: Timestamp, updated: Timestamp?,
        edition: EditionReference
    ) {
        self.id = id
        self.slug = slug
        self.headline = headline
        self.summary = summary
        self.byline = byline
        self.dateline = dateline
        self.section = section
        self.language = language
        self.published = published
        self.updated = updated
        self.edition = edition
    }

    public init(_ article: Article) {
        self.init(
            id: article.id, slug: article.slug, headline: article.content.headline,
            summary: article.content.summary, byline: article.content.byline,
            dateline: article.content.dateline?.place, section: article.content.section,
            language: article.content.language, published: article.content.published,
            updated: article.content.updated, edition: article.content.edition)
    }
}
