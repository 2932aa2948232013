import Broadsheet
import BroadsheetImages
import Foundation

/// Files a printing plant's PDF as an edition's printed pages, then finds the edition's filed
/// stories on them: what `broadsheet import --edition DATE edition.pdf` does.
public struct PrintedEditionImporter: Sendable {
    public let store: any PrintedPageFiling & ArchiveReading
    public let publication: Publication
    public let scanner: PDFEditionScanner

    public init(store: any PrintedPageFiling & ArchiveReading, publication: Publication, images: any PageImageStore) {
        self.store = store
        self.publication = publication
        self.scanner = PDFEditionScanner(images: images)
    }

    /// What an import of printed pages did.
    public struct Summary: Hashable, Sendable {
        public var pages: Int
        /// The edition's published stories found on the pages, with the pages each is on.
        public var found: [Int64: [Int]]
        /// The edition's published stories whose text is not on these pages.
        public var notFound: [Int64]
    }

    /// Files the pages of `files` (one PDF, or one a page in order) as the edition of `date`.
    public func importPDF(_ files: [URL], date: EditionDate) async throws -> Summary {
        let scanned = try await scanner.scan(files, date: date)
        try await store.savePrintedPages(
            scanned.map { PrintedPageWords(page: $0.page, words: $0.words) }, publication: publication.name)
        let pages = scanned.map { ArticleTextLocator.PageWords(page: $0.page.number, words: $0.words) }
        var summary = Summary(pages: scanned.count, found: [:], notFound: [])
        let locator = ArticleTextLocator()
        for story in try await store.edition(on: date)?.articles ?? [] {
            guard let article = try await store.article(id: story.id) else { continue }
            let regions = locator.regions(of: article.content.bodyText, on: pages)
            guard !regions.isEmpty else {
                summary.notFound.append(article.id)
                continue
            }
            let printed = try PrintedArticle(regions: regions)
            try await store.savePrintedArticle(printed, articleID: article.id)
            summary.found[article.id] = printed.pages
        }
        return summary
    }
}
