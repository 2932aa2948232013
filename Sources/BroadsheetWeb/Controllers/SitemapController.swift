import Broadsheet
import BroadsheetFormats
import Foundation
import Hummingbird

/// What search engines read: `/robots.txt`, the sitemap index, monthly sitemaps of articles and
/// edition pages, sitemaps of section and topic pages, and the Google News sitemap.
struct SitemapController<Context: RequestContext> {
    let site: Site
    /// Articles in one monthly sitemap; a busier month is split into parts. Below the protocol's
    /// 50,000 to leave room for the month's edition pages.
    static var articlesPerSitemap: Int { 45_000 }
    /// Google News lists what was published in the last two days.
    static var newsWindow: TimeInterval { 48 * 3600 }

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.robots.route, use: site.cached(robots))
        router.get(SiteURL.sitemapIndex.route, use: site.cached(index))
        router.get(SiteURL.sitemap(.key).route, use: site.cached(sitemap))
        router.get(SiteURL.newsSitemap.route, use: site.cached(news))
    }

    @Sendable func robots(_ request: Request, context: Context) async throws -> CachedPage {
        let text = """
            User-agent: *
            Disallow: /api/
            Disallow: \(SiteURL.search.path)

            Sitemap: \(url(.sitemapIndex))
            Sitemap: \(url(.newsSitemap))

            """
        return CachedPage(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: ByteBuffer(string: text)
        )
        .tagged([SurrogateKey.sitemaps])
    }

    @Sendable func index(_ request: Request, context: Context) async throws -> CachedPage {
        let months = try await site.store.archiveMonths()
        let editionMonths = Set(
            try await site.store.editions().compactMap { CalendarMonth(year: $0.date.year, month: $0.date.month) })
        var entries: [SitemapWriter.Location] = []
        for month in months {
            let parts = max(1, (month.articleCount + Self.articlesPerSitemap - 1) / Self.articlesPerSitemap)
            for part in 1...parts {
                entries.append(
                    .init(
                        url: url(.sitemap(.value(SitemapFile.name(month.month, part: part)))),
                        lastModified: month.lastModified))
            }
        }
        // An edition whose stories all went out the month before (a 1 May paper printed on the
        // evening of 30 April, in UTC) still needs its page listed.
        for month in editionMonths.subtracting(months.map(\.month)).sorted(by: >) {
            entries.append(.init(url: url(.sitemap(.value(SitemapFile.name(month, part: 1)))), lastModified: nil))
        }
        entries.append(.init(url: url(.sitemap(.value(SitemapFile.sections))), lastModified: nil))
        entries.append(.init(url: url(.sitemap(.value(SitemapFile.topics))), lastModified: nil))
        return xml(SitemapWriter.index(entries))
    }

    @Sendable func sitemap(_ request: Request, context: Context) async throws -> CachedPage {
        let name = context.parameters.get("name") ?? ""
        switch name {
        case SitemapFile.sections:
            let sections = try await site.store.sections().filter { $0.articleCount > 0 }
            return xml(
                SitemapWriter.urlset(
                    sections.map { .init(url: url(.section(.value($0.term.slug))), lastModified: nil) }))
        case SitemapFile.topics:
            let topics = try await site.store.topics().filter { $0.articleCount > 0 }
            return xml(
                SitemapWriter.urlset(topics.map { .init(url: url(.topic(.value($0.term.slug))), lastModified: nil) }))
        default:
            guard let (month, part) = SitemapFile.parse(name) else {
                throw HTTPError(.notFound, message: "Monthly sitemaps are named like /sitemaps/2025-04.xml.")
            }
            return try await monthly(month, part: part)
        }
    }

    private func monthly(_ month: CalendarMonth, part: Int) async throws -> CachedPage {
        let interval = month.interval
        let stamps = try await site.store.articleStamps(
            publishedIn: interval, limit: Self.articlesPerSitemap, offset: (part - 1) * Self.articlesPerSitemap)
        var locations: [SitemapWriter.Location] = []
        if part == 1 {
            locations += try await site.store.editions(in: month).reversed()
                .map { .init(url: url(.edition(.value($0.date))), lastModified: nil) }
        }
        if stamps.isEmpty && (part > 1 || locations.isEmpty) {
            throw HTTPError(.notFound, message: "The archive has nothing published in \(month.iso).")
        }
        locations += stamps.map { .init(url: url($0.siteURL), lastModified: $0.lastModified) }
        return xml(SitemapWriter.urlset(locations))
    }

    @Sendable func news(_ request: Request, context: Context) async throws -> CachedPage {
        let now = Date()
        let recent = try await site.store.articleStamps(
            publishedIn: DateInterval(start: now.addingTimeInterval(-Self.newsWindow), end: now.addingTimeInterval(60)),
            limit: 1000, offset: 0)
        let stories = recent.reversed().map { stamp in
            SitemapWriter.NewsLocation(
                url: url(stamp.siteURL), title: stamp.headline, language: stamp.language, published: stamp.published)
        }
        return xml(SitemapWriter.news(stories, publication: site.publication.name, language: site.publication.language))
    }

    private func url(_ address: SiteURL) -> String { address.url(in: site.publication) }

    private func xml(_ text: String) -> CachedPage {
        CachedPage(status: .ok, headers: [.contentType: SitemapWriter.contentType], body: ByteBuffer(string: text))
            .tagged([SurrogateKey.sitemaps])
    }
}

/// How sitemap files are named: `2025-04.xml`, a busy month's second part `2025-04-2.xml`,
/// and the two files of sections and topics.
enum SitemapFile {
    static let sections = "sections.xml"
    static let topics = "topics.xml"

    static func name(_ month: CalendarMonth, part: Int) -> String {
        month.iso + (part > 1 ? "-\(part)" : "") + ".xml"
    }

    static func parse(_ file: String) -> (CalendarMonth, part: Int)? {
        guard file.hasSuffix(".xml") else { return nil }
        let fields = file.dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, fields[0].count == 4, fields[1].count == 2,
            let year = Int(fields[0]), let number = Int(fields[1]), let month = CalendarMonth(year: year, month: number)
        else { return nil }
        var part = 1
        if fields.count == 3 {
            guard let number = Int(fields[2]), number >= 2, number <= 10_000 else { return nil }
            part = number
        }
        return (month, part)
    }
}
