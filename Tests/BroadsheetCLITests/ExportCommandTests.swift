import Broadsheet
import Foundation
import Testing

@testable import BroadsheetCLI
@testable import BroadsheetSQLite

@Suite("broadsheet export", .timeLimit(.minutes(10)))
struct ExportCommandTests {
    typealias Workspace = ImportCommandTests.Workspace

    /// A workspace whose archive holds the bridge and kites stories (the broken file removed).
    func filledWorkspace() async throws -> Workspace {
        let workspace = try Workspace()
        try FileManager.default.removeItem(at: workspace.copy.appendingPathComponent("broken.txt"))
        var output = ""
        let status = try await run([
            "import", "--db", workspace.database, "--timezone", "Asia/Karachi", workspace.copy.path,
        ])
        .execute(output: &output, showProgress: false)
        try #require(status == 0, "\(output)")
        return workspace
    }

    func run(_ arguments: [String]) throws -> ImportCommand {
        try #require(try BroadsheetCommand.parseAsRoot(arguments) as? ImportCommand)
    }

    func export(_ arguments: [String]) async throws -> (output: String, messages: String) {
        let command = try #require(try BroadsheetCommand.parseAsRoot(["export"] + arguments) as? ExportCommand)
        var output = ""
        var messages = ""
        try await command.execute(output: &output, messages: &messages)
        return (output, messages)
    }

    func contents(_ database: String) async throws -> [String: ArticleContent] {
        let store = try SQLiteStore(path: database)
        var contents: [String: ArticleContent] = [:]
        try await store.forEachArticle(matching: ArticleQuery(status: nil)) {
            contents[$0.content.headline] = $0.content
        }
        try await store.close()
        return contents
    }

