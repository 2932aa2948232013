import Foundation
import Testing

@testable import BroadsheetWeb

/// The tables a repeat export reads its records into answer as the dictionaries they replaced
/// did: the last line for a name wins, a name can be gone and come back, and no name is taken
/// for another that shares its hash slot or its first bytes.
@Suite("An export record's table", .timeLimit(.minutes(10)))
struct ExportRecordTableTests {
    /// Lines `name value` (or `name` alone for gone), read into a table beside a dictionary fed the
    /// same lines; the two must agree on every name asked.
    private static func read(_ lines: [String]) throws -> (ExportRecordTable, [String: String]) {
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        var table = try #require(ExportRecordTable(bytes: bytes, capacity: lines.count))
        var expected: [String: String] = [:]
        for (line, text) in zip(ExportRecordFile.lines(of: bytes), lines) {
            if let space = line.firstIndex(of: UInt8(ascii: " ")) {
                table.set(name: line.startIndex..<space, value: (space + 1)..<line.endIndex)
                let parts = text.split(separator: " ", maxSplits: 1)
                expected[String(parts[0])] = String(parts[1])
            } else {
                table.set(name: line.startIndex..<line.endIndex, value: nil)
                expected[text] = nil
            }
        }
        return (table, expected)
    }

    private static func value(of name: String, in table: ExportRecordTable) -> String? {
        table.value(of: name).map { String(decoding: table.bytes[$0], as: UTF8.self) }
    }

    @Test func theLastLineForANameWins() throws {
        let (table, expected) = try Self.read([
            "news/1/index.html one", "news/12/index.html twelve", "news/1/index.html one again",
            "topics/شہر/index.html city", "news/12/index.html", "news/12/index.html twelve back",
            "gone/index.html there", "gone/index.html",
        ])
        #expect(table.count == expected.count && table.count == 3)
        for name in ["news/1/index.html", "news/12/index.html", "topics/شہر/index.html", "gone/index.html"] {
            #expect(Self.value(of: name, in: table) == expected[name], "\(name)")
        }
        // Names that begin like one held, or that one held begins like, are not it.
        for name in ["news/1", "news/1/index.htm", "news/1/index.html/", "", "news/12/index.html "] {
            #expect(table.value(of: name) == nil, "\(name.debugDescription)")
        }
        var seen: [String: String] = [:]
        table.forEach { name, value in
            seen[String(decoding: name, as: UTF8.self)] = String(decoding: table.bytes[value], as: UTF8.self)
            return true
        }
        #expect(seen == expected)
        #expect(Set(table.names { $0.first == UInt8(ascii: "n") }) == ["news/1/index.html", "news/12/index.html"])
    }

