import Broadsheet

/// The pictures a ninjs item carries as `associations` (2.x/3.x an array, 1.x an object of
/// named items), each with its renditions: wire stories send their photos this way.
///
/// The rendition kept is the widest (else the first) with an `href`; the caption is the
/// association's description (else its headline), the credit its `by` (else its copyright holder).
enum NinjsPictures {
    /// How deep associations are followed: a gallery in a story is two levels.
    static let maximumDepth = 3

    static func images(_ fields: JSONFields, links: HTMLLinkPolicy, depth: Int = 1) throws(JSONFieldError)
        -> [BodyImage]
    {
        var associations: [JSONFields] = []
        if case .object(let named)? = fields.members["associations"] {
            for name in named.keys.sorted() {
                if case .object(let members) = named[name]! {
                    associations.append(JSONFields(members, path: "associations.\(name)."))
                }
            }
        } else {
            associations = try fields.objects("associations")
        }
        var images: [BodyImage] = []
        for association in associations {
            // A gallery or a related story brings its own pictures.
            if depth < maximumDepth, association.has("associations") {
                images += try self.images(association, links: links, depth: depth + 1)
            }
            let type = try association.string("type")?.lowercased()
            guard type == nil || type == "picture" || type == "graphic" || type == "image" else { continue }
            guard let url = links.resolve(try rendition(association)) else { continue }
            images.append(
                BodyImage(
                    url: url, alt: nil, caption: try caption(association),
                    credit: try association.firstString("by", "byline", "copyrightholder")))
        }
        return images
    }

    /// A picture item's own picture: its widest rendition, captioned by its description.
    static func own(_ fields: JSONFields, links: HTMLLinkPolicy) throws(JSONFieldError) -> BodyImage? {
        guard let url = links.resolve(try rendition(fields)) else { return nil }
        return BodyImage(
            url: url, alt: nil, caption: try caption(fields),
            credit: try fields.firstString("by", "byline", "copyrightholder"))
    }

    /// The widest rendition's `href`, else the first one's.
    private static func rendition(_ association: JSONFields) throws(JSONFieldError) -> String? {
        var renditions: [JSONFields] = []
        if case .object(let named)? = association.members["renditions"] {
            for name in named.keys.sorted() {
                if case .object(let members) = named[name]! { renditions.append(JSONFields(members)) }
            }
        } else {
            renditions = try association.objects("renditions")
        }
        var best: (width: Double, href: String)?
        for rendition in renditions {
            guard let href = try rendition.string("href") else { continue }
            var width = 0.0
            if case .number(let number)? = rendition.members["width"] { width = number }
            if best == nil || width > best!.width { best = (width, href) }
        }
        return best?.href
    }

    private static func caption(_ association: JSONFields) throws(JSONFieldError) -> String? {
        for key in ["descriptions", "headlines"] {
            for entry in try association.objects(key) {
                if let value = try entry.string("value") { return HTMLBodyReader.plainText(value) }
            }
        }
        if let text = try association.firstString("description_text", "description_html", "headline") {
            return HTMLBodyReader.plainText(text)
        }
        return nil
    }
}
