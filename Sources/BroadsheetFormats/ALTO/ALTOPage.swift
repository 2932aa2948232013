import Broadsheet

/// One page of OCR as an ALTO file gives it: its size, its words and its blocks.
///
/// Boxes are normalised straight from the file's own unit (a box's HPOS over the page's WIDTH, both
/// in that unit), so they need no resolution and lose nothing in rounding. Only the page's size in
/// pixels needs one, and only for `mm10` and `inch1200` files: `pixelSize(resolution:)`.
public struct ALTOPage: Hashable, Sendable {
    /// The ALTO schema version the file's namespace names (2, 3 or 4); nil for a file in no namespace.
    public var version: Int?
    public var unit: ALTOMeasurementUnit
    /// The page number as printed on the page (`PRINTED_IMG_NR`), when the OCR gives it.
    public var label: String?
    /// The page's size in `unit`.
    public var width: Double
    public var height: Double
    /// The page's words in reading order, hyphenated words joined.
    public var words: [WordBox]
    /// The page's blocks in document order: what a METS `area` names by its `BEGIN`.
    public var blocks: [ALTOBlock] {
        didSet { blockIndex = Self.index(blocks) }
    }
    /// Where each block ID first stands in `blocks`.
    private var blockIndex: [String: Int]

    public init(
        version: Int?, unit: ALTOMeasurementUnit, label: String? = nil, width: Double, height: Double,
        words: [WordBox], blocks: [ALTOBlock]
    ) {
        self.version = version
        self.unit = unit
        self.label = label
        self.width = width
        self.height = height
        self.words = words
        self.blocks = blocks
        self.blockIndex = Self.index(blocks)
    }

    private static func index(_ blocks: [ALTOBlock]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (offset, block) in blocks.enumerated() where index[block.id] == nil { index[block.id] = offset }
        return index
    }

    /// The page's size in pixels: as written for a `pixel` file, else at `resolution` dots per
    /// inch (the scan's, from its image); nil when that is needed and not given.
    public func pixelSize(resolution: Double? = nil) -> (width: Int, height: Int)? {
        guard let perUnit = unit.pixels(resolution: resolution) else { return nil }
        return (Int((width * perUnit).rounded()), Int((height * perUnit).rounded()))
    }

    /// The block whose ID is `id`.
    public func block(_ id: String) -> ALTOBlock? {
        blockIndex[id].map { blocks[$0] }
    }

    /// The words of a block, hyphenated words that end in it included.
    public func words(in block: ALTOBlock) -> ArraySlice<WordBox> {
        words[block.words]
    }
}

/// A block of an ALTO page: a text block, an illustration, or a composed block holding others.
public struct ALTOBlock: Hashable, Sendable {
    /// The element's name: `TextBlock`, `ComposedBlock`, `Illustration` or `GraphicalElement`.
    public var kind: String
    /// The block's `ID`, which METS `area BEGIN` attributes point at.
    public var id: String
    public var box: PageBox
    /// Where its words lie in the page's `words` (empty for an illustration).
    public var words: Range<Int>
    /// The 1-based line of its start tag.
    public var line: Int

    public init(kind: String, id: String, box: PageBox, words: Range<Int>, line: Int) {
        self.kind = kind
        self.id = id
        self.box = box
        self.words = words
        self.line = line
    }
}

/// The unit an ALTO file measures in (`Description/MeasurementUnit`).
public enum ALTOMeasurementUnit: String, Hashable, Sendable, CaseIterable {
    case pixel
    /// Tenths of a millimetre.
    case mm10
    /// 1/1200 of an inch.
    case inch1200

    /// Pixels per unit at `resolution` dots per inch; nil for a physical unit without one.
    public func pixels(resolution: Double?) -> Double? {
        switch self {
        case .pixel: return 1
        case .mm10: return resolution.map { $0 / 254 }
        case .inch1200: return resolution.map { $0 / 1200 }
        }
    }
}
