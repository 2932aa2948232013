import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    /// Fewer stories than this leave the indexes to FTS5's own merging.
    static let storiesWorthTidying = 1_000

    /// After a bulk import, the headline index (what every related box looks up) is merged into
    /// one segment. FTS5 merges as it is written, but an import of thousands of stories leaves
    /// many segments, and a lookup reads each: at 100,000 stories it took twice as long. The
    /// full text's index is left to FTS5's merging: rewriting it whole took 4 s after an import
    /// of 100,000 stories that took 88 s.
    public func tidySearchIndexes(afterFiling count: Int) async throws {
        guard count >= Self.storiesWorthTidying else { return }
        try await perform("merging the headline index after \(count) stories") {
            try await database.write { db in
                guard try Self.headlineIndexSegments(db) > 1 else { return }
                try db.execute(sql: "INSERT INTO headlines_fts (headlines_fts) VALUES ('optimize')")
            }
        }
    }

    /// How many segments the headline index has, from FTS5's structure record: a 4-byte cookie
    /// (and the version-2 marker, where there is one), then varints for its levels and segments.
    static func headlineIndexSegments(_ db: Database) throws -> Int {
        guard let record = try Data.fetchOne(db, sql: "SELECT block FROM headlines_fts_data WHERE id = 10") else {
            return 0
        }
        var bytes = record.dropFirst(4)
        if bytes.starts(with: [0xFF, 0x00, 0x00, 0x01]) { bytes = bytes.dropFirst(4) }
        func varint() -> Int {
            var value = 0
            while let byte = bytes.popFirst() {
                value = value << 7 | Int(byte & 0x7F)
                if byte < 0x80 { break }
            }
            return value
        }
        _ = varint()  // levels
        return varint()
    }
}
