import Foundation
import Testing

@testable import BroadsheetCLI

/// `broadsheet export --format static`: the command's flags, its messages and `--check`'s list.
@Suite("broadsheet export --format static", .timeLimit(.minutes(10)))
struct StaticExportCommandTests {
    let exports = ExportCommandTests()

    @Test func aSiteIsWrittenAtTheBaseURLAndCheckedAfterwards() async throws {
        let workspace = try await exports.filledWorkspace()
        let site = workspace.root.appendingPathComponent("site")
        let (_, messages) = try await exports.export([
            "--db", workspace.database, "--format", "static", "--out", site.path, "--base-url",
            "https://copy.example",
        ])
        #expect(messages.contains("removed 0"), "\(messages)")
        #expect(messages.contains("Full export: the folder holds no finished export."), "\(messages)")
        let robots = try #require(FileManager.default.contents(atPath: site.appendingPathComponent("robots.txt").path))
        #expect(String(decoding: robots, as: UTF8.self).contains("Sitemap: https://copy.example/sitemap.xml"))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path))

        let (list, again) = try await exports.export([
            "--db", workspace.database, "--format", "static", "--out", site.path, "--base-url",
            "https://copy.example", "--check",
        ])
        #expect(list.isEmpty, "an unchanged archive would change: \(list)")
        #expect(again.contains("would write 0 new and 0 changed files"), "\(again)")
        #expect(again.contains("Incremental export: 0 stories changed since the last export."), "\(again)")

        let (moved, movedMessages) = try await exports.export([
            "--db", workspace.database, "--format", "static", "--out", site.path, "--base-url",
            "https://elsewhere.example", "--check",
        ])
        #expect(moved.split(separator: "\n").contains("~ robots.txt"), "\(moved)")
        #expect(movedMessages.contains("Full export: the look, the address"), "\(movedMessages)")
        let still = try #require(FileManager.default.contents(atPath: site.appendingPathComponent("robots.txt").path))
        #expect(still == robots, "--check wrote")
    }

    /// A story that comes says why the export renders more than the story: its listings. Filed
    /// after every other story, it is in no other story's related box.
    @Test func aNewStorysReachIsToldInTheMessages() async throws {
        let workspace = try await exports.filledWorkspace()
        let site = workspace.root.appendingPathComponent("site").path
        _ = try await exports.export(["--db", workspace.database, "--format", "static", "--out", site])
        var output = ""
        let status = try await exports.run([
            "import", "--db", workspace.database, "--format", "ninjs", try workspace.notices(1).path,
        ]).execute(output: &output, showProgress: false)
        try #require(status == 0, "\(output)")
        let (_, messages) = try await exports.export(["--db", workspace.database, "--format", "static", "--out", site])
        #expect(messages.contains("Incremental export: 1 story changed since the last export."), "\(messages)")
        #expect(
            messages.contains(
                "1 of them came, went or moved, which changed the first page of every listing it is in "
                    + "and no other story's related box."), "\(messages)")
    }

    @Test(arguments: [
        ["--format", "static", "--out", "-"], ["--format", "static", "--out", "site", "--edition", "2025-04-29"],
        ["--format", "jsonl", "--out", "x.jsonl", "--check"], ["--format", "jsonl", "--out", "x.jsonl", "--full"],
    ])
    func flagsAStaticSiteCannotTakeAreRefused(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try BroadsheetCommand.parseAsRoot(["export"] + arguments) }
    }
}
