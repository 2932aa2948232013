import Mustache

/// `listing.mustache`: a section's, topic's or author's stories, newest first.
struct ListingModel: PageContent {
    static let template = "listing"
    static let bundledTemplates: Set<String> = ["layout", "listing"]
    static func bundledHTML(_ page: PageModel<ListingModel>) -> String? { ListingPageHTML.html(page) }

    var heading: String
    /// `sections`, `topics` or `authors`.
    var kind: String
    /// "Topic", "News agency", "Reporter".
    var note: String?
    var articles: [CardModel]
    var pagination: ListingPagerModel
}

/// A listing page's count and its "Newer" and "Older" links (`ListingPages`).
struct ListingPagerModel {
    /// How many stories the listing has: on its own address only, as every new story changes it.
    var total: Int?
    /// A numbered page's number; nil on the listing's own address.
    var page: Int?
    /// The days a numbered page's stories span, "2 March 2024 to 14 April 2024".
    var span: String?
    var newer: String?
    var older: String?
    /// Whether the listing has numbered pages.
    var show: Bool
}

/// `error.mustache`: any error a reader meets.
struct ErrorModel: PageContent {
    static let template = "error"

    var status: Int
    var heading: String
    var message: String
}

extension ListingModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "kind": self.kind
        case "note": self.note
        case "articles": self.articles
        case "pagination": self.pagination
        default: nil
        }
    }
}

extension ListingPagerModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "total": self.total
        case "page": self.page
        case "span": self.span
        case "newer": self.newer
        case "older": self.older
        case "show": self.show
        default: nil
        }
    }
}

extension ErrorModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "status": self.status
        case "heading": self.heading
        case "message": self.message
        default: nil
        }
    }
}
