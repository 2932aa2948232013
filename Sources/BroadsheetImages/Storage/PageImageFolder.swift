import Foundation

/// Page images kept in a folder by their content: a file's address is the SHA-256 of its bytes,
/// so the same page filed twice is stored once, and an address never points at different bytes.
///
/// The folder sits beside the database by default (`paper.sqlite` keeps `paper.images/`); with
/// PostgreSQL it is a folder every server can read (or a `PageImageBucket`).
public struct PageImageFolder: PageImageStore {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The folder that goes with an SQLite file: its name with `.images` for the extension.
    public static func beside(database path: String) -> PageImageFolder {
        let file = URL(fileURLWithPath: path)
        return PageImageFolder(root: file.deletingPathExtension().appendingPathExtension("images"))
    }

    public var location: String { root.path }

    /// Where the bytes under `key` are; the file exists if they were kept.
    public func file(at key: PageImageKey) -> URL {
        root.appendingPathComponent(key.path)
    }

    /// Where an original's bytes are; the file exists if the image was kept.
    public func file(for address: ImageAddress) -> URL {
        file(at: .original(address))
    }

    /// Written to a temporary name and moved into place, so a reader never sees half an image
    /// and an interrupted import leaves no broken file under a key.
    public func put(_ source: URL, at key: PageImageKey) throws(PageImageStoreError) {
        let target = file(at: key)
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).part")
            try FileManager.default.copyItem(at: source, to: temporary)
            // rename(2) replaces whatever is there in one step: the same bytes another import kept
            // at the same moment, or a damaged file being made good.
            guard rename(temporary.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw PageImageStoreError.unwritable(folder: root.path, reason: reason)
            }
        } catch let error as PageImageStoreError {
            throw error
        } catch {
            throw .unwritable(folder: root.path, reason: error.localizedDescription)
        }
    }

    public func contains(_ key: PageImageKey) -> Bool {
        FileManager.default.fileExists(atPath: file(at: key).path)
    }

    public func localFile(_ key: PageImageKey) -> URL? {
        contains(key) ? file(at: key) : nil
    }

    public func storedBytes(_ key: PageImageKey) throws(PageImageStoreError) -> Data? {
        guard contains(key) else { return nil }
        do {
            return try Data(contentsOf: file(at: key), options: .mappedIfSafe)
        } catch {
            throw .unreadable(file: file(at: key).path, reason: error.localizedDescription)
        }
    }

    /// Nil too when `digest` is not 64 lower-case hex digits, so no text from a request reaches the disk.
    public func original(digest: String) -> ImageAddress? {
        guard ImageAddress.isDigest(digest) else { return nil }
        let folder = root.appendingPathComponent(String(digest.prefix(2)), isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        return names.lazy.compactMap(ImageAddress.init).first { $0.digest == digest }
    }
}
