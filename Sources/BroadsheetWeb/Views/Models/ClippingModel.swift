import Mustache

/// `clipping.mustache`: a cut part of a printed page, what it holds, and where it came from.
struct ClippingModel: PageContent {
    static let template = "clipping"

    /// The story's headline when the clipping holds one story, else where it was cut from.
    var title: String
    /// "The Daily Ledger, April 29, 2025, page 3".
    var source: String
    /// The picture; empty when the page has no image.
    var image: Maybe<String>
    var width: Int
    var height: Int
    var alt: String
    var page_url: String
    var stories: [CardModel]
}

extension ClippingModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "source": self.source
        case "image": self.image
        case "width": self.width
        case "height": self.height
        case "alt": self.alt
        case "page_url": self.page_url
        case "stories": self.stories
        case "has_stories": !self.stories.isEmpty
        default: nil
        }
    }
}
