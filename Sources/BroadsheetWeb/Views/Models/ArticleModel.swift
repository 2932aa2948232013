import Mustache

/// `article.mustache`: the whole story as printed.
struct ArticleModel: PageContent {
    static let template = "article"
    static let bundledTemplates: Set<String> = ["layout", "article"]
    static func bundledHTML(_ page: PageModel<ArticleModel>) -> String? { ArticlePageHTML.html(page) }

    var headline: String
    var summary: String?
    var byline: String?
    var authors: [AuthorLinkModel]
    var body: [BodyBlockModel]
    /// The body made in Swift (`ArticleBodyHTML`), when the theme keeps the bundled body templates and
    /// there is a body; else absent, and `article.mustache` renders `body` block by block.
    var body_html: Maybe<String> = nil
    var published: String
    var published_iso: String
    var updated: String?
    var updated_iso: String?
    var section: LinkModel
    var topics: [LinkModel]
    var has_topics: Bool
    var print_line: String
    var edition_url: String
    var corrections: [CorrectionModel]
    var has_corrections: Bool
    var related: [CardModel]
    var has_related: Bool
    var lang: String
    var dir: String
    /// Where the story is printed: "Printed on page 7", then "Continued on page 12".
    var printed: [PrintedPlaceModel] = []
    var has_printed = false
}

/// A link from the text view to the story's place on a printed page, with a picture of it there.
struct PrintedPlaceModel {
    /// "Printed on page 7" or "Continued on page 12".
    var note: String
    var url: String
    /// The story's part of the page; empty when the page has no image.
    var thumbnail: Maybe<String>
    var alt: String
    /// The story's part of the page as a clipping to share; empty when the page has no image.
    var clip: Maybe<String>
}

struct AuthorLinkModel {
    var name: String
    var url: String
    /// The first credit, which no comma precedes.
    var first: Bool
    var agency: Bool
    var staff: Bool
}

struct CorrectionModel {
    /// "Correction" or "Clarification".
    var kind: String
    var text: String
    var date: String
}

extension ArticleModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "headline": self.headline
        case "summary": self.summary
        case "byline": self.byline
        case "authors": self.authors
        case "body": self.body
        case "body_html": self.body_html
        case "published": self.published
        case "published_iso": self.published_iso
        case "updated": self.updated
        case "updated_iso": self.updated_iso
        case "section": self.section
        case "topics": self.topics
        case "has_topics": self.has_topics
        case "print_line": self.print_line
        case "edition_url": self.edition_url
        case "corrections": self.corrections
        case "has_corrections": self.has_corrections
        case "related": self.related
        case "has_related": self.has_related
        case "lang": self.lang
        case "dir": self.dir
        case "printed": self.printed
        case "has_printed": self.has_printed
        default: nil
        }
    }
}

extension PrintedPlaceModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "note": self.note
        case "url": self.url
        case "thumbnail": self.thumbnail
        case "alt": self.alt
        case "clip": self.clip
        default: nil
        }
    }
}

extension AuthorLinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        case "first": self.first
        case "agency": self.agency
        case "staff": self.staff
        default: nil
        }
    }
}

extension CorrectionModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": self.kind
        case "text": self.text
        case "date": self.date
        default: nil
        }
    }
}
