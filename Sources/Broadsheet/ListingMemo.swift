/// The stories of each listing a static export walks page by page, read once. A page read on its
/// own skips every row before it (`OFFSET`) and counts the listing again, so the pages of a
/// listing of n stories cost steps in n²: at 100,000 stories, a third of the export's time went
/// to the deep pages of the largest topics and authors.
///
/// Bound for a task tree (`ListingMemo.$current.withValue`) by a run that reads the archive as of
/// its start, as `RelatedCandidateMemo` is; the server binds none, so each of its pages reads the
/// archive as it is now.
public final class ListingMemo: Sendable {
    /// The memo the current task's listings use; nil outside an export.
    @TaskLocal public static var current: ListingMemo?

    /// Each listing's ids in listing order, by its conditions. An export renders a listing's
    /// pages one after another, so only the few it is between need to be held.
    private let listings: SharedReads<[ArticleCondition], [Int64]>
    /// The summaries of stretches of a listing's stories, by id, each read once for its pages.
    private let stretches: SharedReads<Stretch, [Int64: ArticleSummary]>

    /// A stretch of `stretchLength` stories of a listing, counted from its start.
    private struct Stretch: Hashable, Sendable {
        var conditions: [ArticleCondition]
        var index: Int
    }

    /// Ten pages of twenty stories.
    static let stretchLength = 200

    public init(capacity: Int = 64) {
        listings = SharedReads(capacity: capacity)
        stretches = SharedReads(capacity: capacity)
    }

    /// The ids of the stories that meet `conditions`, newest first, read by `read` the first time.
    public func ids(
        of conditions: [ArticleCondition], orRead read: @escaping @Sendable () async throws -> [Int64]
    ) async throws -> [Int64] {
        try await listings.value(for: conditions, orRead: read)
    }

    /// The summaries of the page of a listing that `query` asks for, in the page's order (a story
    /// `read` does not answer is left out); `ids` are all of the listing's, in its order. They are
    /// read with the rest of their stretch of the listing, ten pages at once, the first time a
    /// page of it asks, and the pages rendered together share that read: a read for each page was
    /// a wait on the database's thread for each listing page of an export.
    public func summaries(
        of query: ArticleQuery, in ids: [Int64],
        orRead read: @escaping @Sendable ([Int64]) async throws -> [ArticleSummary]
    ) async throws -> [ArticleSummary] {
        let page = query.page(of: ids)
        guard !page.isEmpty else { return [] }
        let start = min(query.rowsToSkip, ids.count)
        var found: [Int64: ArticleSummary] = [:]
        for index in (start / Self.stretchLength)...((start + page.count - 1) / Self.stretchLength) {
            let stretch = Array(ids[index * Self.stretchLength..<min((index + 1) * Self.stretchLength, ids.count)])
            let read = try await stretches.value(for: Stretch(conditions: query.conditions, index: index)) {
                Dictionary(try await read(stretch).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            }
            found.merge(read) { held, _ in held }
        }
        return page.compactMap { found[$0] }
    }
}

extension ArticleQuery {
    /// The ids this page of a listing reads (`rowsToSkip`, `rowsToRead`), from all of the
    /// listing's ids in its order; for a query without a cursor.
    public func page(of ids: [Int64]) -> [Int64] {
        let start = min(rowsToSkip, ids.count)
        return Array(ids[start..<min(start + rowsToRead, ids.count)])
    }
}
