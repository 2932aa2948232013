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

    /// Draws and keeps each of `pages` of `file`, numbered on from `scanned`: two pages at once,
    /// as poppler draws a page on one thread and the JPEG is encoded on one.
    private func scan(
        _ pages: [PDFTextPage], of file: URL, date: EditionDate, renderer: PageImageRenderer,
        into scanned: inout [ScannedPage]
    ) async throws {
        let first = scanned.count + 1
        var kept: [Int: (address: ImageAddress, width: Int, height: Int)] = [:]
        try await withThrowingTaskGroup(of: (Int, ImageAddress, Int, Int).self) { group in
            var next = 0
            func start() {
                guard next < pages.count else { return }
                let index = next
                let page = pages[index].number - 1
                group.addTask {
                    let image = try await keepImage(of: file, page: page, renderer: renderer)
                    return (index, image.address, image.width, image.height)
                }
                next += 1
            }
            for _ in 0..<Self.pagesDrawnAtOnce { start() }
            while let (index, address, width, height) = try await group.next() {
                kept[index] = (address, width, height)
                start()
            }
        }
        for (index, text) in pages.enumerated() {
            guard let image = kept[index] else { continue }
            let page = try PrintedPage(
                date: date, number: first + index, width: image.width, height: image.height,
                image: image.address.description)
            scanned.append(ScannedPage(page: page, words: text.words))
        }
    }

    /// Pages drawn at the same time.
    static let pagesDrawnAtOnce = 2

    /// Draws one PDF page, opened once, and keeps the JPEG; libvips blocks, so it draws on NIO's
    /// thread pool. The page's size is the drawn one: word boxes are fractions of the page.
    private func keepImage(of file: URL, page: Int, renderer: PageImageRenderer)
        async throws -> (address: ImageAddress, width: Int, height: Int)
    {
        let resolution = self.resolution
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("page-\(UUID().uuidString).jpg")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let size = try await NIOThreadPool.singleton.runIfActive {
            let drawn = try renderer.drawWhole(file, page: page, dpi: resolution)
            try drawn.bytes.write(to: temporary)
            return (drawn.width, drawn.height)
        }
        return (try await images.keep(temporary), size.0, size.1)
    }
}