    /// `--out` naming a directory is refused, whether it was one when the command was read or
    /// became one before the export was written; the directory and its files stay as they were.
    @Test(.timeLimit(.minutes(10)))
    func anOutputThatIsADirectoryIsRefusedAndKept() async throws {
        let workspace = try await filledWorkspace()
        let folder = workspace.root.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let kept = folder.appendingPathComponent("last-week.jsonl")
        try Data("last week's export".utf8).write(to: kept)
        do {
            _ = try await export(["--db", workspace.database, "--format", "jsonl", "--out", folder.path])
            Issue.record("an export onto a directory went ahead")
        } catch {
            let message = BroadsheetCommand.message(for: error)
            #expect(message.contains("--out \(folder.path): is a directory"), "\(message)")
        }

        let later = workspace.root.appendingPathComponent("later")
        let command = try #require(
            try BroadsheetCommand.parseAsRoot([
                "export", "--db", workspace.database, "--format", "jsonl", "--out", later.path,
            ]) as? ExportCommand)
        try FileManager.default.createDirectory(at: later, withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: later.appendingPathComponent("note.txt"))
        var output = ""
        var messages = ""
        await #expect(throws: (any Error).self) { try await command.execute(output: &output, messages: &messages) }
        #expect(try String(contentsOf: kept, encoding: .utf8) == "last week's export")
        #expect(try String(contentsOf: later.appendingPathComponent("note.txt"), encoding: .utf8) == "kept")
    }

    @Test func jsonLinesExportImportsIntoAnotherArchiveAsTheSameArticles() async throws {
        let workspace = try await filledWorkspace()
        let file = workspace.root.appendingPathComponent("out/archive.jsonl").path
        try FileManager.default.createDirectory(
            at: workspace.root.appendingPathComponent("out"), withIntermediateDirectories: true)
        let (_, messages) = try await export(["--db", workspace.database, "--format", "jsonl", "--out", file])
        #expect(messages == "Exported 2 articles as jsonl to \(file)\n")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)

        let second = workspace.root.appendingPathComponent("second.sqlite").path
        var output = ""
        let status = try await run(["import", "--db", second, "--timezone", "Asia/Karachi", file]).execute(
            output: &output, showProgress: false)
        #expect(status == 0, "\(output)")
        #expect(output.contains("2 created"))
        let original = try await contents(workspace.database)
        let copied = try await contents(second)
        #expect(Set(copied.keys) == Set(original.keys))
        for (headline, content) in original {
            var expected = content
            expected.source.format = "ninjs"
            #expect(copied[headline] == expected, "\(headline)")
        }
        let again = try await run(["import", "--db", second, file]).execute(output: &output, showProgress: false)
        #expect(again == 0)
        #expect(output.contains("0 created, 0 updated, 2 unchanged"))
    }

    @Test func ninjsGoesToStandardOutputAsOneArray() async throws {
        let workspace = try await filledWorkspace()
        let (output, messages) = try await export(["--db", workspace.database, "--format", "ninjs", "--out", "-"])
        let documents = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(documents.count == 2)
        #expect(documents.allSatisfy { ($0["uri"] as? String)?.hasPrefix("epaper:") == true })
        #expect(messages == "Exported 2 articles as ninjs to standard output\n")
    }

    @Test func anEPaperExportOfAnEditionReimportsUnchanged() async throws {
        let workspace = try await filledWorkspace()
        let file = workspace.root.appendingPathComponent("edition.txt").path
        _ = try await export([
            "--db", workspace.database, "--format", "epaper", "--edition", "2025-04-29", "--out", file,
        ])
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.components(separatedBy: "E-Paper | April 29, 2025").count == 3)
        let store = try SQLiteStore(path: workspace.database)
        let order = try #require(try await store.edition(on: EditionDate(year: 2025, month: 4, day: 29)!)).articles
        try await store.close()
        let positions = order.map { text.range(of: "\n" + $0.headline + "\n")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "reading order, as printed")
        var output = ""
        let status = try await run(["import", "--db", workspace.database, file]).execute(
            output: &output, showProgress: false)
        #expect(status == 0)
        #expect(output.contains("0 created, 0 updated, 2 unchanged"), "\(output)")
    }

    @Test func filtersSelectTheArticles() async throws {
        let workspace = try await filledWorkspace()
        let later = try await export([
            "--db", workspace.database, "--format", "jsonl", "--since", "2025-04-30", "--out", "-",
        ])
        #expect(later.output.isEmpty)
        #expect(later.messages.hasPrefix("Exported 0 articles"))
        let drafts = try await export([
            "--db", workspace.database, "--format", "jsonl", "--status", "draft", "--out", "-",
        ])
        #expect(drafts.output.isEmpty)
        let one = try await export(["--db", workspace.database, "--format", "epaper", "--article", "1", "--out", "-"])
        #expect(one.output.hasPrefix("E-Paper | April 29, 2025\n"))
        #expect(one.messages.hasPrefix("Exported 1 article as epaper"))
        await #expect(throws: (any Error).self) {
            _ = try await export(["--db", workspace.database, "--format", "epaper", "--article", "999", "--out", "-"])
        }
    }

    @Test func importTakesEveryFormatFromAFolder() async throws {
        let workspace = try Workspace()
        try FileManager.default.removeItem(at: workspace.copy.appendingPathComponent("broken.txt"))
        try workspace.write(
            "wire.jsonl",
            #"{"uri": "urn:wire.example:1", "headline": "Gull Island pier opens", "body_text": "It opened.", "firstcreated": "2026-03-20T08:00:00Z"}"#
                + "\n")
        try workspace.write(
            "inside/swim.md", "---\ntitle: Harbour swim\ndate: 2026-03-23\ndraft: true\n---\nCold water.\n")
        var output = ""
        let status = try await run(["import", "--db", workspace.database, workspace.copy.path]).execute(
            output: &output, showProgress: false)
        #expect(status == 0, "\(output)")
        #expect(output.contains("Imported 4 articles from 4 files: 4 created"), "\(output)")
        let store = try SQLiteStore(path: workspace.database)
        #expect(try await store.stats().articlesByStatus[.draft] == 1, "the Markdown draft")
        try await store.close()
    }

    @Test(arguments: [
        ["--format", "ninjs", "--edition", "29-04-2025", "--out", "-"],
        ["--format", "ninjs", "--status", "gone", "--out", "-"],
        ["--format", "xml", "--out", "-"],
        ["--format", "ninjs"],
    ])
    func badFlagsAreRefused(arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try BroadsheetCommand.parseAsRoot(["export"] + arguments) }
    }
}
