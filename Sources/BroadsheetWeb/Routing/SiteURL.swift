import Broadsheet

/// Every address the server answers, one case a route: the same case registers the route
/// (with `.key` parameters) and writes each link to it (with `.value`s), so a renamed route
/// cannot leave a page, feed, sitemap or JSON document pointing at the old address.
///
/// ```swift
/// router.get(SiteURL.article(.key, .key).route, use: article)   // "/news/{id}/{slug}"
/// SiteURL.article(.value(42), .value(slug)).path                 // "/news/42/harbour-bridge"
/// ```
public enum SiteURL: Hashable, Sendable {
    /// The latest edition.
    case front
    /// The calendar of editions.
    case archive
    case edition(Parameter<EditionDate>)
    case printedPage(Parameter<EditionDate>, Parameter<Int>)
    /// A part of a printed page a reader shares: `/epaper/{date}/{page}/clip/{x,y,w,h}`.
    case clipping(Parameter<EditionDate>, Parameter<Int>, Parameter<String>)
    /// The edition as an EPUB book.
    case editionBook(Parameter<EditionDate>)
    /// `/news/{id}`: survives a headline edit, and redirects to `article`.
    case permalink(Parameter<Int64>)
    case article(Parameter<Int64>, Parameter<Slug>)
    case section(Parameter<Slug>)
    case topic(Parameter<Slug>)
    case author(Parameter<Slug>)
    /// A numbered page of a section, topic or author, `/sections/{slug}/page/{page}`, page 1 the
    /// oldest (`ListingPages`): a path rather than a query, so a static copy of the site
    /// (`export --format static`) has a file for every page.
    case listingPage(FeedScope, Parameter<Int>)
    /// A feed of the whole paper (`scope` nil) or of a section, topic or author.
    case feed(FeedScope?, FeedFormat)
    case search
    case openSearch
    case robots
    case sitemapIndex
    /// One file of the sitemap index: `2025-04.xml`, `sections.xml`.
    case sitemap(Parameter<String>)
    case newsSitemap
    /// A theme's stylesheet, logo and other files.
    case staticFile(Parameter<String>)
    case health
    case metrics
    case api(APIRoute)
    /// The newsroom desk, for signed-in staff.
    case desk(DeskRoute)
    /// A page image's IIIF Image API service, which redirects to its `imageInfo`.
    case imageService(Parameter<String>)
    /// The service's `info.json`.
    case imageInfo(Parameter<String>)
    /// An image of the page: `{region}/{size}/{rotation}/{quality}.{format}`.
    case image(IIIFImageParameters)
    /// Every edition with printed pages, as a IIIF Presentation 3.0 collection.
    case iiifCollection
    /// An edition's printed pages as a IIIF Presentation 3.0 manifest.
    case editionManifest(Parameter<EditionDate>)
    /// The edition's IIIF Content Search 2.0 service: `?q=`.
    case editionSearch(Parameter<EditionDate>)
    /// A printed page's words as ALTO XML, in the page image's pixels.
    case pageALTO(Parameter<EditionDate>, Parameter<Int>)

    /// The listing a section, topic or author page is, with its slug.
    static func listing(_ kind: ListingKind, _ slug: Parameter<Slug>) -> SiteURL {
        switch kind {
        case .section: .section(slug)
        case .topic: .topic(slug)
        case .author: .author(slug)
        }
    }

    /// The path's segments after the leading `/`, in order.
    var segments: [PathSegment] {
        switch self {
        case .front: []
        case .archive: ["epaper"]
        case .edition(let date): ["epaper", date.segment("date")]
        case .printedPage(let date, let page): ["epaper", date.segment("date"), page.segment("page")]
        case .clipping(let date, let page, let region):
            ["epaper", date.segment("date"), page.segment("page"), "clip", region.segment("region")]
        case .editionBook(let date): ["epaper", date.segment("date", suffix: ".epub")]
        case .permalink(let id): ["news", id.segment("id")]
        case .article(let id, let slug): ["news", id.segment("id"), slug.segment("slug")]
        case .section(let slug): ["sections", slug.segment("slug")]
        case .topic(let slug): ["topics", slug.segment("slug")]
        case .author(let slug): ["authors", slug.segment("slug")]
        case .listingPage(let scope, let page):
            SiteURL.listing(scope.kind, scope.slug).segments + ["page", page.segment("page")]
        case .feed(let scope, let format):
            (scope.map { SiteURL.listing($0.kind, $0.slug).segments } ?? []) + [.fixed(format.rawValue)]
        case .search: ["search"]
        case .openSearch: ["opensearch.xml"]
        case .robots: ["robots.txt"]
        case .sitemapIndex: ["sitemap.xml"]
        case .sitemap(let name): ["sitemaps", name.segment("name")]
        case .newsSitemap: ["news-sitemap.xml"]
        case .staticFile(let name): ["static", name.segment("file")]
        case .health: ["healthz"]
        case .metrics: ["metrics"]
        case .api(let route): ["api", "v1"] + route.segments
        case .desk(let route): ["desk"] + route.segments
        case .imageService(let id): ["iiif", "3", id.segment("id")]
        case .imageInfo(let id): ["iiif", "3", id.segment("id"), "info.json"]
        case .image(let image):
            [
                "iiif", "3", image.id.segment("id"), image.region.segment("region"), image.size.segment("size"),
                image.rotation.segment("rotation"), image.file.segment("file"),
            ]
        case .iiifCollection: ["iiif", "3", "collection.json"]
        case .editionManifest(let date): ["iiif", "3", "editions", date.segment("date"), "manifest.json"]
        case .editionSearch(let date): ["iiif", "3", "editions", date.segment("date"), "search"]
        case .pageALTO(let date, let page):
            ["iiif", "3", "editions", date.segment("date"), "pages", page.segment("page"), "alto.xml"]
        }
    }
}

