import Broadsheet

extension PageContext {
    /// One body block as the article template reads it: its type as a flag and its own fields.
    ///
    /// Every flag and field of every type is set (absent ones to `false`), because mustache looks
    /// a missing key up in the enclosing contexts, and the page has a `title` and a `url` of its own.
    /// Image and embed URLs that `LinkSafety` does not allow are left out; their words stay.
    func bodyBlock(_ block: BodyBlock, dateline: Dateline?) -> [String: Any] {
        var item: [String: Any] = [
            "text": block.text, "dateline": dateline?.place ?? false, "ordered": false, "items": [String](),
            "src": false, "alt": "", "caption": false, "credit": false, "has_caption": false, "href": false,
            "title": false,
        ]
        for type in BodyBlock.types { item[type] = type == block.type }
        switch block {
        case .paragraph, .heading, .quote, .preformatted:
            break
        case .list(let list):
            item["ordered"] = list.ordered
            item["items"] = list.items
        case .image(let image):
            if LinkSafety.allows(image.url) { item["src"] = image.url }
            item["alt"] = image.alt ?? ""
            item["caption"] = image.caption ?? false
            item["credit"] = image.credit ?? false
            item["has_caption"] = image.caption != nil || image.credit != nil
        case .embed(let embed):
            if LinkSafety.allows(embed.url) { item["href"] = embed.url }
            item["title"] = embed.title ?? embed.url
        }
        return item
    }
}
