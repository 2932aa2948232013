import Mustache

/// `listing.mustache`: a section's, topic's or author's stories, newest first.
struct ListingModel: PageContent {
    static let template = "listing"

    var heading: String
    /// `sections`, `topics` or `authors`.
    var kind: String
    /// "Topic", "News agency", "Reporter".
    var note: String?
    var articles: [CardModel]
    var pagination: PaginationModel
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
