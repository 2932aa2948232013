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

    /// The resolution PDF pages are drawn at: 150 dpi makes a broadsheet page about 2,000 pixels
    /// wide, enough to read small type when zoomed.
    public static let pdfDPI = 150.0

    private func open(_ file: URL, page: Int, dpi: Double) throws(PageImageError) -> OpaquePointer {
        let image = file.withUnsafeFileSystemRepresentation { path in
            path.flatMap { bs_vips_open($0, Int32(page), dpi) }
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
    /// threads, and each would keep a malloc arena of its own that never shrinks, so memory grew
    /// with the number of pages. Two arenas keep it flat. Call before the first page is drawn.
    public static func limitMemoryArenas() {
        bs_limit_malloc_arenas(2)
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
