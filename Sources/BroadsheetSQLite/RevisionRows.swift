import Broadsheet
import GRDB

/// Reading revisions, whose copy is NULL while it is the article's current one (migration
/// `012_current_copy_once`): every reader goes through here, so none sees the NULL.
enum RevisionRows {
    /// The revisions' columns with each copy filled in; the caller adds its `WHERE` and `ORDER BY`
    /// on `r`, the revisions.
    static let select = """
        SELECT r.article_id, r.number, coalesce(r.content, a.content) AS content, r.created_at, r.status,
            r.made_by, r.action
        FROM revisions r JOIN articles a ON a.id = r.article_id
        """

    static func revision(_ row: Row) throws -> Revision {
        Revision(
            articleID: try row.decode(forColumn: "article_id"), number: try row.decode(forColumn: "number"),
            content: try ContentCoding.decode(try row.decode(forColumn: "content")),
            createdAt: StoredTime.instant(try row.decode(forColumn: "created_at")),
            status: (try row.decode(String?.self, forColumn: "status")).flatMap(ArticleStatus.init(rawValue:)),
            madeBy: try row.decode(forColumn: "made_by"), action: try row.decode(forColumn: "action"))
    }
}
