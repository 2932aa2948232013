import Broadsheet
import BroadsheetImport
import Crypto
import Foundation

/// The edition books a repeat export's folder holds from the last export, for the books it makes
/// again: each takes its unchanged stories' documents from the earlier one (`EarlierBook`).
///
/// Bound for the rendering of a repeat export (`$current.withValue`); the server binds none, so
/// its books are made whole from the archive.
final class EarlierBooks: Sendable {
    @TaskLocal static var current: EarlierBooks?

    private let root: URL
    /// The last export's files and their hashes: a book changed by hand since is not trusted.
    private let previous: EarlierFiles
    private let changed: Set<Int64>

    init(in root: URL, previous: EarlierFiles, changed: Set<Int64>) {
        self.root = root
        self.previous = previous
        self.changed = changed
    }

    /// The edition's book as the last export wrote it; nil when there is none, or the file is not
    /// what that export wrote.
    func book(of date: EditionDate) -> EarlierBook? {
        guard let file = StaticLayout.file(for: SiteURL.editionBook(.value(date)).path, isPage: false),
            let digest = previous[file],
            let bytes = FileManager.default.contents(atPath: root.appendingPathComponent(file).path),
            FileDigest(SHA256.hash(data: bytes)) == digest
        else { return nil }
        return EarlierBook(bytes: bytes, changed: changed)
    }
}
