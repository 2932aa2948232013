import Foundation

/// Where printed pages' images are kept: a folder (`PageImageFolder`) or an S3-compatible bucket
/// (`PageImageBucket`), behind the one face the importers, the IIIF service and `db check` use.
///
/// A kind of store only moves bytes under keys (`PageImageKey`); keeping an image, making its
/// thumbnail and checking both are the same for every kind (`keep(_:)`, `check(_:)`).
public protocol PageImageStore: Sendable {
    /// Where the images are, as messages name it: a folder's path or `s3://bucket/prefix`.
    var location: String { get }

    /// Stores the bytes of `file` under `key`, whole or not at all: no reader ever sees half.
    func put(_ file: URL, at key: PageImageKey) async throws
    /// Whether bytes are kept under `key`.
    func contains(_ key: PageImageKey) async throws -> Bool
    /// A file on this machine holding the bytes kept under `key` (libvips reads files); nil when
    /// nothing is kept there. A bucket fetches the bytes into its cache folder the first time.
    func localFile(_ key: PageImageKey) async throws -> URL?
    /// The bytes under `key` as the store holds them now, never a cached copy; nil when there are
    /// none. What `check` reads.
    func storedBytes(_ key: PageImageKey) async throws -> Data?
    /// The kept original whose digest is `digest`, whatever its kind; nil when there is none.
    func original(digest: String) async throws -> ImageAddress?
}

/// Why a page image could not be kept or fetched, naming the file, folder, bucket or key.
public enum PageImageStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case unwritable(folder: String, reason: String)
    /// The bucket answered with an HTTP status other than success.
    case bucketRefused(operation: String, bucket: String, key: String, status: Int, message: String)
    /// The bucket could not be reached at all.
    case bucketUnreachable(operation: String, bucket: String, key: String, reason: String)
    /// Fetched bytes do not hash to the address they were asked for.
    case corrupt(location: String, key: String, digest: String)
    case badLocation(String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read the page image: \(reason)"
        case .unwritable(let folder, let reason): "\(folder): cannot keep the page image: \(reason)"
        case .bucketRefused(let operation, let bucket, let key, let status, let message):
            "s3://\(bucket)/\(key): \(operation) answered HTTP \(status)\(message.isEmpty ? "" : ": \(message)")"
        case .bucketUnreachable(let operation, let bucket, let key, let reason):
            "s3://\(bucket)/\(key): \(operation) failed: \(reason)"
        case .corrupt(let location, let key, let digest):
            "\(location)/\(key): the bytes hash to \(digest), not to their address"
        case .badLocation(let location, let reason): "\(location): \(reason)"
        }
    }
}

extension PageImageStore {
    /// Keeps the page image in `file` and the derivatives readers ask for first (its thumbnail
    /// and overview, and a large page's pyramid), and returns its address. The same bytes again
    /// are found by their address and kept once.
    ///
    /// The derivatives are kept before the original, so a kept original always has them; an
    /// image libvips cannot read is refused, as no reader could be shown it.
    public func keep(_ file: URL) async throws -> ImageAddress {
        let address = try await PageImageWork.run { () throws(PageImageStoreError) in
            let bytes: Data
            do {
                bytes = try Data(contentsOf: file, options: .mappedIfSafe)
            } catch {
                throw .unreadable(file: file.path, reason: error.localizedDescription)
            }
            return ImageAddress(of: bytes, fileExtension: file.pathExtension)
        }
        let original = PageImageKey.original(address)
        if try await contains(original) { return address }
        // The pyramid, when the page gets one, is drawn on a second thread beside the thumbnails.
        async let madePyramid = PageImageWork.run { try PageDerivatives.makePyramid(from: file) }
        let derived: [PageDerivatives.Made]
        let pyramid: URL?
        do {
            derived = try await PageImageWork.run { try PageDerivatives.make(from: file) }
        } catch {
            if let pyramid = try? await madePyramid { try? FileManager.default.removeItem(at: pyramid) }
            throw error
        }
        defer { for made in derived { try? FileManager.default.removeItem(at: made.file) } }
        pyramid = try await madePyramid
        defer { if let pyramid { try? FileManager.default.removeItem(at: pyramid) } }
        for made in derived {
            try await put(made.file, at: .derived(address, width: made.width, height: made.height))
        }
        if let pyramid { try await put(pyramid, at: .pyramid(address)) }
        try await put(file, at: original)
        return address
    }

    /// The original's file on this machine, for libvips; nil when it is not kept.
    public func localFile(for address: ImageAddress) async throws -> URL? {
        try await localFile(.original(address))
    }

    /// The page's pyramid on this machine, when one was made at import; nil means regions are
    /// read from the original.
    public func pyramidFile(for address: ImageAddress) async throws -> URL? {
        try await localFile(.pyramid(address))
    }

    /// The kept answer to `operation` on the page `address` of `pageWidth` × `pageHeight`, when
    /// it is one made at import and was kept; nil means it is to be made now.
    public func derivedFile(
        of address: ImageAddress, pageWidth: Int, pageHeight: Int, answering operation: ImageOperation
    ) async throws -> URL? {
        guard PageDerivatives.isMadeAtImport(operation, pageWidth: pageWidth, pageHeight: pageHeight) else {
            return nil
        }
        return try await localFile(.derived(address, width: operation.width, height: operation.height))
    }
}
