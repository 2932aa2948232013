import Broadsheet
import GRDB

/// The published stories of a topic or an author in a span of time, counted the cheaper way
/// round. A repeat export places each story that joined a listing by counting the listing's
/// stories published after it and in its second. Through the link table, every story of the
/// topic was looked up for its date: 20 ms a count for a topic of 25,000 at 500,000 stories, a
/// fifth of a day's export. Along the date index, the span's stories are read and each asked
/// whether it is linked, which costs the span's stories instead, a handful for a day's news.
/// Which way walks fewer rows is found by counting the span no further than the link table holds.
struct LinkedSpanCount {
    /// The two ways to count.
    enum Way: Equatable {
        /// The span's stories on `articles_newest`, each looked up in the link table.
        case alongDates
        /// The topic's or author's stories, each looked up for its date (`SQLiteStore.counting`).
        case throughLinks
    }

    private let link: StoryLink
    /// The status and the span, on `articles_newest`, which begins with both.
    private let span: ArticleFilter

    /// Nil unless the conditions are a topic's or an author's published stories in a span, and
    /// nothing else.
    init?(_ conditions: [ArticleCondition]) {
        func isDate(_ condition: ArticleCondition) -> Bool {
            switch condition {
            case .publishedFrom, .publishedBefore: true
            default: false
            }
        }
        guard let link = StoryLink.published(of: conditions, also: isDate), conditions.contains(where: isDate)
        else { return nil }
        self.link = link
        span = ArticleFilter(
            conditions.filter { condition in
                switch condition {
                case .topic, .author: false
                default: true
                }
            })
    }

    /// The cheaper way: along the dates when the span holds fewer of the archive's stories than
    /// the link table holds for the topic or author.
    func way(in db: Database) throws -> Way {
        let linked =
            try SQLRequest<Int>(
                literal: """
                    SELECT count(*) FROM \(sql: link.table)
                    WHERE \(sql: link.column) = (\(link.id))
                    """, cached: true
            ).fetchOne(db) ?? 0
        let inSpan =
            try SQLRequest<Int>(
                literal: """
                    SELECT count(*) FROM (
                        SELECT 1 FROM articles a INDEXED BY articles_newest WHERE \(span.sql) LIMIT \(linked))
                    """, cached: true
            ).fetchOne(db) ?? 0
        return inSpan < linked ? .alongDates : .throughLinks
    }

    /// The count along the dates (`Way.alongDates`).
    var alongDates: SQLRequest<Int> {
        SQLRequest(
            literal: """
                SELECT count(*) FROM articles a INDEXED BY articles_newest
                WHERE \(span.sql) AND EXISTS (
                    SELECT 1 FROM \(sql: link.table) l
                    WHERE l.\(sql: link.column) = (\(link.id))
                        AND l.article_id = a.id)
                """, cached: true)
    }
}

extension SQLiteStore {
    /// The stories `query` lists, counted on the index that walks fewer of them (`LinkedTotalCount`,
    /// `LinkedSpanCount`).
    static func count(_ query: ArticleQuery, in db: Database) throws -> Int {
        if let total = LinkedTotalCount(query.conditions) { return try total.request.fetchOne(db) ?? 0 }
        if let span = LinkedSpanCount(query.conditions), try span.way(in: db) == .alongDates {
            return try span.alongDates.fetchOne(db) ?? 0
        }
        return try counting(query).fetchOne(db) ?? 0
    }
}
