import Foundation

/// Where articles live. SQLite and PostgreSQL implement it, and one test suite runs on both.
///
/// Every write is one transaction per article: a failure leaves nothing half-written and
/// does not touch other articles.
public protocol ArticleStore: AccountStore {
    /// Creates or upgrades the schema; safe to call on every start.
    func migrate() async throws

    /// Files one version of a story, identified by `content.source.uri`.
    ///
    /// The same content again changes nothing; a newer version makes a new revision; an older
    /// one (by `versionInstant`) is reported as stale and ignored.
    func save(_ content: ArticleContent, status: ArticleStatus) async throws -> SaveOutcome

    /// Files several stories at once, each on its own: one that fails is rolled back alone and
    /// reported in its place (as does one that could not be prepared), the others are kept.
    /// Faster than one `save` each, as the batch shares one commit.
    func save(_ articles: [Result<PreparedArticle, StoreError>], status: ArticleStatus) async throws -> [Result<
        SaveOutcome, StoreError
    >]

    func article(id: Int64) async throws -> Article?
    func articles(matching query: ArticleQuery) async throws -> ArticleList
    func count(matching query: ArticleQuery) async throws -> Int
    /// Published articles matching a reader's search, best first (or newest first).
    func search(_ query: SearchQuery) async throws -> SearchResults

    /// Up to `limit` published stories like this one (`RelatedArticles` says how they are chosen).
    func related(to article: Article, limit: Int) async throws -> [ArticleSummary]

    /// The months that hold published articles, newest first: the monthly sitemaps.
    func archiveMonths() async throws -> [ArchiveMonth]
    /// Published articles with `interval.start <= published < interval.end`, oldest first
    /// (a stable order, so a month split over several sitemaps splits the same way each time).
    func articleStamps(publishedIn interval: DateInterval, limit: Int, offset: Int) async throws -> [ArticleStamp]

    /// Every stored version, oldest first.
    func revisions(ofArticle id: Int64) async throws -> [Revision]

    // The newsroom's workflow. Each call is one transaction with its audit entry and, when readers
    // could see a difference, a move of `archiveVersion`.

    /// Files a new story through the API as `status`; `StoreError.conflict` when its source URI is
    /// taken (an import would update it instead).
    func create(_ content: ArticleContent, status: ArticleStatus, by: Attribution) async throws -> Article
    /// Applies `change` to an article and returns it as stored afterwards.
    ///
    /// Throws `StoreError.notFound` when there is no such article, and `StoreError.conflict` when
    /// `expectedRevision` is given and the article has moved past it, or when the change does not
    /// apply to the article's status (see `ArticleChange`).
    func change(articleID: Int64, _ change: ArticleChange, expectedRevision: Int?, by: Attribution) async throws
        -> Article
    /// Publishes every draft scheduled at or before `date`, as `Attribution.scheduler`; returns the
    /// ids this call published. The update is conditional, so when several servers share the
    /// database each article is published by exactly one of them.
    func publishDue(at date: Date) async throws -> [Int64]

    /// Every edition with published articles, newest first.
    func editions() async throws -> [EditionSummary]
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
    func savePublicationSettings(_ settings: PublicationSettings) async throws

    /// A number that changes whenever anything in the archive changes, through any process:
    /// what servers poll to know their caches are out of date.
    func archiveVersion() async throws -> Int64

    /// The database's own integrity check plus the consistency of every article's derived data;
    /// empty when all is well.
    func check() async throws -> [StoreProblem]
    func stats() async throws -> StoreStats
    /// Closes connections; the store is unusable afterwards.
    func close() async throws
}

extension ArticleStore {
    /// One story is a batch of one.
    public func save(_ content: ArticleContent, status: ArticleStatus) async throws -> SaveOutcome {
        try await save([content], status: status)[0].get()
    }

    /// Prepares the stories here, then files them as a batch.
    public func save(_ contents: [ArticleContent], status: ArticleStatus) async throws -> [Result<
        SaveOutcome, StoreError
    >] {
        try await save(contents.map { $0.prepareForStore() }, status: status)
    }
}

/// What `ArticleStore.save` did with a version of a story.
public enum SaveOutcome: Hashable, Sendable {
    case created(id: Int64)
    case updated(id: Int64, revision: Int)
    case unchanged(id: Int64)
    /// The store already holds a newer version; this one was ignored.
    case stale(id: Int64, storedVersion: Date)

