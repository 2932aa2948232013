/// What a store derived from one article's stored content (its columns, links, revisions and
/// search entry), as read back: `ArticleStore.check` compares it with the content it came from,
/// which is the truth. Each store fills one per article; the rules live here, once.
public struct DerivedArticleData: Sendable {
    public var id: Int64
    /// The stored content, as the store's JSON.
    public var json: String
    public var headline: String
    public var slug: String
    public var sectionSlug: String
    public var editionDate: String
    /// In link order.
    public var topicSlugs: [String]
    public var authorSlugs: [String]
    public var revision: Int
    public var revisionCount: Int
    /// Whether the newest stored revision holds the current content.
    public var latestRevisionMatches: Bool
    /// The headline the search index holds; nil when the article is missing from it.
    public var indexedHeadline: String?
    /// The body text the search index holds, when the store keeps it apart from the content.
    public var indexedBody: String?

    public init(
        id: Int64, json: String, headline: String, slug: String, sectionSlug: String, editionDate: String,
        topicSlugs: [String], authorSlugs: [String], revision: Int, revisionCount: Int, latestRevisionMatches: Bool,
        indexedHeadline: String?, indexedBody: String? = nil
    ) {
        self.id = id
        self.json = json
        self.headline = headline
        self.slug = slug
        self.sectionSlug = sectionSlug
        self.editionDate = editionDate
        self.topicSlugs = topicSlugs
        self.authorSlugs = authorSlugs
        self.revision = revision
        self.revisionCount = revisionCount
        self.latestRevisionMatches = latestRevisionMatches
        self.indexedHeadline = indexedHeadline
        self.indexedBody = indexedBody
    }

    /// Everything that differs from the content, in words an operator can act on.
    public func problems() -> [StoreProblem] {
        func problem(_ message: String) -> StoreProblem { StoreProblem(articleID: id, message: message) }
        guard let content = try? ContentCoding.decode(json) else {
            return [problem("stored content is not readable JSON")]
        }
        var problems: [StoreProblem] = []
        if headline != content.headline { problems.append(problem("headline column differs from its content")) }
        if slug != Slug(content.headline).rawValue { problems.append(problem("slug does not match the headline")) }
        if sectionSlug != content.section.slug.rawValue {
            problems.append(problem("section link differs from its content"))
        }
        if editionDate != content.edition.date.iso { problems.append(problem("edition link differs from its content")) }
        if topicSlugs != Self.unique(content.topics.map(\.slug.rawValue)) {
            problems.append(problem("topic links differ from its content"))
        }
        if authorSlugs != Self.unique(content.authors.map(\.slug.rawValue)) {
            problems.append(problem("author links differ from its content"))
        }
        if revisionCount != revision {
            problems.append(problem("revision \(revision) but \(revisionCount) revisions stored"))
        }
        if !latestRevisionMatches { problems.append(problem("latest revision differs from the current content")) }
        switch indexedHeadline {
        case nil: problems.append(problem("missing from the search index"))
        case let indexed? where indexed != content.headline:
            problems.append(problem("search index holds an old headline"))
        default: break
        }
        if let indexedBody, indexedBody != content.bodyText {
            problems.append(problem("search index holds an old body"))
        }
        return problems
    }

    private static func unique(_ slugs: [String]) -> [String] {
        var seen = Set<String>()
        return slugs.filter { seen.insert($0).inserted }
    }
}
