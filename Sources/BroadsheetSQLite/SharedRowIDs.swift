/// The ids of the rows articles share (sections, topics, authors, editions) that one write
/// transaction has looked up or created, so a batch of stories on the same days and beats asks
/// SQLite for each only once.
///
/// An article is saved in a savepoint of its own (`ArticleWriter.saveAlone`): the ids it learns
/// are trusted by the next articles only once its savepoint is kept, because a rolled-back row's
/// id no longer exists (and SQLite may hand it to another row).
final class SharedRowIDs {
    private var kept: [Key: Int64] = [:]
    private var article: [Key: Int64] = [:]

    enum Key: Hashable {
        case section(String), topic(String), author(String)
        case edition(publication: String, date: String, region: String)
    }

    subscript(key: Key) -> Int64? {
        kept[key] ?? article[key]
    }

    /// Notes an id the article being saved looked up or created.
    func note(_ key: Key, _ id: Int64) {
        article[key] = id
    }

    /// The article's savepoint was kept: its ids hold for the rest of the transaction.
    func keepArticle() {
        kept.merge(article) { old, _ in old }
        article = [:]
    }

    /// The article's savepoint was rolled back, or a new article begins.
    func dropArticle() {
        article = [:]
    }
}
