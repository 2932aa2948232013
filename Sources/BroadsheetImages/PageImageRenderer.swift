import CVipsShim
import Foundation

/// Makes the images readers see from a page's stored image: IIIF answers, tiles and thumbnails.
///
/// libvips does the work (through `CVipsShim`). Its calls block, so callers run them off the
/// cooperative pool (`NIOThreadPool`).
public struct PageImageRenderer: Sendable {
    /// JPEG and WebP quality: print pages are mostly type, which blurs below about 80.
    public var quality: Int

    public init(quality: Int = 82) throws(PageImageError) {
        guard Self.started else { throw .libraryUnavailable(Self.lastError()) }
        self.quality = quality
    }

    /// The pixel size of the image in `file`; for a PDF, of its page `page` (from 0) drawn at `dpi`.
    public func size(of file: URL, page: Int = 0, dpi: Double = PageImageRenderer.pdfDPI) throws(PageImageError)
        -> (width: Int, height: Int)
    {
        let image = try open(file, page: page, dpi: dpi)
        defer { bs_vips_release(image) }
        return (Int(bs_vips_width(image)), Int(bs_vips_height(image)))
    }

    /// How many pages `file` holds (a PDF or multi-page TIFF; 1 for other images).
    public func pageCount(of file: URL) throws(PageImageError) -> Int {
        let count = file.withUnsafeFileSystemRepresentation { bs_vips_page_count($0) }
        guard count > 0 else { throw .unreadable(file: file.path, reason: Self.lastError()) }
        return Int(count)
    }

    /// Carries out `operation` on the image in `file` and encodes the answer.
    public func render(
        _ operation: ImageOperation, from file: URL, page: Int = 0, dpi: Double = PageImageRenderer.pdfDPI
    )
        throws(PageImageError) -> Data
    {
        var steps = ImageSteps(try open(file, page: page, dpi: dpi))
        defer { steps.release() }
        let crop = operation.crop
        let fullImage =
            crop.x == 0 && crop.y == 0 && crop.width == Int(bs_vips_width(steps.current))
            && crop.height == Int(bs_vips_height(steps.current))
        if !fullImage {
            try steps.apply("crop") {
                bs_vips_crop($0, Int32(crop.x), Int32(crop.y), Int32(crop.width), Int32(crop.height))
            }
        }
        if operation.width != crop.width || operation.height != crop.height {
            try steps.apply("scale") { bs_vips_scale($0, Int32(operation.width), Int32(operation.height)) }
        }
        if operation.mirrored { try steps.apply("mirror") { bs_vips_mirror($0) } }
        if operation.quarterTurns != 0 {
            try steps.apply("turn") { bs_vips_turn($0, Int32(operation.quarterTurns)) }
        }
        try steps.apply("colours") { bs_vips_display($0) }
        switch operation.quality {
        case .gray: try steps.apply("gray") { bs_vips_gray($0) }
        case .bitonal: try steps.apply("bitonal") { bs_vips_bitonal($0) }
        case .default, .color: break
        }
        return try encode(steps.current, as: operation.format)
    }

    /// The whole of `file` (for a PDF, its page `page` drawn at `dpi`), opened once and encoded as
    /// it is: how a printing plant's page is kept at import.
    public func drawWhole(
        _ file: URL, page: Int = 0, dpi: Double = PageImageRenderer.pdfDPI, as format: IIIFImageRequest.Format = .jpg
    ) throws(PageImageError) -> (bytes: Data, width: Int, height: Int) {
        var steps = ImageSteps(try open(file, page: page, dpi: dpi, sequential: true))
        defer { steps.release() }
        let size = (Int(bs_vips_width(steps.current)), Int(bs_vips_height(steps.current)))
        try steps.apply("colours") { bs_vips_display($0) }
        return (try encode(steps.current, as: format), size.0, size.1)
    }

    /// The whole image in `file` as a JPEG of `width` × `height`, decoded at a reduced size
    /// where its format allows (a JPEG's shrink-on-load): a thumbnail of a page costs a fraction
    /// of a whole decode.
    public func thumbnail(of file: URL, width: Int, height: Int) throws(PageImageError) -> Data {
        let image = file.withUnsafeFileSystemRepresentation { path in
            path.flatMap { bs_vips_thumbnail_file($0, Int32(width), Int32(height)) }
        }
        guard let image else { throw .unreadable(file: file.path, reason: Self.lastError()) }
        var steps = ImageSteps(image)
        defer { steps.release() }
        try steps.apply("colours") { bs_vips_display($0) }
        return try encode(steps.current, as: .jpg)
    }

