import Broadsheet
import GRDB

/// The text the full-text index reads for each article, taken from the article itself: the index
/// keeps no copy of its own (FTS5 "external content", migration `013_search_text_once`), so every
/// story's text is stored once. FTS5 reads it back for snippets and to take an article's words
/// out of the index, which must therefore happen before the article's row changes.
///
/// The body is `ArticleContent.bodyText` of the stored JSON, worked out by `article_body()` on
/// each connection. Its words were indexed from that same text, so a change to `bodyText` must
/// come with a migration that rebuilds the index (`INSERT INTO articles_fts (articles_fts)
/// VALUES ('rebuild')`), or old articles could not leave it cleanly.
enum ArticleSearchText {
    static let bodyFunction = DatabaseFunction("article_body", argumentCount: 1, pure: true) { values in
        guard let json = String.fromDatabaseValue(values[0]) else { return nil }
        return try ContentCoding.decode(json).bodyText
    }

    static func register(_ db: Database) {
        db.add(function: bodyFunction)
    }

    /// The view FTS5 reads, and the index rebuilt on it from the articles.
    static let schema = """
        CREATE VIEW article_search_text AS
            SELECT id, headline, coalesce(summary, '') AS summary, article_body(content) AS body FROM articles;
        DROP TABLE articles_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5 (
            headline, summary, body,
            content = 'article_search_text', content_rowid = 'id',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
        """
}
