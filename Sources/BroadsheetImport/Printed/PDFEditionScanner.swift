import Broadsheet
import BroadsheetFormats
import BroadsheetImages
import Foundation
import NIOPosix

/// A printed page read from a printing plant's PDF: the page with its image kept, and its words.
public struct ScannedPage: Hashable, Sendable {
    public var page: PrintedPage
    public var words: [WordBox]
}

/// Reads an edition's PDF (one file of all pages, or one file a page, in order) into printed
/// pages: each page drawn at `resolution` into a JPEG kept in the image store by its digest (with
/// its thumbnail), and its words from the text layer.
public struct PDFEditionScanner: Sendable {
    public var images: any PageImageStore
    public var textLayer: PDFTextLayer
    /// Dots per inch the pages are drawn at; word boxes are fractions of the page, whatever it is.
    public var resolution: Double

    public init(
        images: any PageImageStore, textLayer: PDFTextLayer = PDFTextLayer(),
        resolution: Double = PageImageRenderer.pdfDPI
    ) {
        self.images = images
        self.textLayer = textLayer
        self.resolution = resolution
    }

    /// The pages of `files` as one edition of `date`, numbered from 1 across the files.
    public func scan(_ files: [URL], date: EditionDate) async throws -> [ScannedPage] {
        let renderer = try PageImageRenderer(quality: 85)
        var scanned: [ScannedPage] = []
        for file in files {
            let count = try await textLayer.pageCount(of: file)
            guard count > 0 else { throw PrintedImportError.noPages(file: file.path) }
            for first in stride(from: 1, through: count, by: Self.pagesAtOnce) {
                try await scan(
                    try await textLayer.pages(of: file, first: first, last: min(count, first + Self.pagesAtOnce - 1)),
                    of: file, date: date, renderer: renderer, into: &scanned)
            }
        }
        return scanned
    }

    /// Pages read from a PDF's text layer at once.
    static let pagesAtOnce = 8

    /// Draws and keeps each of `pages` of `file`, numbered on from `scanned`.
    private func scan(
        _ pages: [PDFTextPage], of file: URL, date: EditionDate, renderer: PageImageRenderer,
        into scanned: inout [ScannedPage]
    ) async throws {
        for text in pages {
            let number = scanned.count + 1
            let size = text.pixelSize(resolution: resolution)
            let address = try await keepImage(
                of: file, page: text.number - 1, size: size, renderer: renderer)
            let page = try PrintedPage(
                date: date, number: number, width: size.width, height: size.height, image: address.description)
            scanned.append(ScannedPage(page: page, words: text.words))
        }
    }

    /// Draws one PDF page and keeps the JPEG; libvips blocks, so it draws on NIO's thread pool.
    private func keepImage(of file: URL, page: Int, size: (width: Int, height: Int), renderer: PageImageRenderer)
        async throws -> ImageAddress
    {
        let resolution = self.resolution
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("page-\(UUID().uuidString).jpg")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try await NIOThreadPool.singleton.runIfActive {
            let drawn = try renderer.size(of: file, page: page, dpi: resolution)
            let operation = try IIIFImageRequest(
                region: "full", size: "\(size.width),\(size.height)", rotation: "0", qualityAndFormat: "default.jpg"
            ).operation(
                width: drawn.width, height: drawn.height,
                limits: ImageLimits(maxWidth: 65_536, maxHeight: 65_536, maxArea: .max))
            try renderer.render(operation, from: file, page: page, dpi: resolution).write(to: temporary)
        }
        return try await images.keep(temporary)
    }
}
