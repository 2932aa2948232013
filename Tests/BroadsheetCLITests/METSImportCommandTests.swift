import Broadsheet
import BroadsheetTestSupport
import Foundation
import Testing

@testable import BroadsheetCLI

/// `broadsheet import ISSUE_FOLDER` and `broadsheet import BATCH_FOLDER`, end to end through the
/// command, on SQLite and on PostgreSQL.
@Suite("broadsheet import of METS issues and NDNP batches", .timeLimit(.minutes(10)))
struct METSImportCommandTests {
    typealias Workspace = ImportCommandTests.Workspace
    static let day = EditionDate(iso: PrintedIssueFixture.date)!

    private func importing(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let command = try #require(try BroadsheetCommand.parseAsRoot(["import"] + arguments) as? ImportCommand)
        var output = ""
        let status = try await command.execute(output: &output, showProgress: false)
        return (status, output)
    }

    /// The archive's `--db` (and `--images`) arguments for a store kind, and how to drop it.
    private func archive(_ kind: String, in workspace: Workspace) async throws -> (
        arguments: [String], drop: @Sendable () async throws -> Void
    ) {
        guard kind == "postgres" else { return (["--db", workspace.database], {}) }
        let postgres = try await PostgresTestArchive()
        let images = workspace.root.appendingPathComponent("images").path
        return (["--db", postgres.url, "--images", images], { try await postgres.drop() })
    }

    private func withStore<T>(_ arguments: [String], _ body: (any ArticleStore) async throws -> T) async throws -> T {
        try await StoreOptions.parse(arguments).withStore(migrating: false, body)
    }

    @Test(arguments: ["sqlite", "postgres"]) func anIssueFolderAndTextCopyImportTogetherAndAgain(kind: String)
        async throws
    {
        let workspace = try Workspace()
        let (database, drop) = try await archive(kind, in: workspace)
        let issue = workspace.root.appendingPathComponent("issue")
        try PrintedIssueFixture.writeIssue(in: issue)
        let kites = workspace.root.appendingPathComponent("kites.txt")
        try PrintedIssueFixture.kiteCopy.write(to: kites, atomically: true, encoding: .utf8)
        let arguments = database + ["--timezone", "UTC", kites.path, issue.path]

        let (status, output) = try await importing(arguments)

        #expect(status == 0, "\(output)")
        #expect(output.contains("Imported 1 articles from 1 files: 1 created"), "\(output)")
        #expect(output.contains("Filed 2 printed pages of 1 issue (2025-04-29) from 1 package"), "\(output)")
        #expect(output.contains("Articles from the METS: 2 created, 0 updated, 0 unchanged, 0 failed"), "\(output)")
        #expect(output.contains("Found 1 of 1 other stories on the pages"), "\(output)")

        let (again, second) = try await importing(arguments)
        #expect(again == 0, "\(second)")
        #expect(second.contains("Articles from the METS: 0 created, 0 updated, 2 unchanged, 0 failed"), "\(second)")
        try await withStore(database) { store async throws in
            #expect(try await store.printedPages(on: Self.day).map(\.width) == [120, 120])
            let placed = try await store.printedArticles(on: Self.day)
            #expect(placed.count == 3, "two METS articles and the kite story")
            #expect(placed.values.contains { $0.pages == [1, 2] }, "the continued article")
            #expect(try await store.stats().articles == 3)
        }
        try await drop()
    }

    @Test(arguments: ["sqlite", "postgres"]) func aBatchFolderFilesBothIssues(kind: String) async throws {
        let workspace = try Workspace()
        let (database, drop) = try await archive(kind, in: workspace)
        let batch = try PrintedIssueFixture.writeBatch(in: workspace.root.appendingPathComponent("batch"))

        let (status, output) = try await importing(database + [batch.deletingLastPathComponent().path])

        #expect(status == 0, "\(output)")
        #expect(output.contains("Filed 4 printed pages of 2 issues (2025-04-29, 2025-04-30)"), "\(output)")
        #expect(output.contains("Articles from the METS: 4 created"), "\(output)")
        try await withStore(database) { store async throws in
            #expect(try await store.printedPages(on: EditionDate(iso: "2025-04-30")!).count == 2)
        }
        try await drop()
    }

    @Test func editionOverridesTheDateOfOneIssue() async throws {
        let workspace = try Workspace()
        let mets = try PrintedIssueFixture.writeIssue(in: workspace.root.appendingPathComponent("issue"))
        let (status, output) = try await importing(["--db", workspace.database, "--edition", "2025-05-01", mets.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("of 1 issue (2025-05-01)"), "\(output)")
        try await withStore(["--db", workspace.database]) { store async throws in
            #expect(try await store.printedPages(on: EditionDate(iso: "2025-05-01")!).count == 2)
            #expect(try await store.printedPages(on: Self.day).isEmpty)
        }
    }

    @Test func editionIsRefusedForABatch() async throws {
        let workspace = try Workspace()
        let batch = try PrintedIssueFixture.writeBatch(in: workspace.root.appendingPathComponent("batch"))
        await #expect {
            _ = try await importing(["--db", workspace.database, "--edition", "2025-05-01", batch.path])
        } throws: { error in
            "\(error)".contains("a batch's issues carry their own")
        }
    }

    @Test func aBrokenIssueIsNamedAndFilesNothing() async throws {
        let workspace = try Workspace()
        let issue = workspace.root.appendingPathComponent("issue")
        try PrintedIssueFixture.writeIssue(in: issue, alterations: ["mets.xml": [("alto/0002.xml", "/srv/0002.xml")]])
        await #expect {
            _ = try await importing(["--db", workspace.database, issue.path])
        } throws: { error in
            "\(error)".contains("mets.xml:") && "\(error)".contains("'/srv/0002.xml' lies outside the folder")
        }
        try await withStore(["--db", workspace.database]) { store async throws in
            #expect(try await store.printedPages(on: Self.day).isEmpty)
        }
    }
}
