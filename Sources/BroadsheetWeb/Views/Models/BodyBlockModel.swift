import Broadsheet
import Mustache

/// One body block: the template that shows it, its type as a flag for a theme that tests it
/// (`{{#paragraph}}`, `{{#image}}`, ...), and its fields.
///
/// Every field is present for every type, empty where the type has none, so a template never
/// picks up the page's own value of the same name.
struct BodyBlockModel {
    var paragraph = false
    var heading = false
    var quote = false
    var list = false
    var image = false
    var preformatted = false
    var embed = false
    /// The template that shows this block (`body-paragraph`, `body-image`, ...), for the article's
    /// `{{>*block_template}}`: one look-up a block, where a section for each type was seven.
    var block_template: String

    var text: String
    /// The place that opens the first paragraph ("KARACHI").
    var dateline: Maybe<String> = nil
    var ordered = false
    var items: [String] = []
    /// An image's address, absent when `LinkSafety` refused it; its words stay.
    var src: Maybe<String> = nil
    var alt = ""
    var caption: Maybe<String> = nil
    var credit: Maybe<String> = nil
    var has_caption = false
    /// An embed's address, absent when `LinkSafety` refused it.
    var href: Maybe<String> = nil
    var title: Maybe<String> = nil

    init(_ block: BodyBlock, dateline: Dateline?) {
        text = block.text
        // The paragraph the dateline opens has its own template: a section for a dateline that
        // every other paragraph lacks cost each of them a look-up.
        if case .paragraph = block, dateline != nil {
            block_template = "body-dateline-paragraph"
        } else {
            block_template = "body-" + block.type
        }
        self.dateline = Maybe(dateline?.place)
        switch block {
        case .paragraph: paragraph = true
        case .heading: heading = true
        case .quote: quote = true
        case .preformatted: preformatted = true
        case .list(let list):
            self.list = true
            ordered = list.ordered
            items = list.items
        case .image(let image):
            self.image = true
            if LinkSafety.allows(image.url) { src = Maybe(image.url) }
            alt = image.alt ?? ""
            caption = Maybe(image.caption)
            credit = Maybe(image.credit)
            has_caption = image.caption != nil || image.credit != nil
        case .embed(let embed):
            self.embed = true
            if LinkSafety.allows(embed.url) { href = Maybe(embed.url) }
            title = Maybe(embed.title ?? embed.url)
        }
    }
}

extension BodyBlockModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "paragraph": self.paragraph
        case "heading": self.heading
        case "quote": self.quote
        case "list": self.list
        case "image": self.image
        case "preformatted": self.preformatted
        case "embed": self.embed
        case "text": self.text
        case "dateline": self.dateline
        case "ordered": self.ordered
        case "items": self.items
        case "src": self.src
        case "alt": self.alt
        case "caption": self.caption
        case "credit": self.credit
        case "has_caption": self.has_caption
        case "href": self.href
        case "title": self.title
        case "block_template": self.block_template
        default: nil
        }
    }
}
