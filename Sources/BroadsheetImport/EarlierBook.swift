import Broadsheet
import BroadsheetFormats
import Foundation

/// An edition's book as an earlier export wrote it, and the stories changed since: a book made
/// again takes every other story's document from it as it was packed. A repeat export makes a
/// book again for each edition with a changed story, and reading, writing and deflating all of
/// its stories was a quarter of such an export's CPU.
public struct EarlierBook: Sendable {
    /// The book's deflated files by path.
    let files: [String: EPUBPackedFile]
    let changed: Set<Int64>

    /// Nil unless `bytes` is a ZIP whose every offset and size lies inside it (`ZIPLayout`):
    /// the book is then made whole.
    public init?(bytes: Data, changed: Set<Int64>) {
        guard let entries = try? ZIPLayout.entries(bytes) else { return nil }
        var files: [String: EPUBPackedFile] = [:]
        for entry in entries where entry.method == 8 {
            files[entry.path] = EPUBPackedFile(
                deflated: bytes[bytes.startIndex + entry.data.lowerBound..<bytes.startIndex + entry.data.upperBound],
                crc32: entry.crc32, size: entry.size)
        }
        self.files = files
        self.changed = changed
    }

    /// The story's document as the earlier book packed it; nil when the story changed since or
    /// that book did not hold it.
    func document(of id: Int64) -> EPUBPackedFile? {
        changed.contains(id) ? nil : files[EPUBWriter.documentPath(of: id)]
    }
}
