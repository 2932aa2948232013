import Broadsheet

extension PostgresStore {
    /// Nothing to do once an import is over: its batches already keep the planner's statistics
    /// and the text index's pending entries in step (`PostgresPlannerStatistics`), and a GIN
    /// index has no segments to merge.
    public func tidySearchIndexes(afterFiling count: Int) async throws {}
}
