import Broadsheet
import BroadsheetFormats

/// The entries of each listing's feeds while an export renders them, read and built once for its
/// three formats: RSS, Atom and JSON Feed show the same fifty stories, and each format read and
/// decoded them again, a quarter of the export's story reads at 100,000 stories.
///
/// Bound for an export's rendering (`$current.withValue`): its archive is read as of its start.
/// The server binds none, so each of its feeds reads the archive as it is now.
final class FeedMemo: Sendable {
    @TaskLocal static var current: FeedMemo?

    /// What a listing's feeds show, whatever their format.
    struct Content: Sendable {
        var entries: [FeedEntry]
        /// The surrogate keys of the stories shown.
        var keys: [String]
    }

    /// By listing, nil for the whole paper's. An export renders a listing's feeds together, so
    /// only the few it is between are held.
    private let contents = SharedReads<FeedScope?, Content>(capacity: 32)

    /// What the feeds of `scope` show, built by `build` the first time.
    func content(of scope: FeedScope?, orBuild build: @escaping @Sendable () async throws -> Content)
        async throws -> Content
    {
        try await contents.value(for: scope, orRead: build)
    }
}
