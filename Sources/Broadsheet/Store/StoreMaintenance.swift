import Foundation

/// What an operator does to the database itself: its schema, the publication's settings, its
/// health and closing it. Only the command line asks for this role.
public protocol StoreMaintenance: Sendable {
    /// Creates or upgrades the schema; safe to call on every start.
    func migrate() async throws

    func savePublicationSettings(_ settings: PublicationSettings) async throws

    /// The database's own integrity check plus the consistency of every article's derived data;
    /// empty when all is well.
    func check() async throws -> [StoreProblem]
    func stats() async throws -> StoreStats
    /// Brings the search indexes into the shape their lookups are fastest on, once an import has
    /// filed `count` stories: `broadsheet import` asks when it is done. Cheap next to the import.
    func tidySearchIndexes(afterFiling count: Int) async throws
    /// Closes connections; the store is unusable afterwards.
    func close() async throws
}
