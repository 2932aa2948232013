import Broadsheet
import Mustache

/// One story in a list (`card.mustache`, and the search page's hits).
///
/// Hashable by what it shows: an export renders each card once (`FragmentMemo`).
struct CardModel: Hashable, Sendable {
    var url: String
    var headline: String
    var published: String
    var published_iso: String
    var section: LinkModel
    var lang: String
    var dir: String
    var summary: Maybe<String>
    var byline: Maybe<String>
    var dateline: Maybe<String>
    /// The search page's highlighted excerpt: escaped text and `<mark>`, for `{{{ }}}`.
    var snippet_html: Maybe<String> = nil
    /// A search hit's printed page, opened with the search's words marked on it.
    var on_page: Maybe<LinkModel> = nil
    /// Makes `{{{card_html}}}`, the card as `card.mustache` shows it.
    let rendering: FragmentRendering
}

/// A named link: a section, a topic.
struct LinkModel: Hashable {
    var name: String
    var url: String
}

/// "Newer" and "Older" links of a listing or of search results, and "page 2 of 7".
struct PaginationModel {
    var page: Int
    var pages: Int
    var total: Int
    var newer: String?
    var older: String?
    var show: Bool
}

extension CardModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": self.url
        case "headline": self.headline
        case "published": self.published
        case "published_iso": self.published_iso
        case "section": self.section
        case "lang": self.lang
        case "dir": self.dir
        case "summary": self.summary
        case "byline": self.byline
        case "dateline": self.dateline
        case "snippet_html": self.snippet_html
        case "on_page": self.on_page
        case "card_html": rendering.html(for: .card(self))
        default: nil
        }
    }
}

extension LinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        default: nil
        }
    }
}

extension PaginationModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": self.page
        case "pages": self.pages
        case "total": self.total
        case "newer": self.newer
        case "older": self.older
        case "show": self.show
        default: nil
        }
    }
}