    public var articleID: Int64 {
        switch self {
        case .created(let id), .updated(let id, _), .unchanged(let id), .stale(let id, _): id
        }
    }
}

extension Result<SaveOutcome, StoreError> {
    /// Whether readers could see a difference: an article created or updated.
    public var changedArchive: Bool {
        switch self {
        case .success(.created), .success(.updated): true
        default: false
        }
    }
}

/// Filters for listing articles, newest first.
public struct ArticleQuery: Hashable, Sendable {
    public var section: Slug?
    public var topic: Slug?
    public var author: Slug?
    public var edition: EditionDate?
    /// Published at or after this instant.
    public var publishedFrom: Date?
    /// Published before this instant.
    public var publishedBefore: Date?
    /// nil lists every status (only the newsroom may ask for that).
    public var status: ArticleStatus?
    public var limit: Int
    /// Continue after this position (API); takes precedence over `offset`.
    public var cursor: ArticleCursor?
    /// Skip this many (numbered pages of the reader site).
    public var offset: Int

    public static let maximumLimit = 100

    public init(
        section: Slug? = nil, topic: Slug? = nil, author: Slug? = nil, edition: EditionDate? = nil,
        publishedFrom: Date? = nil, publishedBefore: Date? = nil, status: ArticleStatus? = .published,
        limit: Int = 20, cursor: ArticleCursor? = nil, offset: Int = 0
    ) {
        self.section = section
        self.topic = topic
        self.author = author
        self.edition = edition
        self.publishedFrom = publishedFrom
        self.publishedBefore = publishedBefore
        self.status = status
        self.limit = max(1, min(limit, Self.maximumLimit))
        self.cursor = cursor
        self.offset = max(0, offset)
    }
}

/// A page of a listing and where the next one starts.
public struct ArticleList: Hashable, Sendable {
    public var items: [ArticleSummary]
    public var nextCursor: ArticleCursor?

    public init(items: [ArticleSummary], nextCursor: ArticleCursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// A page from the rows a store read with `LIMIT limit + 1`: the extra row, when there is
    /// one, only says that a next page exists, and the cursor points after the page's last item.
    public init(reading rows: [ArticleSummary], limit: Int) {
        guard rows.count > limit else {
            self.init(items: rows, nextCursor: nil)
            return
        }
        let items = Array(rows.prefix(limit))
        self.init(
            items: items, nextCursor: items.last.map { ArticleCursor(published: $0.published.instant, id: $0.id) })
    }
}

/// A position in the newest-first order: stable under inserts, unlike an offset.
public struct ArticleCursor: Hashable, Sendable {
    public var published: Date
    public var id: Int64

    public init(published: Date, id: Int64) {
        self.published = published
        self.id = id
    }

    /// The opaque text clients pass back (`next_cursor`).
    public var encoded: String {
        let raw = "\(StoredTime.seconds(published)).\(id)"
        return Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a cursor back; nil when the text is not one of ours (nor could be: a time outside
    /// `ArchiveTime`, an id below 1, or more text than any cursor holds).
    public init?(encoded text: String) {
        guard text.utf8.count <= 64 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8) else { return nil }
        let parts = raw.split(separator: ".")
        guard parts.count == 2, let seconds = Int64(parts[0]), let id = Int64(parts[1]), id >= 1 else { return nil }
        let published = StoredTime.instant(seconds)
        guard ArchiveTime.contains(published) else { return nil }
        self.init(published: published, id: id)
    }
}

/// The editions either side of one, for "previous" and "next" links.
public struct EditionNeighbours: Hashable, Sendable {
    public var previous: EditionDate?
    public var next: EditionDate?

    public init(previous: EditionDate?, next: EditionDate?) {
        self.previous = previous
        self.next = next
    }
}

/// Something `ArticleStore.check` found wrong.
public struct StoreProblem: Hashable, Sendable, CustomStringConvertible {
    public var articleID: Int64?
    public var message: String

    public init(articleID: Int64? = nil, message: String) {
        self.articleID = articleID
        self.message = message
    }

    public var description: String {
        articleID.map { "article \($0): \(message)" } ?? message
    }
}

/// Counts for operators (`broadsheet db stats`).
public struct StoreStats: Hashable, Sendable {
    public var articlesByStatus: [ArticleStatus: Int]
    public var revisions: Int
    public var editions: Int
    public var sections: Int
    public var topics: Int
    public var authors: Int
    public var corrections: Int
    /// The size of the database on disk, when the store can tell.
    public var bytes: Int64?

