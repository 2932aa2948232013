import Broadsheet
import Foundation
import Testing

@testable import BroadsheetCLI

/// `broadsheet import` on copy as it comes (legacy encodings, no identity, no date, no text, every
/// ninjs shape, CDATA), on both stores: every story a person could file goes in, each repair is a
/// warning with its file and line, a second import changes nothing, and `--strict` refuses them.
@Suite("Importing copy as it comes", .timeLimit(.minutes(10)))
struct LenientImportCommandTests {
    /// The fixtures `BroadsheetFormatsTests` reads, written by us in each shape real copy takes.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "BroadsheetFormatsTests/Fixtures/lenient")

    /// A copy of the fixtures and an empty archive beside them, removed afterwards.
    final class Workspace {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-lenient-\(UUID())")
        var copy: String { root.appendingPathComponent("copy").path }

        init() throws {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: LenientImportCommandTests.fixtures, to: URL(fileURLWithPath: copy))
        }

        func sqlite(_ name: String) -> String { root.appendingPathComponent(name).path }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    /// `--db` for a store kind, and how to drop the archive afterwards.
    private func archive(_ kind: String, _ name: String, in workspace: Workspace) async throws -> (
        database: String, drop: @Sendable () async throws -> Void
    ) {
        guard kind == "postgres" else { return (workspace.sqlite(name), {}) }
        let postgres = try await PostgresTestArchive()
        return (postgres.url, { try await postgres.drop() })
    }

    private func importing(_ arguments: [String]) async throws -> (Int32, String) {
        let parsed = try BroadsheetCommand.parseAsRoot(["import", "--timezone", "Asia/Karachi"] + arguments)
        let command = try #require(parsed as? ImportCommand)
        var output = ""
        let status = try await command.execute(output: &output, showProgress: false)
        return (status, output)
    }

    @Test(arguments: ["sqlite", "postgres"]) func everyClassGoesInWithWarningsAndOnlyOnce(kind: String) async throws {
        let workspace = try Workspace()
        let (database, drop) = try await archive(kind, "lenient.sqlite", in: workspace)
        let copy = workspace.copy

        let (status, output) = try await importing(["--db", database, copy])

        // The one item whose date is there but unreadable fails; the rest of its feed goes in.
        #expect(status == 1, "\(output)")
        #expect(
            output.contains(
                "Imported 29 articles from 17 files: 28 created, 0 updated, 0 unchanged, 1 failed, 24 warnings"),
            "\(output)")
        #expect(output.contains("\(copy)/undated-feed.xml:14: expected a publication date"), "\(output)")
        for line in [
            "\(copy)/undeclared-cp1252.xml:1: the document declares no encoding and is not UTF-8; read as Windows-1252",
            "\(copy)/utf8-declared-latin1.xml:1: the document declares the encoding 'ISO-8859-1' but is not in it; read as UTF-8",
            "\(copy)/undated-feed.xml:6: no date in the item's pubDate; dated from the document's date",
            "\(copy)/nitf-no-doc-id.xml:2: no date in head/docdata/date.issue's norm; dated from the time it was received",
            "\(copy)/newsml-briefs.xml:18: no text in contentSet; filed as a brief (picture)",
            "\(copy)/ninjs-shapes.jsonl:2: no text in bodies, body_html or body_text; filed as a brief (text)",
            "\(copy)/epaper-photo-caption.txt:1: took 'Two grey seals rest on the harbour steps at low tide. — Sana Mirza' "
                + "before the first paragraph as the picture's caption",
        ] {
            #expect(output.contains(line), "expected the warning \(line) in \(output)")
        }
        #expect(
            output.contains(
                "\(copy)/undated-feed.xml:10: no identifier in the item's guid or link; derived urn:broadsheet:derived:rss:"
            ))

        // Identity derived from the words, dates from the file's time: the same copy changes nothing.
        let (again, second) = try await importing(["--db", database, copy])
        #expect(again == 1)
        #expect(second.contains("0 created, 0 updated, 28 unchanged, 1 failed"), "\(second)")

        try await StoreOptions.parse(["--db", database]).withStore(migrating: false) { store async throws in
            let stored = try await store.articles(matching: ArticleQuery(limit: 100)).items
            let headlines = Set(stored.map(\.headline))
            for headline in [
                "Маяк снова светит", "Le ticket de bus passe à 2 €", "Łódź otwiera nowy przystań", "Паром снова ходит",
                "Café owners “pleased” with the new pier", "Les pêcheurs fêtent la saison",
                "Lifeboat crew called out twice", "School choir sings at the quay", "Seals rest on the harbour steps",
                "Lighthouse keeper retires after forty years", "Ferja går igjen etter stormen",
                "Fish & chips: the quay's \"best\" stall", "Tide tables printed early & free",
                "Night ferry adds a Sunday crossing", "Seals return to the harbour steps",
            ] {
                #expect(headlines.contains(headline), "\(headline) is missing from \(headlines.sorted())")
            }
            #expect(try await store.check().isEmpty)
        }
        try await drop()
    }

    @Test(arguments: ["sqlite", "postgres"]) func strictRefusesWhatHadToBeMended(kind: String) async throws {
        let workspace = try Workspace()
        let (database, drop) = try await archive(kind, "strict.sqlite", in: workspace)

        let (status, output) = try await importing(["--db", database, "--strict", workspace.copy])

        #expect(status == 1)
        #expect(
            output.contains("Imported 29 articles from 17 files: 12 created, 0 updated, 0 unchanged, 17 failed"),
            "\(output)")
        #expect(
            output.contains(
                "\(workspace.copy)/undeclared-cp1252.xml:1: refused under --strict: the document declares no encoding"),
            "\(output)")
        #expect(!output.contains("Warnings"), "\(output)")
        try await drop()
    }
}
