import Foundation

/// The small picture of a printed page that lists of pages, the edition's page strip and the
/// pages API show: the whole page `width` pixels wide, made when the page is imported and kept
/// beside it, so no reader waits for it.
public enum PageThumbnail {
    /// Wide enough for a strip of pages on a phone or a desktop's sidebar at 2x, small enough
    /// (about 10 KB) for a whole edition's strip to load at once.
    public static let width = 256

    /// The thumbnail's size for a page of `pageWidth` × `pageHeight` pixels: `width` wide, the
    /// height in proportion, rounded as a IIIF `w,` request rounds it; a page narrower than
    /// `width` keeps its own size (no enlargement).
    public static func size(pageWidth: Int, pageHeight: Int) -> (width: Int, height: Int) {
        guard pageWidth > width else { return (pageWidth, pageHeight) }
        return (width, max(1, Int((Double(pageHeight) * Double(width) / Double(pageWidth)).rounded())))
    }

    /// The IIIF Image API path of the thumbnail, after the service's id: what the pages API and
    /// the reader's pages link to (`{id}/full/256,362/0/default.jpg`).
    public static func iiifPath(pageWidth: Int, pageHeight: Int) -> String {
        let size = size(pageWidth: pageWidth, pageHeight: pageHeight)
        return "full/\(size.width),\(size.height)/0/default.jpg"
    }
}

/// The whole-page JPEGs made when a page is imported rather than when a reader first asks, and
/// how a request is known to be one of them (whatever IIIF form it was written in).
///
/// Two are made, as every reader asks for them and each costs a decode of the whole page when
/// made on request: the thumbnail, and the overview, the whole page in one tile at the pyramid's
/// top, which is what a deep-zoom viewer asks for first. Tiles below it read a part of the page
/// and are made on request.
public enum PageDerivatives {
    /// The sizes made at import for a page of this size, smallest first; `info.json` lists them.
    public static func sizes(pageWidth: Int, pageHeight: Int) -> [(width: Int, height: Int)] {
        let thumbnail = PageThumbnail.size(pageWidth: pageWidth, pageHeight: pageHeight)
        let overview = overviewSize(pageWidth: pageWidth, pageHeight: pageHeight)
        guard overview != thumbnail else { return [thumbnail] }
        return [thumbnail, overview].sorted { $0.width < $1.width }
    }

    /// The page at the top of its tile pyramid: divided by the largest scale factor `info.json`
    /// gives and rounded up, as viewers (OpenSeadragon, Mirador) ask for it.
    public static func overviewSize(pageWidth: Int, pageHeight: Int) -> (width: Int, height: Int) {
        let factor = IIIFImageInfo.scaleFactors(width: pageWidth, height: pageHeight).last ?? 1
        return ((pageWidth + factor - 1) / factor, (pageHeight + factor - 1) / factor)
    }

    /// Whether `operation` on a page of this size is answered by a derivative made at import:
    /// the whole page, unturned, in its own colours, as a JPEG of one of `sizes`.
    public static func isMadeAtImport(_ operation: ImageOperation, pageWidth: Int, pageHeight: Int) -> Bool {
        operation.crop == PixelRect(x: 0, y: 0, width: pageWidth, height: pageHeight) && operation.quarterTurns == 0
            && !operation.mirrored && (operation.quality == .default || operation.quality == .color)
            && operation.format == .jpg
            && sizes(pageWidth: pageWidth, pageHeight: pageHeight).contains {
                $0.width == operation.width && $0.height == operation.height
            }
    }

    /// A derivative made into a temporary file, which its caller removes.
    struct Made: Sendable {
        var width: Int
        var height: Int
        var file: URL
    }

    /// Makes every derivative of the page image in `file`, the largest from the page and each
    /// smaller one from the largest, each decoded at a reduced size where the format allows (a
    /// JPEG page is read at a half, a quarter or an eighth). Blocks: run it on NIO's thread pool.
    static func make(from file: URL) throws -> [Made] {
        let renderer = try PageImageRenderer()
        let page = try renderer.size(of: file)
        var made: [Made] = []
        do {
            for size in sizes(pageWidth: page.width, pageHeight: page.height).reversed() {
                let source = made.first?.file ?? file
                let target = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "derived-\(UUID().uuidString).jpg")
                try renderer.thumbnail(of: source, width: size.width, height: size.height).write(to: target)
                made.append(Made(width: size.width, height: size.height, file: target))
            }
        } catch {
            for derivative in made { try? FileManager.default.removeItem(at: derivative.file) }
            throw error
        }
        return made
    }

    /// The page's pyramid (`PagePyramid`) in a temporary file its caller removes, when a page of
    /// its size and kind gets one; nil otherwise. Blocks: run it on NIO's thread pool.
    static func makePyramid(from file: URL) throws -> URL? {
        let renderer = try PageImageRenderer(quality: 85)
        let page = try renderer.size(of: file)
        guard PagePyramid.isMade(pageWidth: page.width, pageHeight: page.height, fileExtension: file.pathExtension)
        else { return nil }
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("pyramid-\(UUID().uuidString).tif")
        do {
            try renderer.savePyramid(of: file, to: target)
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw error
        }
        return target
    }
}
