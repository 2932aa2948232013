/// What changed in the archive after a given `archiveVersion`: what lets a static export render
/// again only the pages a day's work touched, instead of the whole archive.
///
/// Each store notes the change as its rows are written, in the same transaction (triggers), so
/// no path that writes can forget to; a subject is noted once, with the version it last changed at.
public struct ArchiveChanges: Sendable, Hashable {
    /// Articles written, published, retracted or corrected (any status).
    public var articles: Set<Int64>
    /// Editions whose printed pages or page names changed.
    public var editions: Set<EditionDate>
    /// Something every page may show changed: the publication's settings, or the name of a
    /// section, topic or author.
    public var everything: Bool

    public init(articles: Set<Int64> = [], editions: Set<EditionDate> = [], everything: Bool = false) {
        self.articles = articles
        self.editions = editions
        self.everything = everything
    }

    /// Gathers the `(kind, key)` rows a store reads from its `archive_changes` table; a row no
    /// version of the schema writes counts as a change to everything.
    public init(rows: some Sequence<(kind: String, key: String)>) {
        self.init()
        for row in rows {
            switch row.kind {
            case "article":
                if let id = Int64(row.key) { articles.insert(id) } else { everything = true }
            case "edition":
                if let date = EditionDate(iso: row.key) { editions.insert(date) } else { everything = true }
            default:
                everything = true
            }
        }
    }
}
