import Foundation

/// The file a page's images are cut from: its pyramid when one was made at import (`PagePyramid`),
/// whose first level is the page at full size and whose tiles answer a region without decoding the
/// rest; else the original.
public enum PageImageSource: Sendable {
    case original(URL)
    case pyramid(URL)

    public var file: URL {
        switch self {
        case .original(let file), .pyramid(let file): file
        }
    }

    /// Carries out `operation`, a request on the page at its full size. Blocks: libvips.
    public func render(_ operation: ImageOperation, with renderer: PageImageRenderer) throws(PageImageError) -> Data {
        switch self {
        case .original(let file): try renderer.render(operation, from: file)
        case .pyramid(let file): try renderer.render(operation, fromPyramid: file)
        }
    }
}

extension PageImageStore {
    /// What the page `address` is read from on this machine; nil when its image is not kept.
    public func source(for address: ImageAddress) async throws -> PageImageSource? {
        if let pyramid = try await pyramidFile(for: address) { return .pyramid(pyramid) }
        return try await localFile(for: address).map(PageImageSource.original)
    }
}
