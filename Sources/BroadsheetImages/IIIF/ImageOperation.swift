import Foundation

/// What to do to a page's image to answer a request: the crop in the image's pixels, the size
/// to scale it to, the turn, the colours and the encoding. Worked out from the request and the
/// page's size alone, so it can also name the answer in a cache.
public struct ImageOperation: Hashable, Sendable {
    public var crop: PixelRect
    /// The size after scaling, before the turn.
    public var width: Int
    public var height: Int
    /// Clockwise quarter turns, 0 to 3.
    public var quarterTurns: Int
    public var mirrored: Bool
    public var quality: IIIFImageRequest.Quality
    public var format: IIIFImageRequest.Format

    /// The size of the answer, after the turn.
    public var outputSize: (width: Int, height: Int) {
        quarterTurns.isMultiple(of: 2) ? (width, height) : (height, width)
    }
}

/// A rectangle in an image's pixels.
public struct PixelRect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// The largest answers the server makes, said in every `info.json`: a request for more is
/// refused rather than allowed to take the server's memory.
public struct ImageLimits: Hashable, Sendable {
    public var maxWidth: Int
    public var maxHeight: Int
    public var maxArea: Int

    public init(maxWidth: Int = 10_000, maxHeight: Int = 10_000, maxArea: Int = 60_000_000) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxArea = maxArea
    }
}

extension IIIFImageRequest {
    /// The formats this server writes.
    public static let formatsWritten: Set<Format> = [.jpg, .png, .webp]
    /// The qualities this server makes.
    public static let qualitiesMade: Set<Quality> = [.default, .color, .gray, .bitonal]

    /// Works the request out against an image of `width` × `height` pixels, refusing what the
    /// specification says to refuse: a region outside the image (400), a size larger than the
    /// region without `^` or beyond `limits` (400), and what this server does not offer (501).
    public func operation(width imageWidth: Int, height imageHeight: Int, limits: ImageLimits = ImageLimits())
        throws(IIIFImageError) -> ImageOperation
    {
        guard Self.formatsWritten.contains(format) else {
            throw .notOffered(
                parameter: "format", reason: "\(format.rawValue) is not offered; ask for jpg, png or webp")
        }
        guard Self.qualitiesMade.contains(quality) else {
            throw .notOffered(
                parameter: "quality", reason: "\(quality.rawValue) is not offered; ask for default, color or gray")
        }
        guard rotation.degrees.truncatingRemainder(dividingBy: 90) == 0 else {
            throw .notOffered(parameter: "rotation", reason: "only multiples of 90 degrees are offered")
        }
        let crop = try cropRect(imageWidth: imageWidth, imageHeight: imageHeight)
        let (width, height) = try scaledSize(of: crop, limits: limits)
        return ImageOperation(
            crop: crop, width: width, height: height, quarterTurns: Int(rotation.degrees / 90) % 4,
            mirrored: rotation.mirrored, quality: quality, format: format)
    }

    private func cropRect(imageWidth: Int, imageHeight: Int) throws(IIIFImageError) -> PixelRect {
        switch region {
        case .full:
            return PixelRect(x: 0, y: 0, width: imageWidth, height: imageHeight)
        case .square:
            let side = min(imageWidth, imageHeight)
            return PixelRect(x: (imageWidth - side) / 2, y: (imageHeight - side) / 2, width: side, height: side)
        case .pixels(let x, let y, let width, let height):
            return try clipped(x: x, y: y, width: width, height: height, imageWidth, imageHeight)
        case .percent(let x, let y, let width, let height):
            let w = Double(imageWidth) / 100
            let h = Double(imageHeight) / 100
            let left = Int((x * w).rounded())
            let top = Int((y * h).rounded())
            return try clipped(
                x: left, y: top, width: max(1, Int(((x + width) * w).rounded()) - left),
                height: max(1, Int(((y + height) * h).rounded()) - top), imageWidth, imageHeight)
        }
    }

    /// A region partly outside the image is cut to it; one wholly outside is an error.
    private func clipped(x: Int, y: Int, width: Int, height: Int, _ imageWidth: Int, _ imageHeight: Int)
        throws(IIIFImageError) -> PixelRect
    {
        guard x < imageWidth, y < imageHeight else {
            throw .badRequest(
                parameter: "region", reason: "the region starts outside the \(imageWidth)×\(imageHeight) image")
        }
        return PixelRect(x: x, y: y, width: min(width, imageWidth - x), height: min(height, imageHeight - y))
    }

    private func scaledSize(of crop: PixelRect, limits: ImageLimits) throws(IIIFImageError) -> (Int, Int) {
        let regionWidth = Double(crop.width)
        let regionHeight = Double(crop.height)
        let size: (Int, Int)
        switch self.size.kind {
        case .max:
            // The largest the limits allow: never above the region's own size without ^.
            var scale = min(
                Double(limits.maxWidth) / regionWidth, Double(limits.maxHeight) / regionHeight,
                (Double(limits.maxArea) / (regionWidth * regionHeight)).squareRoot())
            if !self.size.upscale { scale = min(scale, 1) }
            return (max(1, Int(regionWidth * scale)), max(1, Int(regionHeight * scale)))
        case .width(let width):
            size = (width, max(1, Int((regionHeight * Double(width) / regionWidth).rounded())))
        case .height(let height):
            size = (max(1, Int((regionWidth * Double(height) / regionHeight).rounded())), height)
        case .percent(let percent):
            size = (
                max(1, Int((regionWidth * percent / 100).rounded())),
                max(1, Int((regionHeight * percent / 100).rounded()))
            )
        case .exact(let width, let height):
            size = (width, height)
        case .confined(let width, let height):
            // As large as fits the box: past the region's own size that is an enlargement, which
            // without ^ is refused below (as the IIIF validator reads section 4.2).
            let scale = min(Double(width) / regionWidth, Double(height) / regionHeight)
            size = (
                max(1, min(width, Int((regionWidth * scale).rounded()))),
                max(1, min(height, Int((regionHeight * scale).rounded())))
            )
        }
        if !self.size.upscale, size.0 > crop.width || size.1 > crop.height {
            throw .badRequest(
                parameter: "size",
                reason:
                    "\(size.0)×\(size.1) is larger than the \(crop.width)×\(crop.height) region; ask with ^ to enlarge")
        }
        if size.0 > limits.maxWidth || size.1 > limits.maxHeight || size.0 * size.1 > limits.maxArea {
            throw .badRequest(
                parameter: "size",
                reason: "\(size.0)×\(size.1) is over this server's limits (maxWidth \(limits.maxWidth), "
                    + "maxHeight \(limits.maxHeight), maxArea \(limits.maxArea))")
        }
        return size
    }
}
