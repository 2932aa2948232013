import Broadsheet
import Foundation
import NIOCore

/// `broadsheet export --format static`: the whole reader site as files a plain web server or a CDN
/// serves at the same addresses (`StaticLayout`). Every page is rendered by the server's own router
/// (`SiteRenderer`), so its bytes are what the server sends; the archive is walked through the store
/// a page of articles at a time, so memory stays flat whatever its size. `StaticSiteFolder` writes
/// only what changed since the last export.
public struct StaticExport: Sendable {
    public let site: Site
    public let folder: URL
    /// Only count and list what would change.
    public let checking: Bool
    /// Pages rendered at once.
    static var width: Int { 4 }

    public init(site: Site, folder: URL, checking: Bool = false) {
        self.site = site
        self.folder = folder
        self.checking = checking
    }

    /// What one export did.
    public struct Summary: Sendable {
        public var changes: StaticSiteChanges
        /// Addresses rendered, files and pages.
        public var rendered: Int
        /// Files pages link to that the server does not answer either (`404 /epaper/2025-04-27.epub`).
        public var skipped: [String]
    }

    /// Writes the site (or with `checking` works out what would change); `progress` hears how many
    /// addresses are done, now and then.
    public func run(progress: @Sendable (Int) -> Void = { _ in }) async throws -> Summary {
        let output = try StaticSiteFolder(root: folder, checking: checking)
        var run = ExportRun(renderer: SiteRenderer(site: site), folder: output, publication: site.publication)
        for path in fixedPaths() { try await run.render([.required(path)]) }
        for edition in try await site.store.editions() {
            try await run.render(try await editionPaths(edition.date))
        }
        progress(run.rendered)
        var query = ArticleQuery(limit: ArticleQuery.maximumLimit)
        let search = try OfflineSearchIndex(articles: try await site.store.count(matching: query))
        while true {
            let page = try await site.store.articles(matching: query)
            try await index(page.items, into: search)
            try await run.render(
                page.items.flatMap { summary in
                    [
                        ExportPath.required(SiteURL.article(.value(summary.id), .value(summary.slug)).path),
                        .required(SiteURL.permalink(.value(summary.id)).path),
                    ]
                })
            progress(run.rendered)
            guard let next = page.nextCursor else { break }
            query.cursor = next
        }
        for (scope, query) in try await listings() {
            let total = try await site.store.count(matching: query)
            guard total > 0 else { continue }
            let listing = SiteURL.listing(scope.kind, scope.slug)
            let pages =
                (total + ReaderController<BroadsheetRequestContext>.perPage - 1)
                / ReaderController<BroadsheetRequestContext>.perPage
            try await run.render(
                (1...pages).map { .required(listing.path(page: $0)) }
                    + FeedFormat.allCases.map { .required(SiteURL.feed(scope, $0).path) })
            progress(run.rendered)
        }
        try search.finish(into: output)
        try output.finish()
        return Summary(changes: output.changes, rendered: run.rendered, skipped: run.skipped)
    }

    /// Adds a page of published stories to the offline search's index.
    private func index(_ summaries: [ArticleSummary], into search: OfflineSearchIndex) async throws {
        for summary in summaries {
            guard let article = try await site.store.article(id: summary.id), article.status == .published else {
                continue
            }
            try search.add(
                article, url: SiteURL.article(.value(article.id), .value(article.slug)).href,
                date: site.dates.text(article.content.published))
        }
    }

    /// The addresses that do not depend on the archive's contents.
    private func fixedPaths() -> [String] {
        let fixed: [SiteURL] = [
            .front, .archive, .search, .openSearch, .robots, .sitemapIndex, .newsSitemap, .iiifCollection,
            // Every page's footer links to the API; a copy answers with its first page, as of the export.
            .api(.articles),
        ]
        return fixed.map(\.path) + FeedFormat.allCases.map { SiteURL.feed(nil, $0).path }
            + site.theme.staticFiles.keys.sorted().map { SiteURL.staticFile(.value($0)).path }
    }

    /// An edition, its pages (text and printed), and its book where it has one.
    private func editionPaths(_ date: EditionDate) async throws -> [ExportPath] {
        async let stored = site.store.edition(on: date)
        async let printed = site.store.printedPages(on: date)
        let text = (try await stored)?.pages.map(\.number) ?? []
        let numbers = Set(text).union((try await printed).map(\.number))
        return [.required(SiteURL.edition(.value(date)).path)]
            + numbers.sorted().map { .required(SiteURL.printedPage(.value(date), .value($0)).path) }
            // An edition with no published story has no book; the server answers 404 and so do we.
            + [.optional(SiteURL.editionBook(.value(date)).path)]
    }

    /// Every section, topic and author with a published story, and the query its listing runs.
    private func listings() async throws -> [(FeedScope, ArticleQuery)] {
        let sections = try await site.store.sections().map {
            (FeedScope.section(.value($0.term.slug)), ArticleQuery(section: $0.term.slug))
        }
        let topics = try await site.store.topics().map {
            (FeedScope.topic(.value($0.term.slug)), ArticleQuery(topic: $0.term.slug))
        }
        let authors = try await site.store.authors().map {
            (FeedScope.author(.value($0.term.slug)), ArticleQuery(author: $0.term.slug))
        }
        return sections + topics + authors
    }
}

/// An address to export, and whether a failure to render it stops the export.
enum ExportPath: Sendable {
    case required(String)
    /// A file a page may link to (a book, a page image): skipped when the server has none.
    case optional(String)

    var path: String {
        switch self {
        case .required(let path), .optional(let path): path
        }
    }
}
