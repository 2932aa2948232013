import Broadsheet
import BroadsheetImport
import BroadsheetSQLite
import Foundation

/// Runs `body` with an empty SQLite archive in a folder removed afterwards, and an importer for
/// `publication` filing into it.
func withImporter(
    for publication: Publication, _ body: (SQLiteStore, Importer) async throws -> Void
) async throws {
    let folder = try CopyFolder()
    let store = try SQLiteStore(path: folder.url.appendingPathComponent("archive.sqlite").path)
    try await store.migrate()
    try await body(store, Importer(store: store, publication: publication))
    try await store.close()
    withExtendedLifetime(folder) {}
}

/// A folder of synthetic e-paper copy written for a test and removed after it.
final class CopyFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    var path: String { url.path }

    static let harbourBridge = """
        E-Paper | April 29, 2025
        Harbour bridge reopens after repairs
        Traffic returns to the old crossing after six months.
        Our Staff Reporter Published April 29, 2025

        KARACHI: The old harbour bridge reopened to traffic on Monday.

        Engineers replaced forty bearings and repainted the whole span.

        Published in The Harbour Times, April 29th, 2025

        Metropolitan
        Transport
        """

    static let harbourBridgeUpdated = """
        E-Paper | April 29, 2025
        Harbour bridge reopens after repairs
        Traffic returns to the old crossing after six months.
        Our Staff Reporter Published April 29, 2025 Updated April 29, 2025 6:40pm

        KARACHI: The old harbour bridge reopened to traffic on Monday, two days ahead of schedule.

        Engineers replaced forty bearings and repainted the whole span.

        Published in The Harbour Times, April 29th, 2025

        Metropolitan
        Transport
        """

    static let kiteFestival = """
        E-Paper | April 29, 2025
        Kite festival fills the sea front
        AFP Published April 29, 2025 Updated April 29, 2025 10:32am

        KARACHI: Hundreds of families flew kites along the sea front on Sunday.

        Published in The Harbour Times, April 29th, 2025

        Culture
        """

    /// Starts straight with the body: no headline to be had.
    static let bodyOnly = """
        The council met on Tuesday and agreed to repaint every bench in the park before the summer holidays begin.

        Work starts next week.
        """
}
