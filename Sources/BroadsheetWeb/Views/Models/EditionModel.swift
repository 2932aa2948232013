import Mustache

/// `edition.mustache`: the front page or `/epaper/{date}`, by section or by printed page.
struct EditionModel: PageContent {
    static let template = "edition"
    static let bundledTemplates: Set<String> = ["layout", "edition"]
    static func bundledHTML(_ page: PageModel<EditionModel>) -> String? { EditionPageHTML.html(page) }

    var heading: String
    var date_iso: String
    var article_count: Int
    var single_article: Bool
    var region: String?
    var groups: [GroupModel]
    var previous: EditionLinkModel?
    var next: EditionLinkModel?
    /// The edition as an EPUB book.
    var book_url: String
    /// Always false here; `EmptyFrontModel` is the archive with no edition.
    var empty = false
}

/// The front page of an archive that holds nothing yet, in `edition.mustache`.
struct EmptyFrontModel: PageContent {
    static let template = "edition"

    var empty = true
}

/// A section's stories in an edition, or a printed page's.
struct GroupModel {
    var name: String
    var url: String
    var articles: [CardModel]
}

struct EditionLinkModel {
    var url: String
    /// "April 28, 2025".
    var date: String
}

/// `page.mustache`: one page of an edition, as printed where the archive has the page.
struct PrintedPageModel: PageContent {
    static let template = "page"

    var heading: String
    var page_name: String
    var edition_url: String
    var articles: [CardModel]
    var previous: PageLinkModel?
    var next: PageLinkModel?
    /// The page as printed; empty for a page known only from its stories.
    var replica: Maybe<ReplicaModel> = nil
    /// The zooming viewer, for a page with a replica.
    var script_url: Maybe<String> = nil
    var thumbnails: [ThumbnailModel] = []
    var has_thumbnails = false
    var jumps: [JumpModel] = []
    var has_jumps = false
    var search: Maybe<PageSearchModel> = nil
}

struct PageLinkModel {
    var url: String
    var number: Int
}

extension EditionModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "date_iso": self.date_iso
        case "article_count": self.article_count
        case "single_article": self.single_article
        case "region": self.region
        case "groups": self.groups
        case "previous": self.previous
        case "next": self.next
        case "book_url": self.book_url
        case "empty": self.empty
        default: nil
        }
    }
}

extension EmptyFrontModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "empty": self.empty
        default: nil
        }
    }
}

extension GroupModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        case "articles": self.articles
        default: nil
        }
    }
}

extension EditionLinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": self.url
        case "date": self.date
        default: nil
        }
    }
}

extension PrintedPageModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "page_name": self.page_name
        case "edition_url": self.edition_url
        case "articles": self.articles
        case "previous": self.previous
        case "next": self.next
        case "replica": self.replica
        case "script_url": self.script_url
        case "thumbnails": self.thumbnails
        case "has_thumbnails": self.has_thumbnails
        case "jumps": self.jumps
        case "has_jumps": self.has_jumps
        case "search": self.search
        default: nil
        }
    }
}

extension PageLinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": self.url
        case "number": self.number
        default: nil
        }
    }
}