    /// Writes the image in `file` to `target` as a tiled pyramidal TIFF (`PagePyramid`).
    public func savePyramid(of file: URL, to target: URL) throws(PageImageError) {
        var steps = ImageSteps(try open(file, page: 0, dpi: Self.pdfDPI, sequential: true))
        defer { steps.release() }
        try steps.apply("colours") { bs_vips_display($0) }
        let status = target.withUnsafeFileSystemRepresentation { path in
            path.map { bs_vips_save_pyramid(steps.current, $0, Int32(quality), Int32(PagePyramid.tileSide)) } ?? -1
        }
        guard status == 0 else { throw .failed(step: "save pyramid", reason: Self.lastError()) }
    }

    /// Carries out `operation`, a request on the page at its full size, on the page's pyramid in
    /// `pyramid`: read from the smallest level that still has the pixels the answer needs, so
    /// only the tiles under the region are decoded.
    public func render(_ operation: ImageOperation, fromPyramid pyramid: URL) throws(PageImageError) -> Data {
        let full = try size(of: pyramid)
        let levels = try pageCount(of: pyramid)
        let level = PagePyramid.level(for: operation, levels: levels)
        guard level > 0 else { return try render(operation, from: pyramid) }
        let levelSize = try size(of: pyramid, page: level)
        let crop = PagePyramid.crop(
            operation.crop, full: (full.width, full.height), level: (levelSize.width, levelSize.height))
        var onLevel = operation
        onLevel.crop = crop
        return try render(onLevel, from: pyramid, page: level)
    }

    /// How light the image in `file` is on average, 0 (black) to 255 (white): how tests tell
    /// that two answers show the same part of a page.
    func meanLightness(of file: URL) throws(PageImageError) -> Double {
        let image = try open(file, page: 0, dpi: Self.pdfDPI)
        defer { bs_vips_release(image) }
        let mean = bs_vips_mean(image)
        guard mean >= 0 else { throw .failed(step: "mean", reason: Self.lastError()) }
        return mean
    }

    /// The resolution PDF pages are drawn at: 150 dpi makes a broadsheet page about 2,000 pixels
    /// wide, enough to read small type when zoomed.
    public static let pdfDPI = 150.0

    private func open(_ file: URL, page: Int, dpi: Double, sequential: Bool = false) throws(PageImageError)
        -> OpaquePointer
    {
        let image = file.withUnsafeFileSystemRepresentation { path in
            path.flatMap {
                sequential ? bs_vips_open_sequential($0, Int32(page), dpi) : bs_vips_open($0, Int32(page), dpi)
            }
        }
        guard let image else { throw .unreadable(file: file.path, reason: Self.lastError()) }
        return image
    }

    private func encode(_ image: OpaquePointer, as format: IIIFImageRequest.Format) throws(PageImageError) -> Data {
        var bytes: UnsafeMutableRawPointer?
        var length = 0
        let status = bs_vips_encode(image, "." + format.rawValue, Int32(quality), &bytes, &length)
        guard status == 0, let bytes else { throw .failed(step: "encode \(format.rawValue)", reason: Self.lastError()) }
        defer { bs_vips_free(bytes) }
        return Data(bytes: bytes, count: length)
    }

    private static let started: Bool = bs_vips_start() == 0

    /// For a process that draws many pages in a row (an import): libvips draws on several
    /// threads, and each would keep a malloc arena of its own that never shrinks; and a page's
    /// pixels (megabytes) once freed would raise glibc's threshold for giving memory back, so
    /// later pages' pixels stayed in a heap that fragments. Two arenas, and every block of a
    /// megabyte or more given back when freed, keep memory flat in the number of pages. Call
    /// before the first page is drawn.
    public static func limitMemoryGrowth() {
        bs_limit_malloc_growth(2, 1 << 20)
    }

    static func lastError() -> String {
        String(cString: bs_vips_error())
    }
}

/// An image being worked on: each step replaces it and releases the one before.
private struct ImageSteps {
    var current: OpaquePointer

    init(_ image: OpaquePointer) { current = image }

    mutating func apply(_ step: String, _ make: (OpaquePointer) -> OpaquePointer?) throws(PageImageError) {
        guard let next = make(current) else {
            throw PageImageError.failed(step: step, reason: PageImageRenderer.lastError())
        }
        bs_vips_release(current)
        current = next
    }

    func release() { bs_vips_release(current) }
}

/// Why a page image could not be read or made, naming the file or the step.
public enum PageImageError: Error, Hashable, Sendable, CustomStringConvertible {
    case libraryUnavailable(String)
    case unreadable(file: String, reason: String)
    case failed(step: String, reason: String)

    public var description: String {
        switch self {
        case .libraryUnavailable(let reason): "libvips could not start: \(reason)"
        case .unreadable(let file, let reason): "\(file): not a readable image: \(reason)"
        case .failed(let step, let reason): "image \(step) failed: \(reason)"
        }
    }
}
