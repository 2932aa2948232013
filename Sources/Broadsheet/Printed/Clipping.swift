/// A part of a printed page a reader cuts out to share, as a newspaper reader once cut a story
/// out with scissors: the page and a rectangle of its pixels, written `x,y,w,h` as a IIIF region is.
public struct Clipping: Hashable, Sendable, CustomStringConvertible {
    public let date: EditionDate
    public let page: Int
    /// The rectangle in the page image's pixels.
    public let x: Int
    public let y: Int
    public let width: Int
    public let height: Int

    /// The smallest side a clipping may have: smaller is not readable.
    public static let smallestSide = 16

    /// Reads `x,y,w,h` against `page`'s size; the error names what is wrong with it.
    public init(_ text: String, on page: PrintedPage) throws(PrintedPageError) {
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard numbers.count == 4, let x = numbers[0], let y = numbers[1], let width = numbers[2],
            let height = numbers[3]
        else {
            throw .invalid(field: "clipping", reason: "must be x,y,w,h in whole pixels, not '\(text.prefix(40))'")
        }
        guard x >= 0, y >= 0, width >= Self.smallestSide, height >= Self.smallestSide,
            x + width <= page.width, y + height <= page.height
        else {
            throw .invalid(
                field: "clipping",
                reason: "must lie inside the page (\(page.width) × \(page.height) pixels) and be at least "
                    + "\(Self.smallestSide) pixels a side, not \(text)")
        }
        self.init(date: page.date, page: page.number, x: x, y: y, width: width, height: height)
    }

    /// The clipping around `box` of `page`, with a margin of `margin` of the page's width on
    /// every side (within the page), so a story's cut keeps its edges.
    public init(around box: PageBox, on page: PrintedPage, margin: Double = 0.005) {
        let pixels = box.scaled(width: page.width, height: page.height)
        let pad = Int((margin * Double(page.width)).rounded())
        let left = max(0, pixels.x - pad)
        let top = max(0, pixels.y - pad)
        let right = min(page.width, pixels.x + pixels.width + pad)
        let bottom = min(page.height, pixels.y + pixels.height + pad)
        self.init(
            date: page.date, page: page.number, x: left, y: top, width: max(1, right - left),
            height: max(1, bottom - top))
    }

    private init(date: EditionDate, page: Int, x: Int, y: Int, width: Int, height: Int) {
        self.date = date
        self.page = page
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// `x,y,w,h`: the clipping's address and its IIIF region.
    public var description: String { "\(x),\(y),\(width),\(height)" }

    /// Whether `box` (of the same page) and the clipping overlap.
    public func overlaps(_ box: PageBox, pageWidth: Int, pageHeight: Int) -> Bool {
        let other = box.scaled(width: pageWidth, height: pageHeight)
        return other.x < x + width && x < other.x + other.width && other.y < y + height && y < other.y + other.height
    }
}
