import Broadsheet
import BroadsheetSQLite
import Foundation
import Testing

@testable import BroadsheetCLI

@Suite("Search from the command line, and the paper the archive remembers", .timeLimit(.minutes(10)))
struct SearchAndSettingsTests {
    func importedWorkspace(_ extra: [String] = []) async throws -> ImportCommandTests.Workspace {
        let workspace = try ImportCommandTests.Workspace()
        try FileManager.default.removeItem(at: workspace.copy.appendingPathComponent("broken.txt"))
        let command = try #require(
            try BroadsheetCommand.parseAsRoot(["import", "--db", workspace.database] + extra + [workspace.copy.path])
                as? ImportCommand)
        var output = ""
        #expect(try await command.execute(output: &output, showProgress: false) == 0)
        return workspace
    }

    @Test func aFlagGivenOnceIsRememberedByTheArchive() async throws {
        let workspace = try await importedWorkspace([
            "--timezone", "Asia/Karachi", "--publication", "The Harbour Times",
        ])
        let store = try SQLiteStore(path: workspace.database)
        let remembered = try await PublicationOptions.parse([]).publication(remembering: store)
        #expect(remembered.timeZone.identifier == "Asia/Karachi")
        #expect(remembered.name == "The Harbour Times")
        let overridden = try await PublicationOptions.parse(["--publication", "The Harbour Evening Times"]).publication(
            remembering: store)
        #expect(overridden.name == "The Harbour Evening Times")
        #expect(overridden.timeZone.identifier == "Asia/Karachi", "the other settings stay")
        #expect(try await store.publicationSettings().name == "The Harbour Evening Times")
        try await store.close()
    }

    @Test func searchPrintsHitsWithTheirMatchesMarked() async throws {
        let workspace = try await importedWorkspace(["--timezone", "Asia/Karachi"])
        let command = try #require(
            try BroadsheetCommand.parseAsRoot(["search", "--db", workspace.database, "kites"]) as? SearchCommand)
        var output = ""
        try await command.execute(output: &output)
        #expect(output.hasPrefix("1 results for kites\n"))
        #expect(output.contains("Kite festival fills the sea front"))
        #expect(output.contains("April 29, 2025 · News · AFP"), "dates in the remembered zone: \(output)")
        #expect(output.contains("[Kite]"), "matches are marked, stemmed: \(output)")
    }

    @Test func searchSpeaksJSONForScripts() async throws {
        let workspace = try await importedWorkspace()
        let command = try #require(
            try BroadsheetCommand.parseAsRoot(["search", "--db", workspace.database, "--json", "harbour"])
                as? SearchCommand)
        var output = ""
        try await command.execute(output: &output)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(json["total"] as? Int == 1)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.first?["headline"] as? String == "Harbour bridge reopens after repairs")
    }

    @Test func anEmptySearchIsRefusedWithAReason() async throws {
        let workspace = try await importedWorkspace()
        let command = try #require(
            try BroadsheetCommand.parseAsRoot(["search", "--db", workspace.database, "***"]) as? SearchCommand)
        var output = ""
        await #expect { try await command.execute(output: &output) } throws: { error in
            String(describing: error).contains("nothing to search for")
        }
    }
}
