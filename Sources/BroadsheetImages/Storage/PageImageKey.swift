import Foundation

/// Where in a store a page image or one of its derivatives is kept, relative to the store's root
/// (a folder, or a bucket's prefix). The same layout in every kind of store, so a folder can be
/// copied into a bucket as it is.
///
/// - `ab/abcd….jpg`: the original, under its digest, in a folder named by the digest's first two
///   hex digits (what `PageImageFolder` has always written);
/// - `derived/ab/abcd…/256x362.jpg`: a whole-page JPEG of that size made at import;
/// - `derived/ab/abcd…/pyramid.tif`: a large page's tiled pyramid (`PagePyramid`).
public struct PageImageKey: Hashable, Sendable, CustomStringConvertible {
    /// Slash-separated, never starting with one; made only from digests and numbers.
    public let path: String

    public static func original(_ address: ImageAddress) -> PageImageKey {
        PageImageKey(path: "\(address.digest.prefix(2))/\(address.fileName)")
    }

    public static func derived(_ address: ImageAddress, width: Int, height: Int) -> PageImageKey {
        PageImageKey(path: "derived/\(address.digest.prefix(2))/\(address.digest)/\(width)x\(height).jpg")
    }

    public static func pyramid(_ address: ImageAddress) -> PageImageKey {
        PageImageKey(path: "derived/\(address.digest.prefix(2))/\(address.digest)/pyramid.tif")
    }

    /// The folder of originals whose digests start as `digest` does.
    static func originals(startingWith digest: String) -> String {
        "\(digest.prefix(2))/\(digest)"
    }

    public var description: String { path }
}

extension PageImageKey {
    /// The original this key holds, when it is one (`ab/abcd….jpg`); nil for a derivative.
    public var original: ImageAddress? {
        let parts = path.split(separator: "/")
        guard parts.count == 2, let address = ImageAddress(String(parts[1])),
            parts[0] == address.digest.prefix(2)
        else { return nil }
        return address
    }
}