    public init(
        articlesByStatus: [ArticleStatus: Int], revisions: Int, editions: Int, sections: Int, topics: Int,
        authors: Int, corrections: Int, bytes: Int64?
    ) {
        self.articlesByStatus = articlesByStatus
        self.revisions = revisions
        self.editions = editions
        self.sections = sections
        self.topics = topics
        self.authors = authors
        self.corrections = corrections
        self.bytes = bytes
    }

    public var articles: Int { articlesByStatus.values.reduce(0, +) }
}

/// Why a store could not do what it was asked.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The content breaks a rule of the model (an empty headline, say); names the field.
    case invalidContent(field: String, reason: String)
    /// The database refused or failed; `operation` says what we were doing.
    case database(operation: String, message: String)
    /// The database was written by a newer Broadsheet than this one.
    case schemaTooNew(found: String)
    /// No article, account or token is what was asked for; says which.
    case notFound(String)
    /// The change collides with what is stored: a taken name, a newer revision, a status the
    /// change does not apply to.
    case conflict(String)
    /// The account's role does not allow the change in the article's present state.
    case forbidden(String)

    public var description: String {
        switch self {
        case .invalidContent(let field, let reason): "invalid \(field): \(reason)"
        case .database(let operation, let message): "database error while \(operation): \(message)"
        case .schemaTooNew(let found):
            "the database schema (\(found)) is newer than this broadsheet; upgrade broadsheet"
        case .notFound(let what): "not found: \(what)"
        case .conflict(let message): "conflict: \(message)"
        case .forbidden(let message): "forbidden: \(message)"
        }
    }
}

extension ArticleContent {
    /// Checks the rules every stored article keeps, naming the first field that breaks one.
    public func validate() throws(StoreError) {
        if headline.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalidContent(field: "headline", reason: "must not be empty")
        }
        if source.uri.isEmpty { throw .invalidContent(field: "source.uri", reason: "must not be empty") }
        if section.name.trimmingCharacters(in: .whitespaces).isEmpty || section.slug.isEmpty {
            throw .invalidContent(field: "section", reason: "must have a name made of letters or digits")
        }
        if let topic = topics.first(where: { $0.slug.isEmpty }) {
            throw .invalidContent(field: "topics", reason: "'\(topic.name)' has no letter or digit")
        }
        if let author = authors.first(where: { $0.slug.isEmpty }) {
            throw .invalidContent(field: "authors", reason: "'\(author.name)' has no letter or digit")
        }
        if Slug(headline).isEmpty {
            throw .invalidContent(field: "headline", reason: "must contain at least one letter or digit")
        }
        if let field = fieldHoldingNUL {
            // PostgreSQL refuses NUL in text, and no copy needs one.
            throw .invalidContent(field: field, reason: "holds a NUL character")
        }
        try checkTime("published", published.instant)
        if let updated { try checkTime("updated", updated.instant) }
        if let page = edition.page, !PageReference.numbers.contains(page.number) {
            throw .invalidContent(
                field: "edition.page",
                reason: "must be a page number from 1 to \(PageReference.numbers.upperBound), found \(page.number)")
        }
    }

    /// The first text field holding a NUL character, named as the article JSON names it.
    private var fieldHoldingNUL: String? {
        let fields: [(String, [String])] = [
            ("headline", [headline]), ("summary", [summary ?? ""]), ("byline", [byline ?? ""]),
            ("authors", authors.map(\.name)),
            ("dateline", dateline.map { $0.places + [$0.date ?? "", $0.agency ?? ""] } ?? []),
            ("body", body.flatMap(\.texts)), ("section", [section.name]), ("topics", topics.map(\.name)),
            ("language", [language]),
            (
                "edition",
                [edition.publication, edition.region ?? "", edition.supplement ?? "", edition.page?.name ?? ""]
            ),
            ("source", [source.format, source.uri]),
        ]
        return fields.first { $0.1.contains { $0.utf8.contains(0) } }?.0
    }

    private func checkTime(_ field: String, _ instant: Date) throws(StoreError) {
        guard ArchiveTime.contains(instant) else {
            throw .invalidContent(field: field, reason: TimeOutOfRange(field: field, instant: instant).description)
        }
    }
}
