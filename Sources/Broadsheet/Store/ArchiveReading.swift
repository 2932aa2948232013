import Foundation

/// What readers can see of the archive: articles, editions, sections, search and the
/// publication's settings. The reader site, feeds, sitemaps and exports need nothing more, so
/// none of them can change what is stored.
public protocol ArchiveReading: Sendable {
    func article(id: Int64) async throws -> Article?
    /// The articles of `ids` that exist, in that order, read together: a book of an edition's
    /// fifty stories asked one at a time waited on the database fifty times.
    func articles(ids: [Int64]) async throws -> [Article]
    func articles(matching query: ArticleQuery) async throws -> ArticleList
    func count(matching query: ArticleQuery) async throws -> Int
    /// Published articles matching a reader's search, best first (or newest first).
    func search(_ query: SearchQuery) async throws -> SearchResults

    /// Up to `limit` published stories like this one (`RelatedArticles` says how they are chosen).
    func related(to article: Article, limit: Int) async throws -> [ArticleSummary]
    /// Makes the related boxes of `articles` in one read and keeps each in the export's memo
    /// (`RelatedCandidateMemo.current`) for its story's page, with what they drew on: asked page
    /// by page, three boxes in four waited on the database. Without a memo it reads nothing.
    ///
    /// `kept` holds boxes an earlier export made, by story, as the ids it showed in order: such a
    /// box is those stories' summaries, read together with the others, when every one of them is
    /// still published; else it is made again. An export passes them only when no story's weighed
    /// fields (`ExportLinks.weighedKey`) changed since, which leaves every box as it was.
    func readRelatedAhead(of articles: [Article], limit: Int, kept: [Int64: [Int64]]) async throws

    /// The months that hold published articles, newest first: the monthly sitemaps.
    func archiveMonths() async throws -> [ArchiveMonth]
    /// Published articles with `interval.start <= published < interval.end`, oldest first
    /// (a stable order, so a month split over several sitemaps splits the same way each time).
    func articleStamps(publishedIn interval: DateInterval, limit: Int, offset: Int) async throws -> [ArticleStamp]

    /// Every stored version, oldest first.
    func revisions(ofArticle id: Int64) async throws -> [Revision]

    /// Every edition with published articles, newest first.
    func editions() async throws -> [EditionSummary]
    /// The editions of one month with published articles, newest first: a monthly sitemap lists
    /// them without counting every edition of the archive.
    func editions(in month: CalendarMonth) async throws -> [EditionSummary]
    /// The newest edition that has published articles.
    func latestEditionDate() async throws -> EditionDate?
    /// An edition with its pages and published articles, or nil when it has none.
    func edition(on date: EditionDate) async throws -> Edition?
    /// The nearest editions before and after `date` that have published articles.
    func neighbours(of date: EditionDate) async throws -> EditionNeighbours

    func sections() async throws -> [TaxonomyCount<Section>]
    /// The sections that hold a published article, without counting them: what every page's
    /// navigation shows, so it must stay cheap at any archive size.
    func sectionsInUse() async throws -> [Section]
    func topics() async throws -> [TaxonomyCount<Topic>]
    func authors() async throws -> [TaxonomyCount<Author>]
    func section(slug: Slug) async throws -> Section?
    func topic(slug: Slug) async throws -> Topic?
    func author(slug: Slug) async throws -> Author?

    /// The publication's settings as last saved, empty when none were.
    func publicationSettings() async throws -> PublicationSettings

    /// A number that changes whenever anything in the archive changes, through any process:
    /// what servers poll to know their caches are out of date.
    func archiveVersion() async throws -> Int64
    /// What changed after `version` (an `archiveVersion` read earlier, before any of the reading
    /// it stands for), or nil when this archive cannot tell: `version` is ahead of it (another
    /// archive's, or one restored from an older copy).
    func changes(since version: Int64) async throws -> ArchiveChanges?
}

extension ArchiveReading {
    /// The related boxes of `articles` made afresh, none kept from an earlier export.
    public func readRelatedAhead(of articles: [Article], limit: Int) async throws {
        try await readRelatedAhead(of: articles, limit: limit, kept: [:])
    }
}
