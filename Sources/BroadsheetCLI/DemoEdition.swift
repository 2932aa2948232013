import Broadsheet
import BroadsheetImport
import Foundation

/// The bundled demo edition: fictional copy of "The Daily Ledger" in the e-paper text format,
/// so a new installation has something to show.
enum DemoEdition {
    static let publicationName = "The Daily Ledger"
    static let timeZone = "Asia/Karachi"
    static let settings = PublicationSettings(name: publicationName, timeZone: timeZone)

    /// The demo files in name order.
    static func files() throws -> [URL] {
        guard let folder = Bundle.module.url(forResource: "Demo", withExtension: nil) else {
            throw DemoError.missing
        }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Whether `store` holds no article at all, of any status.
    static func isEmpty(_ store: any ArchiveReading) async throws -> Bool {
        try await store.count(matching: ArticleQuery(status: nil)) == 0
    }

    /// Loads the demo into `store` if it holds no article yet; returns what happened.
    static func loadIfEmpty(into store: any ArchiveReading & ArticleFiling, publication: Publication) async throws
        -> ImportSummary?
    {
        guard try await isEmpty(store) else { return nil }
        return try await load(into: store, publication: publication)
    }

    /// Loads the demo whatever `store` holds.
    static func load(into store: any ArticleFiling, publication: Publication) async throws -> ImportSummary {
        let importer = Importer(store: store, publication: publication, format: .named(.epaper))
        var summary = ImportSummary()
        for file in try files() {
            summary.merge(
                await importer.importFile(named: "demo/\(file.lastPathComponent)", data: try Data(contentsOf: file)))
        }
        return summary
    }

    enum DemoError: Error, CustomStringConvertible {
        case missing
        var description: String { "the demo edition is missing from this build's resources" }
    }
}
