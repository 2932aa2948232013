import BroadsheetFormats
import Mustache

/// A page's own model: its fields are the names its template reads, and `template` names the file.
///
/// Models answer mustache by name (`MustacheParent`) rather than through reflection, which made
/// rendering a page several times slower; `TemplateModelTests` checks every field is answered.
protocol PageContent: MustacheParent {
    static var template: String { get }
    /// The templates `bundledHTML` writes out, which the theme must keep for it to be used.
    static var bundledTemplates: Set<String> { get }
    /// The page as the bundled templates write it, made without mustache; nil to have them make it.
    static func bundledHTML(_ page: PageModel<Self>) -> String?
}

extension PageContent {
    static var bundledTemplates: Set<String> { [] }
    static func bundledHTML(_ page: PageModel<Self>) -> String? { nil }
}

/// What a template renders: the layout every page shares (`site`, `page`, `feeds`, `nav`, ...) and
/// the page's own fields, side by side at the top, as the templates have always read them.
struct PageModel<Content: PageContent>: MustacheParent {
    var layout: LayoutModel
    var content: Content

    func child(named name: String) -> Any? {
        layout.child(named: name) ?? content.child(named: name)
    }
}

/// The names `layout.mustache` reads, and those every page may use.
struct LayoutModel: MustacheParent {
    var site: SiteModel
    /// Makes `{{{nav_html}}}` and `{{{feeds_html}}}` from `nav.mustache` and `feed-links.mustache`.
    let rendering: FragmentRendering
    var page: PageHead
    /// The `<link rel="alternate">`s: the paper's feeds, then the page's own.
    var feeds: [FeedLinkModel] = []
    /// The sections in the masthead.
    var nav: [NavItemModel] = []
    /// OpenGraph and Twitter tags (articles); `{{{meta_html}}}` prints them ready made.
    var meta: [MetaTagModel] = []
    /// schema.org JSON-LD, already escaped for a `<script>`.
    var json_ld: [String] = []

    var has_nav: Bool { !nav.isEmpty }

    func child(named name: String) -> Any? {
        switch name {
        case "site": self.site
        case "page": self.page
        case "feeds": self.feeds
        case "nav": self.nav
        case "nav_html": rendering.html(for: .nav(nav))
        case "feeds_html": rendering.html(for: .feedLinks(feeds))
        case "has_nav": self.has_nav
        case "meta": self.meta
        case "meta_html": MetaTagModel.html(meta)
        case "json_ld": self.json_ld
        default: nil
        }
    }
}

struct SiteModel: Hashable {
    var name: String
    var base_url: String
    var language: String
    var dir: String
}

struct PageHead {
    var title: String
    var description: String?
    var canonical: String?
}

struct FeedLinkModel: Hashable, Sendable {
    var type: String
    var title: String
    var href: String
}

struct NavItemModel: Hashable, Sendable {
    var name: String
    var url: String
    var current: Bool
}

/// `<meta property=...>` (OpenGraph) or `<meta name=...>` (Twitter).
struct MetaTagModel {
    var property: Maybe<String>
    var name: Maybe<String>
    var content: String
    /// `property` or `name`: the attribute the tag's key is in, so that the layout prints a tag
    /// without a section for each attribute.
    var attribute: String { property.value == nil ? "name" : "property" }
    /// The tag's key ("og:title", "twitter:card").
    var key: String { property.value ?? name.value ?? "" }
}

/// A value a nested model may lack. A nil `Optional` field makes mustache look the name up again
/// in the enclosing models (a related story without a summary showed the article's own); an absent
/// `Maybe` is found, and is empty.
struct Maybe<Wrapped>: MustacheCustomRepresentation, ExpressibleByNilLiteral {
    var value: Wrapped?

    init(_ value: Wrapped?) { self.value = value }
    init(nilLiteral: ()) { value = nil }

    var representation: Any? { value }
}

extension Maybe: Equatable where Wrapped: Equatable {}
extension Maybe: Hashable where Wrapped: Hashable {}
extension Maybe: Sendable where Wrapped: Sendable {}

extension SiteModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "base_url": self.base_url
        case "language": self.language
        case "dir": self.dir
        default: nil
        }
    }
}

extension PageHead: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "description": self.description
        case "canonical": self.canonical
        default: nil
        }
    }
}

extension FeedLinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "type": self.type
        case "title": self.title
        case "href": self.href
        default: nil
        }
    }
}

extension NavItemModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        case "current": self.current
        default: nil
        }
    }
}

extension MetaTagModel {
    /// The tags as `<meta>` elements, one a line, escaped as templates escape: what the bundled
    /// layout prints. Its loop over `meta` read three names for each of a story's fifteen tags,
    /// a fifth of rendering its page.
    static func html(_ tags: [MetaTagModel]) -> String {
        var html = ""
        for tag in tags {
            html += "<meta \(tag.attribute)=\"\(MarkupText.escape(tag.key))\""
            html += " content=\"\(MarkupText.escape(tag.content))\">\n"
        }
        return html
    }
}

extension MetaTagModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "property": self.property
        case "name": self.name
        case "content": self.content
        case "attribute": self.attribute
        case "key": self.key
        default: nil
        }
    }
}