/// The five parts of a IIIF image request's address.
public struct IIIFImageParameters: Hashable, Sendable {
    var id: Parameter<String>
    var region: Parameter<String>
    var size: Parameter<String>
    var rotation: Parameter<String>
    /// `{quality}.{format}`.
    var file: Parameter<String>

    static let key = IIIFImageParameters(id: .key, region: .key, size: .key, rotation: .key, file: .key)

    static func value(id: String, region: String, size: String, rotation: String = "0", file: String = "default.jpg")
        -> IIIFImageParameters
    {
        IIIFImageParameters(
            id: .value(id), region: .value(region), size: .value(size), rotation: .value(rotation), file: .value(file))
    }
}

/// The section, topic or author a feed follows.
public struct FeedScope: Hashable, Sendable {
    var kind: ListingKind
    var slug: Parameter<Slug>

    static func section(_ slug: Parameter<Slug>) -> FeedScope { FeedScope(kind: .section, slug: slug) }
    static func topic(_ slug: Parameter<Slug>) -> FeedScope { FeedScope(kind: .topic, slug: slug) }
    static func author(_ slug: Parameter<Slug>) -> FeedScope { FeedScope(kind: .author, slug: slug) }
}

/// The JSON API's routes, under `/api/v1`.
public enum APIRoute: Hashable, Sendable {
    case articles
    case article(Parameter<Int64>)
    case publish(Parameter<Int64>)
    case unpublish(Parameter<Int64>)
    case corrections(Parameter<Int64>)
    case revisions(Parameter<Int64>)
    case revision(Parameter<Int64>, Parameter<Int>)
    case revisionDiff(Parameter<Int64>, Parameter<Int>)
    case editions
    case edition(Parameter<EditionDate>)
    /// The edition's printed pages.
    case printedPages(Parameter<EditionDate>)
    case printedPage(Parameter<EditionDate>, Parameter<Int>)
    case sections
    case topics
    case authors
    case search
    case openAPI
    case session
    case importBatch
    case users
    case user(Parameter<String>)
    case tokens
    case token(Parameter<Int64>)
    case audit

    var segments: [PathSegment] {
        switch self {
        case .articles: ["articles"]
        case .article(let id): ["articles", id.segment("id")]
        case .publish(let id): ["articles", id.segment("id"), "publish"]
        case .unpublish(let id): ["articles", id.segment("id"), "unpublish"]
        case .corrections(let id): ["articles", id.segment("id"), "corrections"]
        case .revisions(let id): ["articles", id.segment("id"), "revisions"]
        case .revision(let id, let number): ["articles", id.segment("id"), "revisions", number.segment("number")]
        case .revisionDiff(let id, let number):
            ["articles", id.segment("id"), "revisions", number.segment("number"), "diff"]
        case .editions: ["editions"]
        case .edition(let date): ["editions", date.segment("date")]
        case .printedPages(let date): ["editions", date.segment("date"), "pages"]
        case .printedPage(let date, let number): ["editions", date.segment("date"), "pages", number.segment("number")]
        case .sections: ["sections"]
        case .topics: ["topics"]
        case .authors: ["authors"]
        case .search: ["search"]
        case .openAPI: ["openapi.json"]
        case .session: ["session"]
        case .importBatch: ["import"]
        case .users: ["users"]
        case .user(let name): ["users", name.segment("name")]
        case .tokens: ["tokens"]
        case .token(let id): ["tokens", id.segment("id")]
        case .audit: ["audit"]
        }
    }
}