    /// Thousands of names in a table sized for them, a third of them gone again and some back:
    /// every probe run ends at the right name.
    @Test func manyNamesAreFoundThroughTheirProbes() throws {
        var generator = SystemRandomNumberGenerator()
        var lines: [String] = []
        for id in 0..<6_000 {
            lines.append("news/\(id)/index.html \(UInt64.random(in: 0...UInt64.max, using: &generator))")
        }
        for id in stride(from: 0, to: 6_000, by: 3) { lines.append("news/\(id)/index.html") }
        for id in stride(from: 0, to: 6_000, by: 9) { lines.append("news/\(id)/index.html back \(id)") }
        let (table, expected) = try Self.read(lines)
        #expect(table.count == expected.count)
        for id in 0..<6_200 {
            let name = "news/\(id)/index.html"
            #expect(Self.value(of: name, in: table) == expected[name])
        }
        // Walked whole, and in parts on every core: each live name once, no gone one.
        var walked: [String] = []
        table.forEach { name, _ in
            walked.append(String(decoding: name, as: UTF8.self))
            return true
        }
        #expect(walked.count == expected.count && Set(walked) == Set(expected.keys))
        let named = table.names { _ in true }
        #expect(named.count == expected.count && Set(named) == Set(expected.keys))
        // Each live entry's value handed over with its name, where it lies too.
        let pairs = table.compactMapConcurrently { name, value, place in
            value.elementsEqual(table.bytes[place])
                ? (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)) : nil
        }
        #expect(pairs.count == expected.count)
        #expect(Dictionary(pairs) { first, _ in first } == expected)
    }

    /// Set a batch at a time, as the records are read, a table answers as one set a line at a
    /// time: later lines still win, within a batch and across batches, gone or not.
    @Test func batchesSetWhatLinesSetOneAtATime() throws {
        var lines: [String] = []
        for id in 0..<3_000 { lines.append("news/\(id % 1_100)/index.html \(id)") }
        for id in stride(from: 0, to: 1_100, by: 7) { lines.append("news/\(id)/index.html") }
        for id in stride(from: 0, to: 1_100, by: 21) { lines.append("news/\(id)/index.html back") }
        // The same name on lines side by side, in one batch: the last of them wins.
        for id in 0..<200 {
            let name = "news/\(id)/index.html"
            let (first, last) = ("\(name) first", "\(name) last")
            lines += id.isMultiple(of: 2) ? [first, name, last] : [first, last, name]
        }
        let (single, expected) = try Self.read(lines)
        let bytes = single.bytes
        var batched = try #require(ExportRecordTable(bytes: bytes, capacity: lines.count))
        var batches = ExportRecordTable.Batches()
        for line in ExportRecordFile.lines(of: bytes) {
            let space = line.firstIndex(of: UInt8(ascii: " "))
            batches.add(
                name: line.startIndex..<(space ?? line.endIndex), value: space.map { ($0 + 1)..<line.endIndex },
                to: &batched)
        }
        batches.finish(&batched)
        #expect(batched.count == expected.count)
        for id in 0..<1_200 {
            let name = "news/\(id)/index.html"
            #expect(Self.value(of: name, in: batched) == expected[name], "\(name)")
        }
    }

    /// A manifest whose last line a stop cut short, and no journal: the cut file is not held, and
    /// the manifest is not one to append to. A bad journal line is passed over; a bad manifest
    /// line is named by its number, with the journal after it.
    @Test func aCutManifestAndABadJournalLine() throws {
        let digest = String(repeating: "c3", count: 32)
        let cut = Array("\(digest) index.html\n\(digest) news/9/ind".utf8)
        let alone = try #require(EarlierFiles(manifest: cut, journal: []) { _, _ in Issue.record() })
        #expect(alone.count == 1 && alone.manifestLines == 1 && !alone.manifestEndsWhole)
        #expect(alone.holds("index.html") && !alone.holds("news/9/ind"))
        let journal = Array("not a line\n\(digest) news/2/index.html\n".utf8)
        let kept = try #require(EarlierFiles(manifest: [], journal: journal) { _, _ in Issue.record() })
        #expect(kept.count == 1 && kept.holds("news/2/index.html") && kept.manifestEndsWhole)
        var problems: [Int] = []
        let bad = Array("\(digest) index.html\n\(digest.prefix(10)) short\n\(digest) news/3/index.html\n".utf8)
        _ = EarlierFiles(manifest: bad, journal: journal) { line, _ in problems.append(line) }
        #expect(problems == [2])
    }

    /// A record read with read(2): a missing file and a folder are nothing, an empty file is no bytes.
    @Test func aRecordFileIsReadWhole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("links")
        #expect(ExportRecordFile.read(file.path) == nil)
        #expect(ExportRecordFile.read(root.path) == nil)
        try Data().write(to: file)
        #expect(ExportRecordFile.read(file.path) == [])
        let text = String(repeating: "news/1/index.html\t/news/1/x\t1\t\n", count: 5_000)
        try Data(text.utf8).write(to: file)
        #expect(ExportRecordFile.read(file.path) == Array(text.utf8))
    }

    /// A manifest's journal goes after its whole lines: a last line a stop cut short is not read
    /// into the journal's first.
    @Test func aJournalFollowsTheManifestsWholeLines() throws {
        let (one, two) = (String(repeating: "a1", count: 32), String(repeating: "b2", count: 32))
        let manifest = Array("\(one) index.html\n\(one) news/1/index.html\n\(two) news/2/ind".utf8)
        let journal = Array("\(two) news/3/index.html\n- index.html\n".utf8)
        let files = try #require(EarlierFiles(manifest: manifest, journal: journal) { _, _ in Issue.record() })
        #expect(files.count == 2 && files.manifestLines == 2 && !files.manifestEndsWhole)
        #expect(files["news/1/index.html"]?.description == one && files["news/3/index.html"]?.description == two)
        #expect(!files.holds("index.html") && !files.holds("news/2/ind") && !files.holds("news/2/index.html"))
        #expect(Set(files.allDigests().keys) == ["news/1/index.html", "news/3/index.html"])
    }
}
