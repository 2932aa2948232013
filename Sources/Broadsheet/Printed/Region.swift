/// Where an article is printed on one page: a rectangle or a polygon, normalised to the page.
///
/// A story that runs round a picture or steps across columns is a polygon; most are rectangles,
/// and a story in several columns may have a region for each. The page is named by its number in
/// the edition, so an article continued on another page has regions on both.
public struct Region: Hashable, Sendable, Codable {
    /// The outline of a region.
    public enum Shape: Hashable, Sendable, Codable {
        case rectangle(PageBox)
        /// At least three corners in drawing order, the last joined to the first.
        case polygon([PagePoint])
    }

    /// The page's number in the edition.
    public let page: Int
    public let shape: Shape

    public init(page: Int, shape: Shape) throws(PrintedPageError) {
        guard PageReference.numbers.contains(page) else {
            throw .invalid(
                field: "region.page", reason: "must be 1 to \(PageReference.numbers.upperBound), not \(page)")
        }
        if case .polygon(let points) = shape {
            guard points.count >= 3 else {
                throw .invalid(field: "region.polygon", reason: "must have at least 3 corners, not \(points.count)")
            }
            guard Self.area(points) > 0 else {
                throw .invalid(field: "region.polygon", reason: "must enclose an area; its corners lie on one line")
            }
        }
        self.page = page
        self.shape = shape
    }

    public init(page: Int, box: PageBox) throws(PrintedPageError) {
        try self.init(page: page, shape: .rectangle(box))
    }

    /// The smallest rectangle holding the region: what a IIIF region request or a thumbnail crops.
    public var bounds: PageBox {
        switch shape {
        case .rectangle(let box): return box
        case .polygon(let points):
            // A polygon of area has corners apart in both directions, so the box is never empty.
            let xs = points.map(\.x)
            let ys = points.map(\.y)
            let left = xs.min() ?? 0
            let top = ys.min() ?? 0
            return PageBox(unchecked: left, y: top, width: (xs.max() ?? 1) - left, height: (ys.max() ?? 1) - top)
        }
    }

    /// The shoelace area of a polygon, as a fraction of the page.
    static func area(_ points: [PagePoint]) -> Double {
        var twice = 0.0
        for (index, point) in points.enumerated() {
            let next = points[(index + 1) % points.count]
            twice += point.x * next.y - next.x * point.y
        }
        return abs(twice) / 2
    }
}

/// A corner of a region as fractions of the page's width and height, top left at (0, 0).
public struct PagePoint: Hashable, Sendable, Codable {
    public let x: Double
    public let y: Double

    public init(x: Double, y: Double, field: String = "point") throws(PrintedPageError) {
        let tolerance = PageBox.tolerance
        guard x.isFinite, y.isFinite, (-tolerance...1 + tolerance).contains(x), (-tolerance...1 + tolerance).contains(y)
        else {
            throw .invalid(field: field, reason: "must lie inside the page (0…1 of its size), not (\(x), \(y))")
        }
        self.x = min(1, max(0, x))
        self.y = min(1, max(0, y))
    }
}
