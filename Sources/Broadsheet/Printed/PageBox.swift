/// A rectangle on a page as fractions of the page's width and height, top left at (0, 0).
///
/// Normalised so that a box read from ALTO in tenths of a millimetre, one from a PDF in points and
/// the page image at any scale all agree: a IIIF region or a highlight multiplies it by the size
/// it draws at. A box always lies inside its page and has an area, so a drawing never leaves the page.
public struct PageBox: Hashable, Sendable, Codable {
    public let x: Double
    public let y: Double
    public let width: Double
    public let height: Double

    /// How far past an edge rounding may carry a box (a millionth of the page) before it is refused.
    static let tolerance = 1e-6

    /// A box from fractions of the page; `field` names it in an error ("region.box", "word 12").
    public init(x: Double, y: Double, width: Double, height: Double, field: String = "box") throws(PrintedPageError) {
        for (name, value) in [("x", x), ("y", y), ("width", width), ("height", height)] where !value.isFinite {
            throw .invalid(field: "\(field).\(name)", reason: "must be a finite number")
        }
        guard width > 0, height > 0 else {
            throw .invalid(field: field, reason: "must have a width and a height above 0, not \(width) × \(height)")
        }
        let tolerance = Self.tolerance
        guard x >= -tolerance, y >= -tolerance, x + width <= 1 + tolerance, y + height <= 1 + tolerance else {
            throw .invalid(
                field: field,
                reason:
                    "must lie inside the page (0…1 of its size), not from (\(x), \(y)) to (\(x + width), \(y + height))"
            )
        }
        let left = max(0, x)
        let top = max(0, y)
        self.x = left
        self.y = top
        self.width = min(1, x + width) - left
        self.height = min(1, y + height) - top
    }

    /// A box given in the page's own unit (pixels, points, tenths of a millimetre): left, top,
    /// width and height, over a page `pageWidth` × `pageHeight` in the same unit.
    public init(
        left: Double, top: Double, width: Double, height: Double, pageWidth: Double, pageHeight: Double,
        field: String = "box"
    ) throws(PrintedPageError) {
        guard pageWidth.isFinite, pageHeight.isFinite, pageWidth > 0, pageHeight > 0 else {
            throw .invalid(field: "page size", reason: "must be above 0, not \(pageWidth) × \(pageHeight)")
        }
        let outside = left < 0 || top < 0 || left + width > pageWidth || top + height > pageHeight
        if outside, left.isFinite, top.isFinite, width.isFinite, height.isFinite {
            throw .invalid(
                field: field,
                reason: "must lie inside the page (\(pageWidth) × \(pageHeight)), not from (\(left), \(top)) "
                    + "to (\(left + width), \(top + height))")
        }
        try self.init(
            x: left / pageWidth, y: top / pageHeight, width: width / pageWidth, height: height / pageHeight,
            field: field)
    }

    /// A box the caller has already checked, or made from checked boxes.
    init(unchecked x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// The smallest box holding both.
    public func union(_ other: PageBox) -> PageBox {
        let left = min(x, other.x)
        let top = min(y, other.y)
        return PageBox(
            unchecked: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }

    /// The smallest box holding them all; nil for none.
    public static func union(_ boxes: some Sequence<PageBox>) -> PageBox? {
        boxes.reduce(nil) { $0?.union($1) ?? $1 }
    }

    /// The box in a page `width` × `height` pixels (or any unit), rounded outwards to whole units.
    public func scaled(width pageWidth: Int, height pageHeight: Int) -> (x: Int, y: Int, width: Int, height: Int) {
        let left = Self.whole(x * Double(pageWidth), .down)
        let top = Self.whole(y * Double(pageHeight), .down)
        let right = Self.whole(maxX * Double(pageWidth), .up)
        let bottom = Self.whole(maxY * Double(pageHeight), .up)
        return (left, top, max(1, right - left), max(1, bottom - top))
    }

    /// `value` rounded `outwards`, except that a value a hair from a whole number (0.1 × 1000 is
    /// 100.00000000000001) is that number, so a box does not grow a pixel from rounding alone.
    private static func whole(_ value: Double, _ outwards: FloatingPointRoundingRule) -> Int {
        let nearest = value.rounded()
        return Int(abs(value - nearest) < 1e-6 ? nearest : value.rounded(outwards))
    }
}

extension PageBox {
    /// The whole page.
    public static let whole = PageBox(unchecked: 0, y: 0, width: 1, height: 1)
}
