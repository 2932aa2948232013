import Broadsheet
import BroadsheetImages
import Foundation

/// Files an edition's printed pages, then places its filed stories on them: a printing plant's
/// PDF (`broadsheet import --edition DATE edition.pdf`, here) or a library's METS/ALTO issue or
/// NDNP batch (`PrintedEditionImporter+METS.swift`).
///
/// Filing pages replaces the regions on them, so every import of pages places the edition's
/// stories again: those a METS structure marks out from it, the rest by matching their text to
/// the pages' words (`ArticleTextLocator`).
public struct PrintedEditionImporter: Sendable {
    public typealias Store = PrintedPageFiling & ArchiveReading & ArticleFiling

    public let store: any Store
    public let publication: Publication
    public let images: any PageImageStore
    public let scanner: PDFEditionScanner

    public init(store: any Store, publication: Publication, images: any PageImageStore) {
        self.store = store
        self.publication = publication
        self.images = images
        self.scanner = PDFEditionScanner(images: images)
    }

    /// What an import of printed pages did.
    public struct Summary: Hashable, Sendable {
        /// The editions whose pages were filed, in the order they were.
        public var editions: [EditionDate] = []
        public var pages = 0
        /// The METS articles filed as stories: created, updated, unchanged, failed (each with its line).
        public var articles = ImportSummary()
        /// Stories placed by a METS structure, with the pages each is on.
        public var marked: [Int64: [Int]] = [:]
        /// The edition's other published stories found on the pages by their text, with their pages.
        public var found: [Int64: [Int]] = [:]
        /// The edition's other published stories whose text is not on these pages.
        public var notFound: [Int64] = []
        /// Issues of a batch that were not filed, and why.
        public var failed: [String] = []

        public init() {}

        public var succeeded: Bool { failed.isEmpty && articles.succeeded }

        public mutating func merge(_ other: Summary) {
            editions += other.editions
            pages += other.pages
            articles.merge(other.articles)
            marked.merge(other.marked) { $1 }
            found.merge(other.found) { $1 }
            notFound += other.notFound
            failed += other.failed
        }
    }

    /// Files the pages of `files` (one PDF, or one a page in order) as the edition of `date`.
    public func importPDF(_ files: [URL], date: EditionDate) async throws -> Summary {
        let scanned = try await scanner.scan(files, date: date)
        var summary = Summary()
        summary.editions = [date]
        try await file(scanned, into: &summary)
        try await findStories(of: date, on: scanned, skipping: [], into: &summary)
        return summary
    }

    /// Files pages of one edition with their words, in one transaction.
    func file(_ pages: [ScannedPage], into summary: inout Summary) async throws {
        try await store.savePrintedPages(
            pages.map { PrintedPageWords(page: $0.page, words: $0.words) }, publication: publication.name)
        summary.pages += pages.count
    }

    /// Finds the edition's published stories, but those in `placed`, on `pages` by their text,
    /// and files where each was printed.
    func findStories(
        of date: EditionDate, on pages: [ScannedPage], skipping placed: Set<Int64>, into summary: inout Summary
    ) async throws {
        let words = pages.map { ArticleTextLocator.PageWords(page: $0.page.number, words: $0.words) }
        let locator = ArticleTextLocator()
        for story in try await store.edition(on: date)?.articles ?? [] where !placed.contains(story.id) {
            guard let article = try await store.article(id: story.id) else { continue }
            let regions = locator.regions(of: article.content.bodyText, on: words)
            guard !regions.isEmpty else {
                summary.notFound.append(article.id)
                continue
            }
            let printed = try PrintedArticle(regions: regions)
            try await store.savePrintedArticle(printed, articleID: article.id)
            summary.found[article.id] = printed.pages
        }
    }
}
