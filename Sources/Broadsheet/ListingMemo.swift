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

    public init(capacity: Int = 64) {
        listings = SharedReads(capacity: capacity)
    }

    /// The ids of the stories that meet `conditions`, newest first, read by `read` the first time.
    public func ids(
        of conditions: [ArticleCondition], orRead read: @escaping @Sendable () async throws -> [Int64]
    ) async throws -> [Int64] {
        try await listings.value(for: conditions, orRead: read)
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
