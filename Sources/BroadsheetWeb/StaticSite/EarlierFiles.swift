/// The files the last export left in its folder with their digests, as its manifest names them (a
/// `hash path` line a file, `- path` for one removed since), with the lines of a journal an export
/// stopped half-way wrote after it. Kept as the manifest's bytes: a repeat export looks up the few
/// hundred files it renders among the hundreds of thousands the manifest names.
struct EarlierFiles: Sendable {
    private let table: ExportRecordTable
    /// The manifest's lines, live or overridden by later ones.
    let manifestLines: Int
    /// Whether the manifest's last line is whole: one cut short is left out.
    let manifestEndsWhole: Bool

    /// An export's first: no files.
    init() {
        table = ExportRecordTable(bytes: [], capacity: 0)!
        manifestLines = 0
        manifestEndsWhole = true
    }

    /// The files `manifest` and then `journal` name. A bad line of the manifest goes to `problem`
    /// with its number, and the manifest's later lines are not read; a bad one of the journal is
    /// passed over, as a stop may have cut it short. Nil when the bytes are too many to point into.
    init?(manifest: [UInt8], journal: [UInt8], problem: (Int, String) -> Void) {
        let manifestLines = ExportRecordFile.lines(of: manifest)
        // The journal's lines go after the manifest's whole ones.
        let whole = manifestLines.last.map { $0.endIndex + 1 } ?? 0
        var bytes = manifest
        if !journal.isEmpty {
            bytes.removeSubrange(whole...)
            bytes += journal
        }
        let journalLines = ExportRecordFile.lines(of: bytes[whole...])
        guard var table = ExportRecordTable(bytes: bytes, capacity: manifestLines.count + journalLines.count) else {
            return nil
        }
        var batches = ExportRecordTable.Batches()
        for (index, line) in manifestLines.enumerated() where !Self.apply(line, to: &table, in: &batches) {
            problem(index + 1, "expected a SHA-256 in hex, a space and a path")
            break
        }
        for line in journalLines { _ = Self.apply(line, to: &table, in: &batches) }
        batches.finish(&table)
        self.table = table
        self.manifestLines = manifestLines.count
        manifestEndsWhole = ExportRecordFile.endsWhole(manifest)
    }

    /// Applies a line of the manifest or journal, a batch at a time; false when it is neither kind.
    private static func apply(
        _ line: ArraySlice<UInt8>, to table: inout ExportRecordTable, in batches: inout ExportRecordTable.Batches
    ) -> Bool {
        if line.count > 2, line.first == UInt8(ascii: "-"), line[line.startIndex + 1] == UInt8(ascii: " ") {
            batches.add(name: (line.startIndex + 2)..<line.endIndex, value: nil, to: &table)
            return true
        }
        // The digest's 64 digits are checked here, so that `forEach` may take them as read.
        let space = line.startIndex + 64
        guard line.count > 65, line[space] == UInt8(ascii: " "), FileDigest(hex: line[..<space]) != nil else {
            return false
        }
        batches.add(name: (space + 1)..<line.endIndex, value: line.startIndex..<space, to: &table)
        return true
    }

    /// How many files there are.
    var count: Int { table.count }

    /// Whether there is a file at `relative`.
    func holds(_ relative: String) -> Bool { table.value(of: relative) != nil }

    /// The digest of the file at `relative`; nil when there is none.
    subscript(relative: String) -> FileDigest? {
        table.value(of: relative).flatMap { FileDigest(hex: table.bytes[$0]) }
    }

    /// The files `matching` takes, given each name's bytes.
    func files(where matching: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool) -> [String] {
        table.names(where: matching)
    }

    /// Calls `body` with each file and its digest, in no order.
    func forEach(_ body: (String, FileDigest) -> Void) {
        table.forEach { name, digest in
            body(String(decoding: name, as: UTF8.self), FileDigest(hex: table.bytes[digest])!)
            return true
        }
    }

    /// Every file and its digest, by file: a whole that checks and tests compare.
    func allDigests() -> [String: FileDigest] {
        var digests: [String: FileDigest] = [:]
        forEach { digests[$0] = $1 }
        return digests
    }
}
