import Broadsheet
import Foundation
import GRDB
import Testing

@testable import BroadsheetCLI
@testable import BroadsheetSQLite

@Suite("The broadsheet command line", .timeLimit(.minutes(10)))
struct ImportCommandTests {
    /// A folder holding two good articles and one broken file, and an empty archive beside it.
    final class Workspace {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-cli-\(UUID().uuidString)")
        var copy: URL { root.appendingPathComponent("copy") }
        var database: String { root.appendingPathComponent("archive.sqlite").path }

        init() throws {
            try FileManager.default.createDirectory(
                at: copy.appendingPathComponent("inside"), withIntermediateDirectories: true)
            try write("bridge.txt", Copy.bridge)
            try write("inside/kites.txt", Copy.kites)
            try write("broken.txt", Copy.broken)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func write(_ name: String, _ text: String) throws {
            try text.write(to: copy.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        /// `count` short ninjs stories as JSON lines, beside the copy folder: for a large import.
        func notices(_ count: Int) throws -> URL {
            let lines = (1...count).map { number in
                #"{"uri": "urn:desk.example:notice-\#(number)", "headline": "Harbour notice \#(number) for ferries", "#
                    + #""body_text": "The ferry keeps its winter timetable.", "firstcreated": "2025-04-29T08:00:00Z"}"#
            }
            let file = root.appendingPathComponent("notices.jsonl")
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            return file
        }
    }

    enum Copy {
        static let bridge = """
            E-Paper | April 29, 2025
            Harbour bridge reopens after repairs
            Our Staff Reporter Published April 29, 2025 Updated April 29, 2025 10:32am

            KARACHI: The old harbour bridge reopened to traffic on Monday.

            Published in The Harbour Times, April 29th, 2025

            Metropolitan
            """
        static let kites = """
            E-Paper | April 29, 2025
            Kite festival fills the sea front
            AFP Published April 29, 2025

            KARACHI: Hundreds of families flew kites along the sea front on Sunday.
            """
        static let broken = """
            E-Paper | April 31, 2025
            A headline on a day that never was
            Our Staff Reporter Published April 31, 2025

            Body text.
            """
    }

    func importCommand(_ arguments: [String]) throws -> ImportCommand {
        let parsed = try BroadsheetCommand.parseAsRoot(["import"] + arguments)
        return try #require(parsed as? ImportCommand)
    }

    @Test func importsAFolderAndReportsTheBrokenFile() async throws {
        let workspace = try Workspace()
        let command = try importCommand(["--db", workspace.database, "--timezone", "Asia/Karachi", workspace.copy.path])
        var output = ""
        let status = try await command.execute(output: &output, showProgress: false)
        #expect(status == 1, "a failure makes the exit status non-zero")
        #expect(
            output.contains("Imported 3 articles from 3 files: 2 created, 0 updated, 0 unchanged, 1 failed"),
            "got \(output)")
        #expect(
            output.contains("\(workspace.copy.path)/broken.txt:1: "), "the failure names the file and line: \(output)")
        #expect(output.contains("April 31, 2025"), "and says what it could not read")

        let again = try await command.execute(output: &output, showProgress: false)
        #expect(again == 1)
        #expect(output.contains("0 created, 0 updated, 2 unchanged, 1 failed"))

        try FileManager.default.removeItem(at: workspace.copy.appendingPathComponent("broken.txt"))
        var clean = ""
        #expect(try await command.execute(output: &clean, showProgress: false) == 0)
        #expect(clean.contains("0 created, 0 updated, 2 unchanged, 0 failed"))
    }

    /// An import of a thousand stories or more leaves the headline index every related box looks
    /// up in one segment (`tidySearchIndexes`).
    @Test func aLargeImportMergesTheHeadlineIndex() async throws {
        let workspace = try Workspace()
        let file = try workspace.notices(SQLiteStore.storiesWorthTidying)
        var output = ""
        let status = try await importCommand(["--db", workspace.database, "--format", "ninjs", file.path])
            .execute(output: &output, showProgress: false)
        #expect(status == 0, "\(output)")
        #expect(output.contains("\(SQLiteStore.storiesWorthTidying) created"), "\(output)")
        let store = try SQLiteStore(path: workspace.database)
        #expect(try await store.database.read { db in try SQLiteStore.headlineIndexSegments(db) } == 1)
        try await store.close()
    }

    @Test func readsTimesInTheGivenZone() async throws {
        let workspace = try Workspace()
        var output = ""
        _ = try await importCommand([
            "--db", workspace.database, "--timezone", "Asia/Karachi",
            workspace.copy.appendingPathComponent("bridge.txt").path,
        ])
        .execute(output: &output, showProgress: false)
        let store = try SQLiteStore(path: workspace.database)
        let article = try #require(try await store.articles(matching: ArticleQuery()).items.first)
        #expect(article.updated?.instant == ISO8601DateFormatter().date(from: "2025-04-29T05:32:00Z"))
        try await store.close()
    }

    @Test func aMissingPathIsAFailure() async throws {
        let workspace = try Workspace()
        var output = ""
        let status = try await importCommand(["--db", workspace.database, "/no/such/copy"]).execute(
            output: &output, showProgress: false)
        #expect(status == 1)
        #expect(output.contains("/no/such/copy: no such file or folder"))
    }

    @Test func anUnknownTimeZoneIsRejectedByName() async throws {
        let workspace = try Workspace()
        var output = ""
        await #expect {
            try await importCommand(["--db", workspace.database, "--timezone", "Mars/Olympus", workspace.copy.path])
                .execute(output: &output, showProgress: false)
        } throws: { error in
            String(describing: error).contains("Mars/Olympus")
        }
    }

    @Test func checkSaysOKOnAFreshImportAndNamesProblemsOtherwise() async throws {
        let workspace = try Workspace()
        var output = ""
        _ = try await importCommand(["--db", workspace.database, workspace.copy.path]).execute(
            output: &output, showProgress: false)
        let check = try #require(
            try BroadsheetCommand.parseAsRoot(["db", "check", "--db", workspace.database]) as? DatabaseCommand.Check)
        var report = ""
        #expect(try await check.execute(output: &report) == 0)
        #expect(report == "OK: 2 articles checked, no problems.\n")

        let store = try SQLiteStore(path: workspace.database)
        try await store.database.write { db in try db.execute(sql: "DELETE FROM articles_fts") }
        try await store.close()
        var broken = ""
        #expect(try await check.execute(output: &broken) == 1)
        #expect(broken.contains("missing from the search index"))
    }
}
