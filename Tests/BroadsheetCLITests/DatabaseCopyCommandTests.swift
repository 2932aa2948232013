import Broadsheet
import BroadsheetImages
import Foundation
import GRDB
import Testing

@testable import BroadsheetCLI
@testable import BroadsheetSQLite

@Suite("broadsheet db copy", .timeLimit(.minutes(10)))
struct DatabaseCopyCommandTests {
    /// The import tests' workspace with its two good articles imported, an account and a token.
    func filledWorkspace() async throws -> ImportCommandTests.Workspace {
        let workspace = try ImportCommandTests.Workspace()
        try FileManager.default.removeItem(at: workspace.copy.appendingPathComponent("broken.txt"))
        let importing = try #require(
            try BroadsheetCommand.parseAsRoot(
                ["import", "--db", workspace.database, "--timezone", "Asia/Karachi", workspace.copy.path])
                as? ImportCommand)
        var output = ""
        #expect(try await importing.execute(output: &output, showProgress: false) == 0)
        let store = try SQLiteStore(path: workspace.database)
        let root = Attribution(actor: "cli:root")
        _ = try await store.addUser(name: "amina", role: .editor, passwordHash: "$2b$12$synthetic", by: root)
        _ = try await store.addToken(
            NewToken(userName: "amina", label: "laptop", hash: String(repeating: "d4", count: 32), expiresAt: nil),
            by: root)
        try await store.close()
        return workspace
    }

    func copyCommand(_ arguments: [String]) throws -> DatabaseCommand.Copy {
        try #require(try BroadsheetCommand.parseAsRoot(["db", "copy"] + arguments) as? DatabaseCommand.Copy)
    }

    @Test func copiesAnArchiveAndChecksBothSides() async throws {
        let workspace = try await filledWorkspace()
        let target = workspace.root.appendingPathComponent("moved.sqlite").path
        var output = ""
        let status = try await copyCommand(["--from", workspace.database, "--to", target]).execute(
            output: &output, showProgress: false)
        #expect(status == 0, "\(output)")
        #expect(output.contains("Copied 1 account, 1 token, 2 articles, 2 audit entries"), "\(output)")
        #expect(output.contains("the publication's settings too"))
        #expect(output.contains("db check on the source: OK") && output.contains("db check on the target: OK"))
        #expect(output.contains("The copy is complete"))
        let revisions = try #require(output.split(separator: "\n").first { $0.hasPrefix("revisions") })
        #expect(revisions.split(separator: " ").map(String.init) == ["revisions", "2", "2"])

        let search = try #require(
            try BroadsheetCommand.parseAsRoot(["search", "--db", target, "kites"]) as? SearchCommand)
        var found = ""
        try await search.execute(output: &found)
        #expect(found.contains("Kite festival fills the sea front"), "the copy's search index is filled: \(found)")

        let check = try #require(
            try BroadsheetCommand.parseAsRoot(["db", "check", "--db", target]) as? DatabaseCommand.Check)
        var checked = ""
        #expect(try await check.execute(output: &checked) == 0)
        #expect(checked == "OK: 2 articles checked, no problems.\n")
    }

    /// Printed pages go with the archive, their regions with their stories, and their images to
    /// the target's folder; through PostgreSQL with no folder given, the command says where they stay.
    /// A copy of a thousand stories or more into SQLite leaves its headline index in one
    /// segment, as an import of them does, though it arrived in batches.
    @Test func aLargeCopyMergesTheTargetsHeadlineIndex() async throws {
        let workspace = try ImportCommandTests.Workspace()
        let file = try workspace.notices(SQLiteStore.storiesWorthTidying)
        let importing = try #require(
            try BroadsheetCommand.parseAsRoot(["import", "--db", workspace.database, "--format", "ninjs", file.path])
                as? ImportCommand)
        var output = ""
        #expect(try await importing.execute(output: &output, showProgress: false) == 0, "\(output)")
        let target = workspace.root.appendingPathComponent("moved.sqlite").path
        let status = try await copyCommand(["--from", workspace.database, "--to", target, "--batch-size", "100"])
            .execute(output: &output, showProgress: false)
        #expect(status == 0, "\(output)")
        let store = try SQLiteStore(path: target)
        #expect(try await store.database.read { db in try SQLiteStore.headlineIndexSegments(db) } == 1)
        try await store.close()
    }

    @Test func printedPagesAndTheirImagesGoWithTheArchive() async throws {
        let workspace = try ImportCommandTests.Workspace()
        let store = try SQLiteStore(path: workspace.database)
        try await store.migrate()
        let publication = try PublicationOptions.parse([]).publication(defaults: DemoEdition.settings)
        _ = try await DemoEdition.load(into: store, publication: publication)
        let printed = try await DemoEdition.printPages(
            into: store, publication: publication, images: PageImageFolder.beside(database: workspace.database))
        let day = try #require(try DemoEdition.editionDates().first)
        let regions = try await store.printedArticles(on: day)
        try await store.close()

        let target = workspace.root.appendingPathComponent("moved.sqlite").path
        var output = ""
        #expect(
            try await copyCommand(["--from", workspace.database, "--to", target]).execute(
                output: &output, showProgress: false) == 0, "\(output)")
        #expect(output.contains("\(printed.pages) printed pages"), "\(output)")
        #expect(output.contains("Copied \(printed.pages) page images to"), "\(output)")
        let copy = try SQLiteStore(path: target)
        #expect(try await copy.printedArticles(on: day) == regions)
        let images = PageImageFolder.beside(database: target)
        for page in try await copy.printedPages(on: day) {
            let address = try #require(page.image.flatMap(ImageAddress.init))
            #expect(try await images.check(address) == [], "page \(page.number)")
        }
        try await copy.close()

        let postgres = try await PostgresTestArchive()
        var onward = ""
        #expect(
            try await copyCommand(["--from", target, "--to", postgres.url]).execute(
                output: &onward, showProgress: false) == 0, "\(onward)")
        #expect(onward.contains("Page images stay in \(images.root.path)"), "\(onward)")
        try await postgres.drop()
    }

    /// The issue's move: a SQLite archive into PostgreSQL with one command, checked and searched
    /// there, and back into a new SQLite file.
    @Test func movesASQLiteArchiveToPostgreSQLAndBack() async throws {
        let workspace = try await filledWorkspace()
        let postgres = try await PostgresTestArchive()
        var output = ""
        let status = try await copyCommand(["--from", workspace.database, "--to", postgres.url]).execute(
            output: &output, showProgress: false)
        #expect(status == 0, "\(output)")
        #expect(output.contains("Copied 1 account, 1 token, 2 articles, 2 audit entries"), "\(output)")
        #expect(output.contains("db check on the target: OK") && output.contains("The copy is complete"))

        let check = try #require(
            try BroadsheetCommand.parseAsRoot(["db", "check", "--db", postgres.url]) as? DatabaseCommand.Check)
        var checked = ""
        #expect(try await check.execute(output: &checked) == 0)
        #expect(checked == "OK: 2 articles checked, no problems.\n")
        let search = try #require(
            try BroadsheetCommand.parseAsRoot(["search", "--db", postgres.url, "kites"]) as? SearchCommand)
        var found = ""
        try await search.execute(output: &found)
        #expect(found.contains("Kite festival fills the sea front"), "PostgreSQL's search finds the copy: \(found)")

        let back = workspace.root.appendingPathComponent("back.sqlite").path
        var returned = ""
        #expect(
            try await copyCommand(["--from", postgres.url, "--to", back]).execute(
                output: &returned, showProgress: false) == 0, "\(returned)")
        #expect(returned.contains("Copied 1 account, 1 token, 2 articles, 2 audit entries"), "\(returned)")
        let original = try SQLiteStore(path: workspace.database)
        let roundTrip = try SQLiteStore(path: back)
        for id in Int64(1)...2 {
            #expect(try await roundTrip.article(id: id) == (try await original.article(id: id)))
        }
        #expect(try await roundTrip.tokens() == (try await original.tokens()))
        try await original.close()
        try await roundTrip.close()
        try await postgres.drop()
    }

    @Test func aSecondRunContinuesAnInterruptedCopy() async throws {
        let workspace = try await filledWorkspace()
        let target = workspace.root.appendingPathComponent("moved.sqlite").path
        // The first run stops after its first article, as a killed process would.
        struct Stopped: Error {}
        let source = try SQLiteStore(path: workspace.database)
        let partial = try SQLiteStore(path: target)
        try await partial.migrate()
        await #expect(throws: Stopped.self) {
            _ = try await ArchiveCopier(from: source, to: partial, batchSize: 1).copy { progress in
                if progress.part == .articles { throw Stopped() }
            }
        }
        try await source.close()
        try await partial.close()

        var output = ""
        let status = try await copyCommand(["--from", workspace.database, "--to", target]).execute(
            output: &output, showProgress: false)
        #expect(status == 0, "\(output)")
        #expect(output.contains("Copied 0 accounts, 0 tokens, 1 article, 2 audit entries"), "\(output)")
        #expect(output.contains("Resumed an earlier copy: the target held 1 account, 1 token, 1 article already."))
        #expect(output.contains("The copy is complete"))
    }

    @Test func aSourceThatFailsItsCheckMakesTheExitStatusOne() async throws {
        let workspace = try await filledWorkspace()
        let source = try SQLiteStore(path: workspace.database)
        try await source.database.write { db in try db.execute(sql: "DELETE FROM articles_fts WHERE rowid = 2") }
        try await source.close()
        let target = workspace.root.appendingPathComponent("moved.sqlite").path
        var output = ""
        let status = try await copyCommand(["--from", workspace.database, "--to", target]).execute(
            output: &output, showProgress: false)
        #expect(status == 1)
        // The index is checked against the articles' text as a whole, and article by article.
        #expect(output.contains("db check on the source: 2 problems:\n  search index articles_fts differs"))
        #expect(output.contains("\n  article 2: missing from the search index"))
        #expect(output.contains("db check on the target: OK"), "the copy builds its own index: \(output)")
        #expect(!output.contains("The copy is complete"))
    }

    /// Why copying `workspace`'s archive into `other`'s is refused; fails the test when it is not.
    func refusal(from workspace: ImportCommandTests.Workspace, to other: ImportCommandTests.Workspace) async throws
        -> String
    {
        var output = ""
        do {
            _ = try await copyCommand(["--from", workspace.database, "--to", other.database]).execute(
                output: &output, showProgress: false)
        } catch let error as ArchiveCopyError {
            return "\(error)"
        }
        Issue.record("the copy was not refused: \(output)")
        return ""
    }

    @Test func refusesATargetHoldingAnotherArchive() async throws {
        let workspace = try await filledWorkspace()
        let other = try await filledWorkspace()
        let store = try SQLiteStore(path: other.database)
        try await store.removeUser(named: "amina", by: .scheduler)
        // SQLite gives the new account the freed id.
        _ = try await store.addUser(name: "bilal", role: .admin, passwordHash: nil, by: .scheduler)
        try await store.close()
        let message = try await refusal(from: workspace, to: other)
        #expect(message.contains("the target holds a different archive: its account 1 is 'bilal' (added "))
        #expect(message.contains("the source's is 'amina' (added "))
        #expect(message.contains("Copy into a new, empty database"))
    }

    @Test func theSameFilesImportedIntoAnotherArchiveAreNotACopy() async throws {
        let workspace = try await filledWorkspace()
        let other = try await filledWorkspace()
        let store = try SQLiteStore(path: other.database)
        try await store.database.write { db in
            try db.execute(sql: "DELETE FROM users")
            try db.execute(sql: "UPDATE articles SET created_at = created_at - 3600")
        }
        try await store.close()
        let message = try await refusal(from: workspace, to: other)
        #expect(message.contains("its article 1 is 'epaper:") && message.contains("(filed "), "\(message)")
    }

    @Test(arguments: [
        (["--from", "a.sqlite", "--to", "./a.sqlite"], "--from and --to name the same archive"),
        (["--from", "/nowhere/missing.sqlite", "--to", "b.sqlite"], "there is no such file"),
        (["--from", "a.sqlite", "--to", "b.sqlite", "--batch-size", "0"], "--batch-size must be at least 1"),
    ])
    func refusesWhatCannotBeACopy(arguments: [String], message: String) throws {
        #expect {
            _ = try BroadsheetCommand.parseAsRoot(["db", "copy"] + arguments)
        } throws: { error in
            BroadsheetCommand.message(for: error).contains(message)
        }
    }

    @Test func hidesAPasswordInAURL() {
        #expect(
            ArchiveLocation.shown("postgres://news:secret@db.example:5432/ledger")
                == "postgres://news:***@db.example:5432/ledger")
        #expect(ArchiveLocation.shown("./archive.sqlite") == "./archive.sqlite")
    }
}
