import BroadsheetFormats
import Foundation
import ZIPFoundation

/// Puts a book's entries into the EPUB container: a ZIP whose first entry is `mimetype`, stored
/// uncompressed, the rest deflated.
public enum EPUBPackage {
    /// The container's bytes. Every entry carries `modified` as its date, so the same edition
    /// packed twice gives the same bytes.
    public static func zip(_ entries: [EPUBEntry], modified: Date) throws(EPUBPackageError) -> Data {
        guard entries.first?.path == "mimetype", entries.first?.stored == true else {
            throw .mimetypeNotFirst
        }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for entry in entries {
                let bytes = entry.bytes
                try archive.addEntry(
                    with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: modified,
                    compressionMethod: entry.stored ? .none : .deflate
                ) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw EPUBPackageError.unwritable("the archive kept no bytes") }
            return data
        } catch let error as EPUBPackageError {
            throw error
        } catch {
            throw .unwritable(String(describing: error))
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
