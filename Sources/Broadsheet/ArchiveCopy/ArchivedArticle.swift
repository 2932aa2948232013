import Foundation

/// An article with everything a store keeps of it, as `broadsheet db copy` moves it: the same id
/// (so `/news/<id>/…` links survive the move), every revision, the corrections and the links to
/// its edition, page, section, topics and authors as the source spells them.
///
/// Column values a store derives from `content` (the slug, the headline column, the search entry)
/// are not carried: the target derives them again, so `check` holds there as it did here.
public struct ArchivedArticle: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var status: ArticleStatus
    /// The number of the revision `content` is: the last of `revisions`.
    public var revision: Int
    public var content: ArticleContent
    public var links: ArticleLinks
    /// Every stored version, oldest first, with who made it and why.
    public var revisions: [Revision]
    public var corrections: [ArchivedCorrection]
    /// When a draft is due to be published on its own.
    public var publishAt: Date?
    /// The public note of a retraction; nil for a story withdrawn before readers saw it.
    public var retractionNote: String?
    /// When the article was retracted, note or no note.
    public var retractedAt: Date?
    /// When the store first filed the story, and when it last changed anything of it.
    public var createdAt: Date
    public var modifiedAt: Date
    /// Where the story was printed, when its edition's pages were imported.
    public var printed: PrintedArticle?

    public init(
        id: Int64, status: ArticleStatus, revision: Int, content: ArticleContent, links: ArticleLinks,
        revisions: [Revision], corrections: [ArchivedCorrection], publishAt: Date?, retractionNote: String?,
        retractedAt: Date?, createdAt: Date, modifiedAt: Date, printed: PrintedArticle? = nil
    ) {
        self.id = id
        self.status = status
        self.revision = revision
        self.content = content
        self.links = links
        self.revisions = revisions
        self.corrections = corrections
        self.publishAt = publishAt
        self.retractionNote = retractionNote
        self.retractedAt = retractedAt
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
        self.printed = printed
    }
}

/// A printed page with its words, as `broadsheet db copy` moves it: its id, and the
/// publication whose edition it belongs to. Its image is a file the copy names but does not move.
public struct ArchivedPrintedPage: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var publication: String
    public var page: PrintedPage
    public var words: [WordBox]

    public init(id: Int64, publication: String, page: PrintedPage, words: [WordBox]) {
        self.id = id
        self.publication = publication
        self.page = page
        self.words = words
    }
}

/// An archived article with its stored JSON encoded (the content's and each revision's, the
/// latest revision encoded once): what a store's `restore` makes before its write begins, as `save` does.
public struct EncodedArchivedArticle: Sendable {
    public let article: ArchivedArticle
    public let json: String
    /// Each revision's JSON, in the order of `article.revisions`.
    public let revisionJSON: [String]

    public init(_ article: ArchivedArticle) throws {
        self.article = article
        let json = try ContentCoding.encode(article.content)
        self.json = json
        revisionJSON = try article.revisions.map {
            $0.content == article.content ? json : try ContentCoding.encode($0.content)
        }
    }

    /// The batch's articles, encoded; none for a batch of another part.
    public static func encode(_ batch: ArchiveBatch) throws -> [EncodedArchivedArticle] {
        guard case .articles(let articles) = batch else { return [] }
        return try articles.map(EncodedArchivedArticle.init)
    }
}

/// Where an article is filed, as the store's shared rows name it: the first spelling of a section,
/// topic or author the store saw wins for every article, and a page keeps the last name it was given,
/// so these can differ from the article's own `content`.
public struct ArticleLinks: Hashable, Sendable {
    public var section: Section
    public var topics: [Topic]
    public var authors: [Author]
    /// The edition and page rows, with the article's supplement.
    public var edition: EditionReference

    public init(section: Section, topics: [Topic], authors: [Author], edition: EditionReference) {
        self.section = section
        self.topics = topics
        self.authors = authors
        self.edition = edition
    }
}

/// A correction with the id the store gave it, so a copy lists them in the same order.
public struct ArchivedCorrection: Hashable, Sendable {
    public var id: Int64
    public var correction: Correction

    public init(id: Int64, correction: Correction) {
        self.id = id
        self.correction = correction
    }
}

/// An API token as a copy moves it: the stored record and its SHA-256, so the holder's token keeps
/// working on the new store (the token itself was never stored).
public struct ArchivedToken: Hashable, Sendable {
    public var token: APIToken
    /// Lowercase hex SHA-256 of the token text.
    public var hash: String

    public init(token: APIToken, hash: String) {
        self.token = token
        self.hash = hash
    }
}
