import Broadsheet
import BroadsheetImages

/// The addresses of one printed page's pictures, all IIIF Image API requests of its kept image,
/// so every picture a reader page shows is a size the image service can make and a CDN can keep.
///
/// No address here asks for the whole page at its full size: a broadsheet scan is tens of
/// megabytes, and a reader only ever needs the part of it on screen.
struct PageImageLinks: Hashable, Sendable {
    /// The IIIF id of the page image (its digest).
    let id: String
    /// The page image's size in pixels.
    let width: Int
    let height: Int

    /// The widest page picture the page view shows without JavaScript (the viewer then loads tiles).
    static let pageWidths = [480, 960, 1600]
    /// The page picture a narrow screen gets: with the thumbnails, well inside a phone's first-view budget.
    static let phoneWidth = 480
    /// The widest enlargement a zoom link asks for.
    static let zoomWidth = 1600

    /// Links for `page`'s kept image; nil when the page has no image yet.
    init?(_ page: PrintedPage) {
        guard let image = page.image, let address = ImageAddress(image) else { return nil }
        self.init(id: address.digest, width: page.width, height: page.height)
    }

    init(id: String, width: Int, height: Int) {
        self.id = id
        self.width = width
        self.height = height
    }

    /// The whole page `width` pixels wide (never wider than the image: the service does not enlarge).
    func scaled(toWidth wanted: Int) -> String {
        image(region: "full", size: "\(min(wanted, width)),")
    }

    /// The width `scaled(toWidth:)` gives the picture, and its height at that width.
    func scaledSize(toWidth wanted: Int) -> (width: Int, height: Int) {
        let shown = min(wanted, width)
        return (shown, max(1, Int((Double(height) * Double(shown) / Double(width)).rounded())))
    }

    /// The part of the page in `box`, at most `wanted` pixels wide: a zoom link, a story's thumbnail.
    func region(_ box: PageBox, width wanted: Int) -> String {
        let pixels = box.scaled(width: width, height: height)
        let x = min(pixels.x, width - 1)
        let y = min(pixels.y, height - 1)
        let w = min(pixels.width, width - x)
        let h = min(pixels.height, height - y)
        return image(region: "\(x),\(y),\(w),\(h)", size: "\(min(wanted, w)),")
    }

    /// The image service's description, which the viewer reads for its tiles and scale factors.
    var info: String { SiteURL.imageInfo(.value(id)).href }

    /// The image service's base address, which tile addresses start with.
    var service: String { SiteURL.imageService(.value(id)).href }

    private func image(region: String, size: String) -> String {
        SiteURL.image(.value(id: id, region: region, size: size)).href
    }
}
