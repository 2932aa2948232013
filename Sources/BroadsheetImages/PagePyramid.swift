import Foundation

/// A large page kept a second time at import as a tiled pyramidal TIFF: the page and its halves,
/// quarters and so on, each cut into small JPEG tiles. A region of a 6000 × 9000 scan is then read
/// from the tiles under it (tens of milliseconds) instead of decoding the whole page (hundreds),
/// and a zoomed-out view from the level nearest its scale.
///
/// Only pages that need it get one: drawing a pyramid costs about a second for such a scan, and
/// a printing plant's page at 150 dpi decodes whole fast enough.
public enum PagePyramid {
    /// The side of the pyramid's tiles; viewers' 512-pixel tiles each read a few of them.
    public static let tileSide = 256

    /// Pages larger than this (pixels) get a pyramid: above it, decoding a whole JPEG page for one
    /// region takes longer than the 100 ms a reader should wait.
    public static let largestWholePage = 12_000_000
    /// Formats whose every read decodes slowly whatever the region (JPEG 2000, a PDF drawn afresh)
    /// get one above this size.
    public static let largestSlowPage = 1_000_000
    static let slowFormats: Set<String> = ["jp2", "j2k", "jpx", "pdf"]

    /// Whether a page of this size, kept as `fileExtension`, is kept with a pyramid.
    public static func isMade(pageWidth: Int, pageHeight: Int, fileExtension: String) -> Bool {
        let area = pageWidth * pageHeight
        return area > largestWholePage || (slowFormats.contains(fileExtension.lowercased()) && area > largestSlowPage)
    }

    /// The level (0 the page itself, each next one half the one before) to read `operation` from:
    /// the smallest that still has at least as many pixels as the answer, among `levels`.
    public static func level(for operation: ImageOperation, levels: Int) -> Int {
        guard operation.width > 0, operation.height > 0 else { return 0 }
        let scale = min(
            Double(operation.crop.width) / Double(operation.width),
            Double(operation.crop.height) / Double(operation.height))
        var level = 0
        while level + 1 < levels, Double(1 << (level + 1)) <= scale { level += 1 }
        return level
    }

    /// `crop`, in the page's pixels, in the pixels of a level of `level` size: widened to whole
    /// pixels so nothing of the region is lost, and kept inside the level.
    public static func crop(_ crop: PixelRect, full: (width: Int, height: Int), level: (width: Int, height: Int))
        -> PixelRect
    {
        let scaleX = Double(full.width) / Double(level.width)
        let scaleY = Double(full.height) / Double(level.height)
        let left = min(level.width - 1, max(0, Int((Double(crop.x) / scaleX).rounded(.down))))
        let top = min(level.height - 1, max(0, Int((Double(crop.y) / scaleY).rounded(.down))))
        let right = min(level.width, max(left + 1, Int((Double(crop.x + crop.width) / scaleX).rounded(.up))))
        let bottom = min(level.height, max(top + 1, Int((Double(crop.y + crop.height) / scaleY).rounded(.up))))
        return PixelRect(x: left, y: top, width: right - left, height: bottom - top)
    }
}
