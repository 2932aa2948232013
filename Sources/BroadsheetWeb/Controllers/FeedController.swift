import Broadsheet
import BroadsheetFormats
import Foundation
import Hummingbird

/// RSS 2.0, Atom and JSON Feed for the whole paper and for every section, topic and author:
/// the newest 50 published stories, in full.
struct FeedController<Context: RequestContext> {
    let site: Site
    static var entryCount: Int { 50 }

    func addRoutes(to router: Router<Context>) {
        for format in FeedFormat.allCases {
            router.get(SiteURL.feed(nil, format).route, use: site.cached { _, _ in try await siteFeed(format) })
            router.get(
                SiteURL.feed(.section(.key), format).route,
                use: site.cached { _, context in
                    try await sectionFeed(format, slug: context.parameters.decodedSlug)
                })
            router.get(
                SiteURL.feed(.topic(.key), format).route,
                use: site.cached { _, context in
                    try await topicFeed(format, slug: context.parameters.decodedSlug)
                })
            router.get(
                SiteURL.feed(.author(.key), format).route,
                use: site.cached { _, context in
                    try await authorFeed(format, slug: context.parameters.decodedSlug)
                })
        }
    }

    private func siteFeed(_ format: FeedFormat) async throws -> CachedPage {
        try await feed(
            format, title: site.publication.name, description: "The latest stories from \(site.publication.name)",
            scope: nil, query: ArticleQuery(), keys: [])
    }

    private func sectionFeed(_ format: FeedFormat, slug: Slug) async throws -> CachedPage {
        let section = try await site.existingSection(slug)
        return try await feed(
            format, title: "\(section.name) — \(site.publication.name)",
            description: "The latest \(section.name) stories from \(site.publication.name)",
            scope: .section(.value(slug)),
            query: ArticleQuery(section: slug), keys: [SurrogateKey.section(slug)])
    }

    private func topicFeed(_ format: FeedFormat, slug: Slug) async throws -> CachedPage {
        let topic = try await site.existingTopic(slug)
        return try await feed(
            format, title: "\(topic.name) — \(site.publication.name)",
            description: "The latest stories on \(topic.name) from \(site.publication.name)",
            scope: .topic(.value(slug)),
            query: ArticleQuery(topic: slug), keys: [SurrogateKey.topic(slug)])
    }

    private func authorFeed(_ format: FeedFormat, slug: Slug) async throws -> CachedPage {
        let author = try await site.existingAuthor(slug)
        return try await feed(
            format, title: "\(author.name) — \(site.publication.name)",
            description: "The latest stories by \(author.name) in \(site.publication.name)",
            scope: .author(.value(slug)),
            query: ArticleQuery(author: slug), keys: [SurrogateKey.author(slug)])
    }

    private func feed(
        _ format: FeedFormat, title: String, description: String, scope: FeedScope?, query: ArticleQuery,
        keys: [String]
    ) async throws -> CachedPage {
        // An export builds a listing's entries once for its three formats (`FeedMemo`).
        let content =
            if let memo = FeedMemo.current {
                try await memo.content(of: scope) { [self] in try await entries(query) }
            } else {
                try await entries(query)
            }
        let homePage = scope.map { SiteURL.listing($0.kind, $0.slug) } ?? .front
        let feed = Feed(
            title: title, description: description, homePageURL: homePage.url(in: site.publication),
            language: site.publication.language, publisher: site.publication.name, entries: content.entries)
        let selfURL = SiteURL.feed(scope, format).url(in: site.publication)
        let body: ByteBuffer =
            switch format {
            case .rss: ByteBuffer(string: RSSFeedWriter.write(feed, selfURL: selfURL))
            case .atom: ByteBuffer(string: AtomFeedWriter.write(feed, selfURL: selfURL))
            case .json: ByteBuffer(bytes: JSONFeedWriter.write(feed, selfURL: selfURL))
            }
        return CachedPage(status: .ok, headers: [.contentType: format.contentType], body: body)
            .tagged([SurrogateKey.feeds] + keys + content.keys)
    }

    /// The entries of the newest stories `query` finds, and their stories' surrogate keys.
    private func entries(_ query: ArticleQuery) async throws -> FeedMemo.Content {
        var query = query
        query.limit = Self.entryCount
        var retracted = query
        retracted.status = .retracted
        // Retracted stories that readers saw keep their entry, as a notice, among the newest.
        let summaries = try await
            (site.store.articles(matching: query).items
            + site.store.articles(matching: retracted).items)
            .sorted { ($0.published.instant, $0.id) > ($1.published.instant, $1.id) }.prefix(Self.entryCount)
        var content = FeedMemo.Content(entries: [], keys: [])
        // Read together: asked one at a time, a feed waited on the database twenty times.
        let ids = summaries.map(\.id)
        let articles =
            if let read = FeedStories.current {
                try await read.articles(ids: ids, in: site.store)
            } else {
                try await site.store.articles(ids: ids)
            }
        for article in articles {
            guard article.status == .published || article.retraction != nil else { continue }
            content.entries.append(FeedEntry(article: article, publication: site.publication, links: .site))
            content.keys.append(SurrogateKey.article(article.id))
        }
        return content
    }
}

extension FeedEntry.Links {
    /// The site's own addresses: the article page, its permanent `/news/{id}`, its authors' pages.
    static let site = FeedEntry.Links(
        permalink: { $0.permalink.url(in: $1) }, page: { $0.siteURL.url(in: $1) },
        author: { $0.siteURL.url(in: $1) })
}

extension Parameters {
    /// The `{slug}` of a section, topic or author address.
    var decodedSlug: Slug { Slug(verbatim: decoded("slug") ?? "") }
}

/// The three formats, by the file name each is served under.
public enum FeedFormat: String, CaseIterable, Sendable {
    case rss = "feed.xml"
    case atom = "atom.xml"
    case json = "feed.json"

    var contentType: String {
        switch self {
        case .rss: RSSFeedWriter.contentType
        case .atom: AtomFeedWriter.contentType
        case .json: JSONFeedWriter.contentType
        }
    }

    /// The media type a `<link rel="alternate">` names.
    var mediaType: String { String(contentType.prefix { $0 != ";" }) }

    /// The format of the feed at `path` ("/sections/world/atom.xml"); nil for an address whose
    /// last segment names no feed.
    init?(address path: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        self.init(rawValue: String(path[path.utf8.index(after: slash)...]))
    }

    var title: String {
        switch self {
        case .rss: "RSS"
        case .atom: "Atom"
        case .json: "JSON Feed"
        }
    }
}
