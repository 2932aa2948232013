import Broadsheet
import BroadsheetFormats
import BroadsheetImages
import Foundation
import NIOPosix

/// An issue read from its folder and checked, before anything of it is filed.
public struct IssueOnDisk: Sendable {
    /// One page: its place and size in pixels (its image not yet kept), its image file and its OCR.
    public struct Page: Sendable {
        public var page: PrintedPage
        public var image: URL
        /// The page's ALTO; nil when the METS lists none for it.
        public var alto: ALTOPage?
    }

    public var mets: URL
    public var issue: METSIssue
    public var date: EditionDate
    public var pages: [Page]

    /// Each page's ALTO by page number.
    public var altoPages: [Int: ALTOPage] {
        var pages: [Int: ALTOPage] = [:]
        for page in self.pages { pages[page.page.number] = page.alto }
        return pages
    }
}

/// Reads an issue's METS, every page's ALTO and the header of every page image, and checks them:
/// all of it before the store sees anything, so a broken issue files nothing.
public struct METSIssueLoader: Sendable {
    public init() {}

    /// The issue of `mets`; its day is `date` when given, else the METS's own, else `fallbackDate`
    /// (a batch's `issueDate`).
    public func load(_ mets: URL, date: EditionDate? = nil, fallbackDate: EditionDate? = nil) async throws
        -> IssueOnDisk
    {
        let folder = PackageFolder(of: mets)
        let data = try folder.read(mets, line: nil)
        let issue: METSIssue
        do {
            issue = try METSReader().read(data, file: mets.path)
        } catch {
            throw PrintedImportError.malformed(error)
        }
        guard let day = date ?? issue.date ?? fallbackDate else { throw PrintedImportError.noDate(file: mets.path) }
        var pages: [IssueOnDisk.Page] = []
        for page in issue.pages {
            pages.append(try await load(page, of: day, in: folder))
        }
        return IssueOnDisk(mets: mets, issue: issue, date: day, pages: pages)
    }

    /// One page's files, read on NIO's thread pool: parsing a large ALTO and opening an image block.
    private func load(_ page: METSPage, of date: EditionDate, in folder: PackageFolder) async throws
        -> IssueOnDisk.Page
    {
        guard let imageFile = page.image else {
            throw PrintedImportError.noImage(page: page.number, listedIn: folder.listedIn, line: page.line)
        }
        let image = try folder.file(imageFile.href, line: page.line)
        var ocr: URL?
        if let file = page.ocr { ocr = try folder.file(file.href, line: page.line) }
        return try await NIOThreadPool.singleton.runIfActive { [ocr] in
            var alto: ALTOPage?
            if let ocr {
                let data = try folder.read(ocr, line: page.line)
                do throws(FormatError) {
                    alto = try ALTOReader().read(data, file: ocr.path)
                } catch {
                    throw PrintedImportError.malformed(error)
                }
            }
            let size = try Self.size(of: image)
            do throws(PrintedPageError) {
                let printed = try PrintedPage(
                    date: date, number: page.number, label: page.label ?? alto?.label, width: size.width,
                    height: size.height)
                return IssueOnDisk.Page(page: printed, image: image, alto: alto)
            } catch {
                throw PrintedImportError.malformed(
                    FormatError(file: folder.listedIn, line: page.line, message: "page \(page.number): \(error)"))
            }
        }
    }

    /// The image's size in pixels (a PDF's at the resolution its pages are drawn at), or why
    /// libvips cannot open it.
    static func size(of image: URL) throws(PrintedImportError) -> (width: Int, height: Int) {
        do {
            let renderer = try PageImageRenderer()
            if image.pathExtension.lowercased() == "pdf" {
                let pages = try renderer.pageCount(of: image)
                guard pages == 1 else { throw PrintedImportError.notOnePage(file: image.path, pages: pages) }
            }
            return try renderer.size(of: image)
        } catch let error as PrintedImportError {
            throw error
        } catch {
            throw .unreadableImage(file: image.path, reason: Self.reason(error))
        }
    }

    private static func reason(_ error: any Error) -> String {
        guard case .unreadable(_, let reason)? = error as? PageImageError else { return "\(error)" }
        let said = reason.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return said.isEmpty ? "unknown format" : said
    }
}
