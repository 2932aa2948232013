import Broadsheet
import BroadsheetFormats
import Foundation
import Testing
import ZIPFoundation

@testable import BroadsheetImport

/// A book made again takes its unchanged stories' documents from the earlier book, and the result
/// is the book it would have made whole.
@Suite("Making a book again from an earlier one", .timeLimit(.minutes(10)))
struct EarlierBookTests {
    let publication = Publication(name: "The Harbour Times", timeZone: TimeZone(identifier: "Asia/Karachi")!)
    let day = EditionDate(iso: "2025-04-29")!

    /// Each file of a ZIP by path, read back through ZIPFoundation (which checks each CRC-32).
    private func files(_ book: Data) throws -> [String: String] {
        let archive = try Archive(data: book, accessMode: .read)
        var files: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry, consumer: { bytes.append($0) })
            files[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return files
    }

    @Test func aBookMadeAgainEqualsTheBookMadeWhole() async throws {
        try await withImporter(for: publication) { store, importer async throws in
            let day = CopyFolder.harbourBridge + "\n\n" + CopyFolder.kiteFestival
            #expect(await importer.importFile(named: "day.txt", data: Data(day.utf8)).created == 2)
            let exporter = Exporter(store: store, publication: publication, format: .epub)
            let earlier = try await exporter.book(of: self.day).bytes
            let bridge = try #require(
                try await store.articles(matching: ArticleQuery()).items.first { $0.headline.hasPrefix("Harbour") })
            // A later version: its text and its time (the book's date) change.
            let update = await importer.importFile(
                named: "bridge.txt", data: Data(CopyFolder.harbourBridgeUpdated.utf8))
            #expect(update.updated == 1)

            let whole = try await exporter.book(of: self.day)
            let again = try await exporter.book(
                of: self.day, reusing: try #require(EarlierBook(bytes: earlier, changed: [bridge.id])))
            #expect(again.articles == 2)
            #expect(again.bytes == whole.bytes)
            #expect(
                try files(again.bytes)[EPUBWriter.documentPath(of: bridge.id)]?.contains("ahead of schedule") == true)

            // Told that nothing changed, the book keeps the earlier document: it was taken, not written.
            let stale = try await exporter.book(of: self.day, reusing: EarlierBook(bytes: earlier, changed: []))
            let document = try files(stale.bytes)[EPUBWriter.documentPath(of: bridge.id)] ?? ""
            #expect(document.contains("reopened to traffic on Monday.") && !document.contains("ahead of schedule"))
        }
    }

    /// Stories the caller has in hand (a full export's walk has just read them) are written as
    /// they are, not read again: here one in hand differs from the stored one, and the book
    /// shows the one in hand.
    @Test func aBookTakesTheStoriesInHand() async throws {
        try await withImporter(for: publication) { store, importer async throws in
            let day = CopyFolder.harbourBridge + "\n\n" + CopyFolder.kiteFestival
            #expect(await importer.importFile(named: "day.txt", data: Data(day.utf8)).created == 2)
            let exporter = Exporter(store: store, publication: publication, format: .epub)
            let summary = try #require(
                try await store.articles(matching: ArticleQuery()).items.first { $0.headline.hasPrefix("Harbour") })
            var inHand = try #require(try await store.article(id: summary.id))
            inHand.content.body = [.paragraph("The copy the walk read, and no other.")]

            let book = try await exporter.book(of: self.day, having: [inHand.id: inHand])
            #expect(book.articles == 2)
            let files = try files(book.bytes)
            let document = try #require(files[EPUBWriter.documentPath(of: inHand.id)])
            #expect(document.contains("The copy the walk read") && !document.contains("reopened to traffic"))
            // The other story was read from the store as before.
            #expect(files.values.contains { $0.contains("Kite festival fills the sea front") })
        }
    }

    @Test func aPackedFileIsWrittenAsItWasPacked() throws {
        let modified = Date(timeIntervalSince1970: 1_746_281_256)
        var zip = try ZIPWriter(modified: modified)
        try zip.add("mimetype", Data("application/epub+zip".utf8), stored: true)
        try zip.add(
            "EPUB/articles/7.xhtml", Data(String(repeating: "<p>Tide tables.</p>\n", count: 90).utf8), stored: false)
        try zip.add("EPUB/نقشہ.xhtml", Data("<p>نقشہ</p>".utf8), stored: false)
        let packed = try zip.finish()
        let earlier = try #require(EarlierBook(bytes: packed, changed: [9]))
        #expect(earlier.files.keys.sorted() == ["EPUB/articles/7.xhtml", "EPUB/نقشہ.xhtml"], "deflated files only")
        #expect(earlier.document(of: 7) == earlier.files["EPUB/articles/7.xhtml"])

        var again = try ZIPWriter(modified: modified)
        try again.add("mimetype", Data("application/epub+zip".utf8), stored: true)
        for path in ["EPUB/articles/7.xhtml", "EPUB/نقشہ.xhtml"] {
            try again.add(path, packed: try #require(earlier.files[path]))
        }
        #expect(try again.finish() == packed)
    }

    @Test func aBookWhoseLayoutIsDamagedIsNotTaken() throws {
        var zip = try ZIPWriter(modified: Date(timeIntervalSince1970: 1_746_281_256))
        try zip.add("EPUB/articles/1.xhtml", Data("<p>Ferry times.</p>".utf8), stored: false)
        let packed = try zip.finish()
        #expect(EarlierBook(bytes: packed, changed: []) != nil)
        #expect(EarlierBook(bytes: packed.dropLast(), changed: []) == nil, "cut short")
        #expect(EarlierBook(bytes: Data("a book of ferry times".utf8), changed: []) == nil, "not a ZIP")
        var pointingOutside = packed
        // The directory entry's local header offset, past the end.
        let directory = packed.count - 22 - (46 + "EPUB/articles/1.xhtml".utf8.count)
        pointingOutside.replaceSubrange((directory + 42)..<(directory + 46), with: [0xFF, 0xFF, 0x00, 0x00])
        #expect(EarlierBook(bytes: pointingOutside, changed: []) == nil, "a header pointing outside")
        #expect(EarlierBook(bytes: packed, changed: [1])?.document(of: 1) == nil, "a changed story is written again")
    }
}
