import Foundation
import Testing
import ZIPFoundation

@testable import BroadsheetImport

@Suite("Packing ZIP files", .timeLimit(.minutes(10)))
struct ZIPWriterTests {
    /// 3 May 2025 14:07:36 UTC.
    let modified = Date(timeIntervalSince1970: 1_746_281_256)

    @Test func entriesReadBackWithTheirBytesMethodsAndNames() throws {
        let story = Data(String(repeating: "<p>The ferry to the north quay leaves at seven.</p>\n", count: 200).utf8)
        var zip = try ZIPWriter(modified: modified)
        try zip.add("mimetype", Data("application/epub+zip".utf8), stored: true)
        try zip.add("EPUB/articles/1.xhtml", story, stored: false)
        try zip.add("EPUB/empty.css", Data(), stored: false)
        try zip.add("EPUB/نقشہ.xhtml", Data("<p>نقشہ</p>".utf8), stored: false)
        let packed = try zip.finish()

        let archive = try Archive(data: packed, accessMode: .read)
        let entries = Array(archive)
        #expect(entries.map(\.path) == ["mimetype", "EPUB/articles/1.xhtml", "EPUB/empty.css", "EPUB/نقشہ.xhtml"])
        #expect(entries.map { $0.isCompressed } == [false, true, true, true])
        #expect(entries[1].compressedSize < entries[1].uncompressedSize / 10)
        var contents: [Data] = []
        for entry in entries {
            var bytes = Data()
            // Extracting checks each entry's CRC-32 against its bytes.
            _ = try archive.extract(entry, consumer: { bytes.append($0) })
            contents.append(bytes)
        }
        #expect(contents == [Data("application/epub+zip".utf8), story, Data(), Data("<p>نقشہ</p>".utf8)])
        // The EPUB container's rule: `mimetype` first, stored, its name at byte 30.
        #expect(packed.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        #expect(String(decoding: packed[30..<38], as: UTF8.self) == "mimetype")
    }

    @Test func theSameEntriesPackToTheSameBytes() throws {
        func pack() throws -> Data {
            var zip = try ZIPWriter(modified: modified)
            try zip.add("a.txt", Data("tide tables".utf8), stored: false)
            try zip.add("b.txt", Data("harbour fees".utf8), stored: false)
            return try zip.finish()
        }
        #expect(try pack() == pack())
    }

    /// MS-DOS time: two-second steps, years from 1980; an earlier instant reads as 1 January 1980.
    @Test func timesAreWrittenInMSDOSFields() {
        let (time, date) = ZIPWriter.dosTime(modified)
        #expect(time >> 11 == 14 && (time >> 5) & 0x3F == 7 && time & 0x1F == 18)
        #expect(date >> 9 == 45 && (date >> 5) & 0xF == 5 && date & 0x1F == 3)
        #expect(ZIPWriter.dosTime(Date(timeIntervalSince1970: 0)) == (0, 1 << 5 | 1))
    }
}
