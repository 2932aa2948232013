import Foundation

/// One condition a listing or a search puts on the articles it returns: what both stores turn
/// into SQL, each in its own dialect, so which query field filters how is said once.
public enum ArticleCondition: Hashable, Sendable {
    case status(ArticleStatus)
    case section(Slug)
    case topic(Slug)
    case author(Slug)
    case edition(EditionDate)
    /// Published at or after this instant.
    case publishedFrom(Date)
    /// Published before this instant.
    case publishedBefore(Date)
    /// Listed after this position, newest first: published earlier, or as early with a lower id.
    case after(ArticleCursor)
    /// Waiting for the scheduler (true), or not (false): the desk lists scheduled stories apart.
    case scheduled(Bool)
    /// First filed by this account (the maker of revision 1): a reporter's own stories.
    case filedBy(String)
    /// The headline holds this text, in any case: the desk's quick find, drafts included.
    case headlineContains(String)
    /// Filed after the story with this id (a higher id): what a repeat export's related boxes
    /// walk, as a box draws only on stories filed before its own.
    case filedAfter(Int64)
}

extension ArticleQuery {
    /// What the listing asks of an article, in the order the stores write it.
    public var conditions: [ArticleCondition] {
        [
            status.map(ArticleCondition.status), section.map(ArticleCondition.section),
            topic.map(ArticleCondition.topic), author.map(ArticleCondition.author),
            edition.map(ArticleCondition.edition), publishedFrom.map(ArticleCondition.publishedFrom),
            publishedBefore.map(ArticleCondition.publishedBefore), scheduled.map(ArticleCondition.scheduled),
            filedBy.map(ArticleCondition.filedBy), headlineContains.map(ArticleCondition.headlineContains),
            filedAfter.map(ArticleCondition.filedAfter),
        ].compactMap { $0 }
    }

    /// The conditions of one page of the listing: `conditions`, after the cursor when there is one.
    public var pageConditions: [ArticleCondition] {
        conditions + (cursor.map { [.after($0)] } ?? [])
    }

    /// The rows a page reads: one more than it shows, which says whether a next page exists
    /// (`ArticleList(reading:limit:)`).
    public var rowsToRead: Int { limit + 1 }

    /// The rows a page skips: `offset`, unless a cursor says where the page starts.
    public var rowsToSkip: Int { cursor == nil ? max(0, offset) : 0 }
}

extension SearchQuery {
    /// What a search asks of an article besides its words: published, narrowed as the reader chose.
    public var conditions: [ArticleCondition] {
        ArticleQuery(
            section: section, topic: topic, author: author, publishedFrom: publishedFrom,
            publishedBefore: publishedBefore, status: .published
        ).conditions
    }
}
