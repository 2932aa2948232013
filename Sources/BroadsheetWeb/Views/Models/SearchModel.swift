import Mustache

/// `search.mustache`: the form, the hits, facets that narrow, and pages.
struct SearchModel: PageContent {
    static let template = "search"

    /// The words as typed, for the form.
    var q: String
    var newest: Bool
    var filters: [FilterModel]
    var has_filters: Bool
    /// The filters the form sends again with new words.
    var hidden: [HiddenFieldModel]
    /// No words yet: the help text shows.
    var prompt = false
    /// The words searched for, trimmed; absent before a search.
    var searched: String? = nil
    var none = false
    var scan_stopped = false
    /// "12 results", "More than 1,000 results".
    var count: String? = nil
    var hits: [CardModel] = []
    var relevance_link: String? = nil
    var newest_link: String? = nil
    var facets: [FacetGroupModel] = []
    /// How many matches the facets counted, when not all.
    var sampled: String? = nil
    var wide_prefixes: [WidePrefixModel] = []
    var pagination: PaginationModel? = nil
    /// Printed pages whose words answer the search.
    var printed: [PrintedHitModel] = []
}

/// A printed page that answers a search.
struct PrintedHitModel {
    /// The page, opened with the hits marked.
    var url: String
    var edition: String
    var label: String
    var thumbnail: String?
    var snippet_html: String
}

/// An active filter and the link that removes it.
struct FilterModel {
    var label: String
    var remove: String
}

struct HiddenFieldModel {
    var name: String
    var value: String
}

struct FacetGroupModel {
    var name: String
    var items: [FacetModel]
}

struct FacetModel {
    var label: String
    var count: Int
    var url: String
}

/// A prefix that stands for more words than a search uses.
struct WidePrefixModel {
    var prefix: String
    var count: Int
}

extension SearchModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "q": self.q
        case "newest": self.newest
        case "filters": self.filters
        case "has_filters": self.has_filters
        case "hidden": self.hidden
        case "prompt": self.prompt
        case "searched": self.searched
        case "none": self.none
        case "scan_stopped": self.scan_stopped
        case "count": self.count
        case "hits": self.hits
        case "relevance_link": self.relevance_link
        case "newest_link": self.newest_link
        case "facets": self.facets
        case "sampled": self.sampled
        case "wide_prefixes": self.wide_prefixes
        case "pagination": self.pagination
        case "printed": self.printed
        case "has_printed": !self.printed.isEmpty
        default: nil
        }
    }
}

extension PrintedHitModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": self.url
        case "edition": self.edition
        case "label": self.label
        case "thumbnail": self.thumbnail
        case "snippet_html": self.snippet_html
        default: nil
        }
    }
}

extension FilterModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "remove": self.remove
        default: nil
        }
    }
}

extension HiddenFieldModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "value": self.value
        default: nil
        }
    }
}

extension FacetGroupModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "items": self.items
        default: nil
        }
    }
}

extension FacetModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "count": self.count
        case "url": self.url
        default: nil
        }
    }
}

extension WidePrefixModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "prefix": self.prefix
        case "count": self.count
        default: nil
        }
    }
}
