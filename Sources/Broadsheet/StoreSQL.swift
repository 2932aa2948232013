/// SQL that both stores write alike, said once: their schemas share table and column names, and
/// these statements use nothing either dialect lacks. Values are never part of this text; each
/// store binds them where a `?` stands, in its own way.
public enum StoreSQL {
    /// The columns an `ArticleSummary` is read from, on the article row `a` and `summaryJoins`.
    public static let summaryColumns = """
        a.id, a.slug, a.headline, a.summary, a.byline, a.dateline, a.language, a.supplement,
            a.published_at, a.published_precision, a.updated_at, a.updated_precision,
            s.name AS section_name, s.slug AS section_slug,
            e.publication, e.date AS edition_date, e.region, p.number AS page_number, p.name AS page_name
        """

    /// The rows `summaryColumns` reads besides the article's own.
    public static let summaryJoins = """
        JOIN sections s ON s.id = a.section_id
        JOIN editions e ON e.id = a.edition_id
        LEFT JOIN pages p ON p.id = a.page_id
        """

    /// What `RelatedArticles.Candidate` holds of a published article, in this order: id,
    /// headline, dateline, section slug, published (Unix seconds).
    public static let relatedCandidateSelect = relatedCandidateSelect(from: "articles a")

    /// `relatedCandidateSelect`, its articles read as `articles` says (a store may name an index).
    public static func relatedCandidateSelect(from articles: String) -> String {
        """
        SELECT a.id, a.headline, a.dateline, s.slug, a.published_at
        FROM \(articles) JOIN sections s ON s.id = a.section_id
        """
    }

    /// Every summary column, from the article row `a` and its joins.
    public static let summarySelect = "SELECT \(summaryColumns) FROM articles a \(summaryJoins)"

    /// An API token's columns with its owner's name, from `api_tokens t` and `users u`.
    public static let tokenSelect = """
        SELECT t.id, t.label, t.created_at, t.expires_at, t.revoked_at, u.name AS user_name
        FROM api_tokens t JOIN users u ON u.id = t.user_id
        """

    /// The days whose main edition has printed pages and that have a published article, newest first.
    /// Led by the printed pages, each day's stories looked up by edition: gathering every published
    /// story's day first read the whole archive on every call, with or without printed pages.
    public static let printedEditionDates = """
        SELECT e.date FROM editions e
        WHERE e.region = '' AND e.id IN (SELECT p.edition_id FROM printed_pages p)
            AND EXISTS (
                SELECT 1 FROM editions pe WHERE pe.date = e.date
                    AND EXISTS (SELECT 1 FROM articles a WHERE a.edition_id = pe.id AND a.status = 'published'))
        GROUP BY e.date ORDER BY e.date DESC
        """

    /// A value a condition compares with, as both stores keep it.
    public enum Value: Hashable, Sendable {
        case text(String)
        /// Whole numbers; instants as `StoredTime.seconds`.
        case integer(Int64)
    }

    /// The order of a listing, newest first, which `ArticleCondition.after` continues.
    public static let listingOrder = "ORDER BY a.published_at DESC, a.id DESC"

    /// `condition` on the article row `a`, with a `?` where each of `values` is bound, in order.
    /// `text` with LIKE's wildcards and its escape character taken literally.
    static func likePattern(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    public static func condition(_ condition: ArticleCondition) -> (sql: String, values: [Value]) {
        switch condition {
        case .status(let status): ("a.status = ?", [.text(status.rawValue)])
        case .section(let slug): ("a.section_id = (SELECT id FROM sections WHERE slug = ?)", [.text(slug.rawValue)])
        case .topic(let slug):
            (
                "a.id IN (SELECT article_id FROM article_topics WHERE topic_id = (SELECT id FROM topics WHERE slug = ?))",
                [.text(slug.rawValue)]
            )
        case .author(let slug):
            (
                "a.id IN (SELECT article_id FROM article_authors WHERE author_id = (SELECT id FROM authors WHERE slug = ?))",
                [.text(slug.rawValue)]
            )
        case .edition(let date): ("a.edition_id IN (SELECT id FROM editions WHERE date = ?)", [.text(date.iso)])
        case .publishedFrom(let instant): ("a.published_at >= ?", [.integer(StoredTime.seconds(instant))])
        case .publishedBefore(let instant): ("a.published_at < ?", [.integer(StoredTime.seconds(instant))])
        case .after(let cursor):
            (
                "(a.published_at < ? OR (a.published_at = ? AND a.id < ?))",
                [
                    .integer(StoredTime.seconds(cursor.published)), .integer(StoredTime.seconds(cursor.published)),
                    .integer(cursor.id),
                ]
            )
        case .scheduled(let scheduled): (scheduled ? "a.publish_at IS NOT NULL" : "a.publish_at IS NULL", [])
        case .filedBy(let name):
            (
                "EXISTS (SELECT 1 FROM revisions r WHERE r.article_id = a.id AND r.number = 1 AND r.made_by = ?)",
                [.text(name)]
            )
        case .headlineContains(let text):
            ("lower(a.headline) LIKE ? ESCAPE '\\'", [.text("%" + likePattern(text.lowercased()) + "%")])
        case .filedAfter(let id): ("a.id > ?", [.integer(id)])
        }
    }
}
