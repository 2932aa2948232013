import Foundation

/// A page's `info.json`: what a IIIF viewer needs to ask for tiles and sizes of it.
///
/// It says what `IIIFImageRequest` accepts: level 2, with the extras listed, so a viewer never
/// asks for something the server then refuses.
public struct IIIFImageInfo: Encodable, Hashable, Sendable {
    public let context = "http://iiif.io/api/image/3/context.json"
    public let id: String
    public let type = "ImageService3"
    public let `protocol` = "http://iiif.io/api/image"
    public let profile = "level2"
    public let width: Int
    public let height: Int
    public let maxWidth: Int
    public let maxHeight: Int
    public let maxArea: Int
    public let sizes: [PreferredSize]
    public let tiles: [TileSet]
    public let extraQualities = ["color", "gray", "bitonal"]
    public let extraFormats = ["webp"]
    /// Beyond level 2: mirror images and enlargements with `^`.
    public let extraFeatures = ["mirroring", "sizeUpscaling"]

    public struct PreferredSize: Encodable, Hashable, Sendable {
        public let width: Int
        public let height: Int
    }

    public struct TileSet: Encodable, Hashable, Sendable {
        public let width: Int
        public let height: Int
        public let scaleFactors: [Int]
    }

    /// The side of a tile, in the answer's pixels: what viewers ask for at every zoom.
    public static let tileSide = 512

    /// `sizes` lists the derivatives made at import (`PageDerivatives`), so viewers ask for those
    /// and are answered from kept files.
    ///
    /// - Parameter id: the service's address, without a trailing slash (`…/iiif/3/{page-id}`).
    public init(id: String, width: Int, height: Int, limits: ImageLimits = ImageLimits()) {
        self.id = id
        self.width = width
        self.height = height
        self.maxWidth = limits.maxWidth
        self.maxHeight = limits.maxHeight
        self.maxArea = limits.maxArea
        self.sizes = PageDerivatives.sizes(pageWidth: width, pageHeight: height).map {
            PreferredSize(width: $0.width, height: $0.height)
        }
        let factors = Self.scaleFactors(width: width, height: height)
        self.tiles = [TileSet(width: Self.tileSide, height: Self.tileSide, scaleFactors: factors)]
    }

    /// The tile pyramid's scale factors, 1 first: halved until the whole page fits in one tile.
    public static func scaleFactors(width: Int, height: Int) -> [Int] {
        var factors = [1]
        var factor = 1
        while (width + factor - 1) / factor > tileSide || (height + factor - 1) / factor > tileSide {
            factor *= 2
            factors.append(factor)
        }
        return factors
    }

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, type, `protocol`, profile, width, height, maxWidth, maxHeight, maxArea, sizes, tiles
        case extraQualities, extraFormats, extraFeatures
    }

    /// The media type of `info.json` when a client asks for JSON-LD (`Accept`), as the
    /// specification's section 5.1 names it.
    public static let jsonLDMediaType = #"application/ld+json;profile="http://iiif.io/api/image/3/context.json""#
}
