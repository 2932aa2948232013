import Broadsheet

/// Turns NITF's `body.content` into body blocks: `p` paragraphs, `hl2` headings, `bq` quotes,
/// `block` groups, lists, `media` captions. Nothing textual is lost: an element we do not know
/// gives its text as a paragraph.
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
        case "p", "pre", "tagline", "credit":
            return element.normalizedText.map { [.paragraph($0)] } ?? []
        case "hl1", "hl2", "hl3", "h1", "h2", "h3", "h4":
            return element.normalizedText.map { [.heading($0)] } ?? []
        case "bq", "blockquote":
            return quote(element)
        case "block", "body.content", "div", "section", "nitf-table", "table", "tr":
            return blocks(in: element)
        case "ul", "ol", "dl":
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

    /// A photo's caption and credit, kept as text.
    private static func media(_ element: XMLTreeElement) -> [BodyBlock] {
        let caption = element.child("media-caption")?.normalizedText
        let credit = element.child("media-producer")?.normalizedText
        let text = [caption, credit.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        return text.isEmpty ? [] : [.paragraph(text)]
    }
}
