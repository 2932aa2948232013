import Broadsheet
import BroadsheetImport
import BroadsheetSQLite
import Foundation
import Testing

@Suite("Importing copy into a store", .timeLimit(.minutes(10)))
struct ImporterTests {
    let publication = Publication(name: "The Harbour Times", timeZone: TimeZone(identifier: "Asia/Karachi")!)

    func withStore(_ body: (SQLiteStore, Importer) async throws -> Void) async throws {
        try await withImporter(for: publication, body)
    }

    /// The writer starts on a small batch, and each batch is written in less time than the next,
    /// twice its size, takes to read; then a thousand articles share a commit.
    @Test func theFirstBatchesAreSmallSoWritingStartsEarly() {
        #expect((0..<6).map(Importer.batchSize(afterSending:)) == [125, 250, 500, 1000, 1000, 1000])
        #expect(Importer.batchSize(afterSending: Int.max) == Importer.batchSize)
    }

    @Test func createsThenFindsTheSameCopyUnchanged() async throws {
        try await withStore { store, importer async throws in
            let first = await importer.importFile(named: "bridge.txt", data: Data(CopyFolder.harbourBridge.utf8))
            #expect(first.created == 1)
            #expect(first.succeeded)
            let again = await importer.importFile(named: "bridge.txt", data: Data(CopyFolder.harbourBridge.utf8))
            #expect(again.unchanged == 1)
            #expect(again.created == 0)
            #expect(try await store.stats().revisions == 1)
        }
    }

    @Test func aChangedFileMakesANewRevision() async throws {
        try await withStore { store, importer async throws in
            _ = await importer.importFile(named: "bridge.txt", data: Data(CopyFolder.harbourBridge.utf8))
            let changed = await importer.importFile(
                named: "bridge.txt", data: Data(CopyFolder.harbourBridgeUpdated.utf8))
            #expect(changed.updated == 1)
            let article = try #require(try await store.articles(matching: ArticleQuery()).items.first)
            #expect(try await store.revisions(ofArticle: article.id).count == 2)
            let older = await importer.importFile(named: "bridge-old.txt", data: Data(CopyFolder.harbourBridge.utf8))
            #expect(older.older.count == 1, "the first version is older than the stored one")
            #expect(older.older.first?.file == "bridge-old.txt")
            #expect(older.succeeded, "an older version is reported, not failed")
        }
    }

    @Test func aBadArticleFailsAloneWithItsLineAndTheOthersGoIn() async throws {
        try await withStore { store, importer async throws in
            let text =
                CopyFolder.kiteFestival + "\n\nE-Paper | April 29, 2025\n" + CopyFolder.bodyOnly + "\n\n"
                + CopyFolder.harbourBridge
            let summary = await importer.importFile(named: "day.txt", data: Data(text.utf8))
            #expect(summary.created == 2)
            #expect(summary.failed.count == 1)
            let failure = try #require(summary.failed.first)
            #expect(failure.file == "day.txt")
            #expect(failure.line == 12, "the body's first line, after the second E-Paper line")
            #expect(failure.reason.contains("headline"))
            #expect(try await store.stats().articles == 2)
            #expect(try await store.check().isEmpty)
        }
    }

    @Test func textThatIsNotUTF8IsRefused() async throws {
        try await withStore { store, importer async throws in
            let summary = await importer.importFile(
                named: "latin1.txt", data: Data([0x45, 0xE9, 0xFF, 0xFE, 0x00, 0xC3]))
            #expect(
                summary.failed.map(\.description) == [
                    "latin1.txt:1: not UTF-8 text at byte 2; save the file as UTF-8 and import it again"
                ])
            #expect(try await store.stats().articles == 0)
        }
    }

    @Test func aSuppliedHeadlineRescuesBodyOnlyCopy() async throws {
        try await withStore { store, importer async throws in
            var rescuing = importer
            rescuing.suppliedHeadline = "Park benches to be repainted"
            let text = "E-Paper | April 29, 2025\n" + CopyFolder.bodyOnly
            let summary = await rescuing.importFile(named: "benches.txt", data: Data(text.utf8))
            #expect(summary.created == 1)
            #expect(
                try await store.articles(matching: ArticleQuery()).items.first?.headline
                    == "Park benches to be repainted")
        }
    }

    @Test func summaryLineCountsEveryOutcome() {
        var summary = ImportSummary()
        summary.created = 3
        summary.unchanged = 2
        summary.failed = [ImportNotice(file: "a.txt", line: 4, reason: "expected a date")]
        #expect(summary.countsLine == "3 created, 0 updated, 2 unchanged, 1 failed")
        #expect(summary.failed.first?.description == "a.txt:4: expected a date")
        #expect(!summary.succeeded)
    }
}
