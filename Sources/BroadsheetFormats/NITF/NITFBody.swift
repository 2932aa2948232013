import Broadsheet

/// Turns NITF's `body.content` into body blocks: `p` paragraphs, `hl2` headings, `bq` quotes,
/// `block` groups, `ul`/`ol` lists, `pre` preformatted text, `media` images (address checked by
/// the same rule as HTML bodies). Nothing textual is lost: an element we do not know gives its
/// text as a paragraph.
enum NITFBody {
    static func blocks(in content: XMLTreeElement) -> [BodyBlock] {
        var blocks: [BodyBlock] = []
        for child in content.children {
            switch child {
            case .text(let text):
                let normalized = XMLText.normalized(text)
                if !normalized.isEmpty { blocks.append(.paragraph(normalized)) }
            case .element(let element):
                blocks += self.blocks(for: element)
            }
        }
        return blocks
    }

    private static func blocks(for element: XMLTreeElement) -> [BodyBlock] {
        switch element.name {
        case "pre":
            let text = element.text.trimmingCharacters(in: .newlines)
            return text.allSatisfy(\.isWhitespace) ? [] : [.preformatted(text)]
        case "p", "tagline", "credit":
            return element.normalizedText.map { [.paragraph($0)] } ?? []
        case "hl1", "hl2", "hl3", "h1", "h2", "h3", "h4":
            return element.normalizedText.map { [.heading($0)] } ?? []
        case "bq", "blockquote":
            return quote(element)
        case "block", "body.content", "div", "section", "nitf-table", "table", "tr":
            return blocks(in: element)
        case "ul", "ol":
            let items = element.elements.compactMap(\.normalizedText)
            return items.isEmpty ? [] : [.list(BodyList(ordered: element.name == "ol", items: items))]
        case "dl":
            return element.elements.compactMap(\.normalizedText).map(BodyBlock.paragraph)
        case "media":
            return media(element)
        default:
            return element.normalizedText.map { [.paragraph($0)] } ?? []
        }
    }

    /// A block quote's paragraphs as one quote, with its credit after a dash.
    private static func quote(_ element: XMLTreeElement) -> [BodyBlock] {
        var paragraphs: [String] = []
        var credit: String?
        for child in element.elements {
            if child.name == "credit" {
                credit = child.normalizedText
            } else {
                paragraphs += blocks(for: child).map(\.text)
            }
        }
        if paragraphs.isEmpty, let text = element.normalizedText, credit == nil { paragraphs = [text] }
        guard !paragraphs.isEmpty else { return credit.map { [.paragraph($0)] } ?? [] }
        var text = paragraphs.joined(separator: " ")
        if let credit { text += " — " + credit }
        return [.quote(text)]
    }

    /// A photo with its caption and credit; media that is not a picture (or has no safe address)
    /// keeps its words as a paragraph.
    private static func media(_ element: XMLTreeElement) -> [BodyBlock] {
        let caption = element.child("media-caption")?.normalizedText
        let credit = element.child("media-producer")?.normalizedText
        let reference = element.child("media-reference")
        let isImage = (element[attribute: "media-type"] ?? "image").lowercased() == "image"
        if isImage, let url = HTMLLinkPolicy(baseURL: nil).resolve(reference?[attribute: "source"]) {
            let alt = reference?[attribute: "alternate-text"]
            return [.image(BodyImage(url: url, alt: alt, caption: caption, credit: credit))]
        }
        let text = [caption, credit.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        return text.isEmpty ? [] : [.paragraph(text)]
    }
}
