import Crypto
import Foundation

/// Page images kept by their content: a file's address is the SHA-256 of its bytes, so the same
/// page filed twice is stored once, and an address never points at different bytes.
///
/// The folder sits beside the database by default (`paper.sqlite` keeps `paper.images/`); with
/// PostgreSQL it is a folder every server can read.
public struct PageImageFolder: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The folder that goes with an SQLite file: its name with `.images` for the extension.
    public static func beside(database path: String) -> PageImageFolder {
        let file = URL(fileURLWithPath: path)
        return PageImageFolder(root: file.deletingPathExtension().appendingPathExtension("images"))
    }

    /// Copies `file` in (unless the same bytes are there already) and returns its address.
    ///
    /// The copy is written to a temporary name and moved into place, so a reader never sees half
    /// an image and an interrupted import leaves no broken file under an address.
    public func keep(_ file: URL) throws(PageImageFolderError) -> ImageAddress {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file, options: .mappedIfSafe)
        } catch {
            throw .unreadable(file: file.path, reason: error.localizedDescription)
        }
        let address = ImageAddress(
            digest: SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined(),
            fileExtension: file.pathExtension.lowercased())
        let target = self.file(for: address)
        if FileManager.default.fileExists(atPath: target.path) { return address }
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).part")
            try bytes.write(to: temporary)
            do {
                try FileManager.default.moveItem(at: temporary, to: target)
            } catch  where FileManager.default.fileExists(atPath: target.path) {
                // Another import kept the same bytes at the same moment.
                try? FileManager.default.removeItem(at: temporary)
            }
        } catch {
            throw .unwritable(folder: root.path, reason: error.localizedDescription)
        }
        return address
    }

    /// Where an image's bytes are; the file exists if the image was kept.
    public func file(for address: ImageAddress) -> URL {
        let digest = address.digest
        return root.appendingPathComponent(String(digest.prefix(2)), isDirectory: true)
            .appendingPathComponent(address.fileName)
    }

    /// The kept image whose digest is `digest`, whatever its kind; nil when there is none or
    /// `digest` is not 64 lower-case hex digits (so no text from a request reaches the disk).
    public func address(forDigest digest: String) -> ImageAddress? {
        guard digest.count == 64, digest.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        let folder = root.appendingPathComponent(String(digest.prefix(2)), isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        return names.lazy.compactMap(ImageAddress.init).first { $0.digest == digest }
    }

    /// Every image kept in the folder, with its address.
    public func keptFiles() -> [(address: ImageAddress, url: URL)] {
        let manager = FileManager.default
        guard let shards = try? manager.contentsOfDirectory(atPath: root.path) else { return [] }
        return shards.sorted().flatMap { shard -> [(address: ImageAddress, url: URL)] in
            let folder = root.appendingPathComponent(shard, isDirectory: true)
            let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.sorted().compactMap { name in
                guard let address = ImageAddress(name), address.digest.hasPrefix(shard) else { return nil }
                return (address, folder.appendingPathComponent(name))
            }
        }
    }

    /// Whether the bytes at `address` are still the ones it names: what `db check` asks.
    public func verify(_ address: ImageAddress) -> Bool {
        guard let bytes = try? Data(contentsOf: file(for: address), options: .mappedIfSafe) else { return false }
        return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() == address.digest
    }
}

/// The content address of a page image: the SHA-256 of its bytes in hex, and the extension that
/// tells its kind (`jpg`, `tif`, `jp2`, `pdf`, ...).
public struct ImageAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public let digest: String
    public let fileExtension: String

    public init(digest: String, fileExtension: String) {
        self.digest = digest
        self.fileExtension = fileExtension
    }

    /// Reads `digest.ext` as written by `description`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
            (1...5).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        self.init(digest: String(parts[0]), fileExtension: String(parts[1]))
    }

    public var fileName: String { fileExtension.isEmpty ? digest : "\(digest).\(fileExtension)" }
    public var description: String { fileName }
}

public enum PageImageFolderError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case unwritable(folder: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read the page image: \(reason)"
        case .unwritable(let folder, let reason): "\(folder): cannot keep the page image: \(reason)"
        }
    }
}
