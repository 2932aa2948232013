import BroadsheetFormats
import Foundation

/// Puts a book's entries into the EPUB container: a ZIP whose first entry is `mimetype`, stored
/// uncompressed, the rest deflated.
public enum EPUBPackage {
    /// The container's bytes. Every entry carries `modified` as its date, so the same edition
    /// packed twice gives the same bytes.
    public static func zip(_ entries: [EPUBEntry], modified: Date) throws(EPUBPackageError) -> Data {
        guard let first = entries.first, first.path == "mimetype", case .stored = first.content else {
            throw .mimetypeNotFirst
        }
        do {
            var zip = try ZIPWriter(modified: modified)
            for entry in entries {
                switch entry.content {
                case .deflating(let bytes): try zip.add(entry.path, bytes, stored: false)
                case .stored(let bytes): try zip.add(entry.path, bytes, stored: true)
                case .packed(let file): try zip.add(entry.path, packed: file)
                }
            }
            return try zip.finish()
        } catch {
            throw .unwritable(error.description)
        }
    }
}

public enum EPUBPackageError: Error, Hashable, Sendable, CustomStringConvertible {
    case mimetypeNotFirst
    case unwritable(String)

    public var description: String {
        switch self {
        case .mimetypeNotFirst: "an EPUB must open with its mimetype file, stored uncompressed"
        case .unwritable(let reason): "cannot write the EPUB container: \(reason)"
        }
    }
}
