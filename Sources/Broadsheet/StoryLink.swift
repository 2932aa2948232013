/// The table linking stories to a topic or an author, and the topic or author a count asks of
/// it: both stores count a topic's or an author's stories on the link table's index rather than
/// looking each story up (`StoryLink.whole(of:)`).
public struct StoryLink: Sendable {
    public var table: String
    public var column: String
    /// The table of topics or authors, where `slug` names the one counted.
    public var terms: String
    public var slug: String

    public static func topic(_ slug: Slug) -> Self {
        StoryLink(table: "article_topics", column: "topic_id", terms: "topics", slug: slug.rawValue)
    }

    public static func author(_ slug: Slug) -> Self {
        StoryLink(table: "article_authors", column: "author_id", terms: "authors", slug: slug.rawValue)
    }

    /// The topic or author whose published stories, all of them, `conditions` ask for; nil when
    /// they ask anything else.
    public static func whole(of conditions: [ArticleCondition]) -> StoryLink? {
        published(of: conditions, also: { _ in false })
    }

    /// The topic or author whose published stories `conditions` ask for, when each of their other
    /// conditions is one that `also` takes; nil otherwise.
    public static func published(of conditions: [ArticleCondition], also: (ArticleCondition) -> Bool) -> StoryLink? {
        var link: StoryLink?
        var published = false
        for condition in conditions {
            switch condition {
            case .topic(let slug) where link == nil: link = .topic(slug)
            case .author(let slug) where link == nil: link = .author(slug)
            case .status(.published): published = true
            case let other where also(other): continue
            default: return nil
            }
        }
        return published ? link : nil
    }

    /// The statuses of stories not published, which are few: a total is the link table's rows
    /// less those of these stories. Named, not `<> 'published'`, so that an index beginning with
    /// the status reads each as a range.
    public static let unpublished = ArticleStatus.allCases.filter { $0 != .published }.map(\.rawValue)
}
