import Broadsheet
import Foundation

/// The body of a Ghost post when its export carries no `html`: the Lexical (Ghost 5) or
/// Mobiledoc (Ghost 1–4) document the editor saved, read for its blocks and words.
///
/// Unknown node and card types keep their text; nothing in them is taken as markup.
struct GhostBody {
    let links: HTMLLinkPolicy

    // MARK: - Lexical

    /// `{"root": {"children": [{"type": "paragraph", "children": [{"type": "text", "text": ...}]}]}}`
    func lexical(_ document: JSONValue) -> [BodyBlock] {
        guard case .array(let children)? = document["root"]?["children"] else { return [] }
        return children.flatMap(lexicalBlock)
    }

    private func lexicalBlock(_ node: JSONValue) -> [BodyBlock] {
        let type = node["type"].flatMap(Self.string) ?? ""
        switch type {
        case "heading", "extended-heading":
            return Self.nonEmpty(lexicalText(node)).map { [.heading($0)] } ?? []
        case "quote", "extended-quote", "aside":
            return Self.nonEmpty(lexicalText(node)).map { [.quote($0)] } ?? []
        case "list":
            let items = Self.children(node).compactMap { Self.nonEmpty(lexicalText($0)) }
            let ordered = node["listType"].flatMap(Self.string) == "number" || node["tag"].flatMap(Self.string) == "ol"
            return items.isEmpty ? [] : [.list(BodyList(ordered: ordered, items: items))]
        case "image":
            return image(
                src: node["src"].flatMap(Self.string), alt: node["altText"].flatMap(Self.string),
                caption: node["caption"].flatMap(Self.string))
        case "codeblock", "code":
            return (node["code"].flatMap(Self.string) ?? Self.nonEmpty(lexicalText(node))).map { [.preformatted($0)] }
                ?? []
        case "html":
            return HTMLBodyReader(baseURL: links.baseURL).blocks(from: node["html"].flatMap(Self.string) ?? "")
        case "markdown":
            let markdown = node["markdown"].flatMap(Self.string) ?? ""
            return MarkdownBlocks(links: links).blocks(
                markdown.split(separator: "\n", omittingEmptySubsequences: false))
        case "horizontalrule":
            return []
        default:
            return Self.nonEmpty(lexicalText(node)).map { PlainTextBody.blocks(from: $0) } ?? []
        }
    }

    /// The words under a node: text nodes' text, line breaks as `\n`, list items one a line.
    private func lexicalText(_ node: JSONValue) -> String {
        switch node["type"].flatMap(Self.string) {
        case "text", "extended-text": return node["text"].flatMap(Self.string) ?? ""
        case "linebreak": return "\n"
        default:
            return Self.children(node).map(lexicalText).joined()
        }
    }

    // MARK: - Mobiledoc

    /// `{"sections": [[1, "p", [[0, [], 0, "words"]]], [3, "ul", [[markers]]], [10, cardIndex]], "cards": [...]}`
    func mobiledoc(_ document: JSONValue) -> [BodyBlock] {
        guard case .array(let sections)? = document["sections"] else { return [] }
        let cards: [JSONValue]
        if case .array(let list)? = document["cards"] { cards = list } else { cards = [] }
        return sections.flatMap { section -> [BodyBlock] in
            guard case .array(let parts) = section, case .number(let kind)? = parts.first else { return [] }
            // `exactly`: a number no Int holds (1e300, a fraction) names no section type.
            switch Int(exactly: kind) {
            case 1:
                let tag = parts.count > 1 ? Self.string(parts[1]) ?? "p" : "p"
                guard parts.count > 2, let text = Self.nonEmpty(Self.markersText(parts[2])) else { return [] }
                switch tag.lowercased() {
                case "h1", "h2", "h3", "h4", "h5", "h6": return [.heading(text)]
                case "blockquote", "aside": return [.quote(text)]
                case "pre": return [.preformatted(text)]
                default: return [.paragraph(text)]
                }
            case 3:
                guard parts.count > 2, case .array(let items) = parts[2] else { return [] }
                let texts = items.compactMap { Self.nonEmpty(Self.markersText($0)) }
                let ordered = parts.count > 1 && Self.string(parts[1]) == "ol"
                return texts.isEmpty ? [] : [.list(BodyList(ordered: ordered, items: texts))]
            case 10:
                guard parts.count > 1, case .number(let number) = parts[1], let index = Int(exactly: number),
                    cards.indices.contains(index)
                else {
                    return []
                }
                return card(cards[index])
            default:
                return []
            }
        }
    }

    /// A Mobiledoc card: `["image", {"src": ..., "caption": ...}]`, `["html", {"html": ...}]`, ...
    private func card(_ card: JSONValue) -> [BodyBlock] {
        guard case .array(let parts) = card, let name = parts.first.flatMap(Self.string) else { return [] }
        let payload = parts.count > 1 ? parts[1] : .null
        switch name {
        case "image":
            return image(
                src: payload["src"].flatMap(Self.string), alt: payload["alt"].flatMap(Self.string),
                caption: payload["caption"].flatMap(Self.string))
        case "html":
            return HTMLBodyReader(baseURL: links.baseURL).blocks(from: payload["html"].flatMap(Self.string) ?? "")
        case "markdown", "card-markdown":
            let markdown = payload["markdown"].flatMap(Self.string) ?? ""
            return MarkdownBlocks(links: links).blocks(
                markdown.split(separator: "\n", omittingEmptySubsequences: false))
        case "code":
            return payload["code"].flatMap(Self.string).map { [.preformatted($0)] } ?? []
        case "embed":
            guard let url = links.resolve(payload["url"].flatMap(Self.string)) else { return [] }
            return [
                .embed(
                    EmbedLink(url: url, title: payload["caption"].flatMap(Self.string).map(HTMLBodyReader.plainText)))
            ]
        default:
            return []
        }
    }

    /// The text of a list of markers `[type, openMarkups, closeCount, value]`.
    private static func markersText(_ markers: JSONValue) -> String {
        guard case .array(let list) = markers else { return "" }
        return list.map { marker -> String in
            guard case .array(let parts) = marker, parts.count >= 4 else { return "" }
            return string(parts[3]) ?? ""
        }.joined()
    }

    // MARK: - Helpers

    /// A picture with its caption (captions are HTML in Ghost).
    func image(src: String?, alt: String?, caption: String?) -> [BodyBlock] {
        let caption = caption.map(HTMLBodyReader.plainText).flatMap(Self.nonEmpty)
        guard let url = links.resolve(src.map(GhostBody.withoutSiteURL)) else {
            return caption.map { [.paragraph($0)] } ?? []
        }
        return [.image(BodyImage(url: url, alt: alt.flatMap(Self.nonEmpty), caption: caption))]
    }

    /// Ghost writes its own address as `__GHOST_URL__` in exports; the path after it is the picture's.
    static func withoutSiteURL(_ text: String) -> String {
        text.replacingOccurrences(of: "__GHOST_URL__", with: "")
    }

    private static func children(_ node: JSONValue) -> [JSONValue] {
        if case .array(let children)? = node["children"] { return children }
        return []
    }

    static func string(_ value: JSONValue) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
