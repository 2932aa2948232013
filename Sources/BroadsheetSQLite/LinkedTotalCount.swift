import Broadsheet
import GRDB

/// All the published stories of a topic or an author, counted on the link table's index: its
/// rows for the topic or author, less those of the stories not published, which are few and
/// found on `articles_newest`. Through the link table, each of the topic's stories was looked up
/// for its status: 20 ms for a topic of 25,000 at 500,000 stories, asked by every uncached topic
/// or author page and, in a repeat export, by every listing a story joined or left.
struct LinkedTotalCount {
    private let link: StoryLink

    /// Nil unless the conditions are a topic's or an author's published stories, and nothing else.
    init?(_ conditions: [ArticleCondition]) {
        guard let link = StoryLink.whole(of: conditions) else { return nil }
        self.link = link
    }

    /// The count. A story's links are one row each (the table's key), and go with the story.
    var request: SQLRequest<Int> {
        SQLRequest(
            literal: """
                SELECT (SELECT count(*) FROM \(sql: link.table) WHERE \(sql: link.column) = (\(link.id)))
                    - (SELECT count(*) FROM articles a INDEXED BY articles_newest
                       WHERE a.status IN \(StoryLink.unpublished) AND EXISTS (
                           SELECT 1 FROM \(sql: link.table) l
                           WHERE l.\(sql: link.column) = (\(link.id)) AND l.article_id = a.id))
                """, cached: true)
    }
}

extension StoryLink {
    /// The topic's or author's id, as a statement to put in brackets.
    var id: SQL { "SELECT id FROM \(sql: terms) WHERE slug = \(slug)" }
}
