import Broadsheet

/// The printed pages and story regions of each edition date, read once while an export renders:
/// every story page shows where its story is printed, so each of an edition's stories read the
/// same two tables for its date, two of a story page's three waits on the database.
///
/// Bound for an export's run (`$current.withValue`), which reads the archive as of its start, as
/// `RelatedCandidateMemo` is; the server binds none, so each of its pages reads the archive as it
/// is now.
final class PrintedEditions: Sendable {
    @TaskLocal static var current: PrintedEditions?

    /// Each date's edition. Stories are rendered by date, so only the few dates being rendered
    /// need to be held.
    private let editions: SharedReads<EditionDate, PrintedEdition>

    init(capacity: Int = 64) {
        editions = SharedReads(capacity: capacity)
    }

    /// The edition of `date` as printed, read by `read` the first time.
    func edition(on date: EditionDate, orRead read: @escaping @Sendable () async throws -> PrintedEdition)
        async throws -> PrintedEdition
    {
        try await editions.value(for: date, orRead: read)
    }
}
