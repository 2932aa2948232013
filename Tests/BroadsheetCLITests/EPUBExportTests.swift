import Broadsheet
import BroadsheetSQLite
import BroadsheetTestSupport
import Foundation
import Testing

@testable import BroadsheetCLI

/// `broadsheet export --format epub`: books that Debian's epubcheck (the reference checker of the
/// EPUB specification) passes with no error and no warning. `scripts/test` installs it.
@Suite("broadsheet export --format epub", .timeLimit(.minutes(10)))
struct EPUBExportTests {
    typealias Workspace = ImportCommandTests.Workspace

    /// Debian's epubcheck is a jar (its /usr/bin link relies on binfmt_misc, which a container
    /// may lack), so it is run through java.
    static let epubcheck = "/usr/share/java/epubcheck.jar"
    static let java = "/usr/bin/java"

    /// An Urdu story of ours, for a book read right to left.
    static let urdu = """
        E-Paper | November 24, 2026
        بندرگاہ پر نئی کشتی سروس کا آغاز
        Our Staff Reporter Published November 24, 2026

        کراچی: بندرگاہ کے حکام نے پیر کے روز شہریوں کے لیے ایک نئی کشتی سروس شروع کی۔ یہ کشتی صبح سات بجے سے رات نو بجے تک ہر گھنٹے چلے گی۔

        حکام کا کہنا ہے کہ کرایہ کم رکھا گیا ہے تاکہ طلبہ اور مزدور آسانی سے سفر کر سکیں۔

        Published in The Harbour Times, November 24th, 2026

        Metropolitan

        """

    private func export(_ arguments: [String]) async throws -> String {
        let command = try #require(try BroadsheetCommand.parseAsRoot(["export"] + arguments) as? ExportCommand)
        var output = ""
        var messages = ""
        try await command.execute(output: &output, messages: &messages)
        return messages
    }

    /// What epubcheck says of a book: nil when it passes with no error and no warning.
    private func check(_ book: URL) async throws -> String? {
        guard FileManager.default.fileExists(atPath: Self.epubcheck),
            FileManager.default.isExecutableFile(atPath: Self.java)
        else {
            Issue.record("\(Self.epubcheck) is missing: run scripts/test, which installs Debian's epubcheck")
            return "epubcheck is missing"
        }
        let ending = try await RunningProgram.run(URL(fileURLWithPath: Self.java), ["-jar", Self.epubcheck, book.path])
        let said = String(decoding: ending.output + ending.errors, as: UTF8.self)
        let clean =
            ending.status == 0 && !said.contains("WARNING") && !said.contains("ERROR") && !said.contains("FATAL")
        return clean ? nil : said
    }

    @Test func theDemoEditionIsABookEpubcheckPasses() async throws {
        let workspace = try Workspace()
        let store = try SQLiteStore(path: workspace.database)
        try await store.migrate()
        _ = try await DemoEdition.load(into: store, publication: Publication(name: "The Daily Ledger"))
        try await store.close()
        let book = workspace.root.appendingPathComponent("ledger-2026-11-24.epub")

        let messages = try await export([
            "--db", workspace.database, "--format", "epub", "--edition", "2026-11-24", "--out", book.path,
        ])

        #expect(messages.contains("Exported 7 articles as epub"))
        let bytes = try Data(contentsOf: book)
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(bytes.dropFirst(30).prefix(28) == Data("mimetypeapplication/epub+zip".utf8), "stored, first")
        #expect(try await check(book) == nil)
    }

    @Test func anUrduEditionIsABookReadRightToLeft() async throws {
        let workspace = try Workspace()
        let file = workspace.root.appendingPathComponent("urdu.txt")
        try Self.urdu.write(to: file, atomically: true, encoding: .utf8)
        let importing = try #require(
            try BroadsheetCommand.parseAsRoot([
                "import", "--db", workspace.database, "--language", "ur", "--publication", "The Harbour Times",
                file.path,
            ]) as? ImportCommand)
        var output = ""
        #expect(try await importing.execute(output: &output, showProgress: false) == 0, "\(output)")
        let book = workspace.root.appendingPathComponent("urdu.epub")

        _ = try await export([
            "--db", workspace.database, "--format", "epub", "--edition", "2026-11-24", "--out", book.path,
        ])

        #expect(try await check(book) == nil)
    }

    @Test(arguments: [
        (["--format", "epub", "--out", "book.epub"], "--edition"),
        (["--format", "epub", "--edition", "2026-11-24", "--out", "-"], "binary file"),
        (["--format", "epub", "--edition", "2026-11-24", "--article", "3", "--out", "b.epub"], "--article"),
    ])
    func aBookIsOneEditionWrittenToAFile(arguments: [String], named: String) async throws {
        #expect {
            _ = try BroadsheetCommand.parseAsRoot(["export"] + arguments)
        } throws: { error in
            BroadsheetCommand.message(for: error).contains(named)
        }
    }

    @Test func aDayWithoutAnEditionIsNamed() async throws {
        let workspace = try Workspace()
        let store = try SQLiteStore(path: workspace.database)
        try await store.migrate()
        try await store.close()
        let book = workspace.root.appendingPathComponent("none.epub")
        await #expect {
            _ = try await export([
                "--db", workspace.database, "--format", "epub", "--edition", "2026-01-05", "--out", book.path,
            ])
        } throws: { error in
            "\(error)".contains("2026-01-05")
        }
        #expect(!FileManager.default.fileExists(atPath: book.path), "no half book left behind")
    }
}
