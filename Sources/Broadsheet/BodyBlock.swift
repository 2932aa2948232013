/// One block of an article's body, in reading order.
///
/// Text is plain: formats that carry markup reduce it to these blocks, and the web layer
/// escapes it, so nothing a source sends can inject HTML into a page. URLs in images and
/// embeds are what a reader has already checked (http, https, or a path); the web layer checks again.
public enum BodyBlock: Hashable, Sendable {
    case paragraph(String)
    case heading(String)
    case quote(String)
    /// A bulleted or numbered list; each item is plain text.
    case list(BodyList)
    case image(BodyImage)
    /// Text whose line breaks and spacing matter: code, a table of results, verse set as printed.
    case preformatted(String)
    /// Something the source embedded (a video, a post) kept as a link to it.
    case embed(EmbedLink)

    /// Every `type` name, in declaration order.
    public static let types = ["paragraph", "heading", "quote", "list", "image", "preformatted", "embed"]

    /// The name used in JSON (`{"type": "paragraph", "text": ...}`).
    public var type: String {
        switch self {
        case .paragraph: "paragraph"
        case .heading: "heading"
        case .quote: "quote"
        case .list: "list"
        case .image: "image"
        case .preformatted: "preformatted"
        case .embed: "embed"
        }
    }

    /// The block's words, for search and summaries: list items one a line, an image's caption and credit.
    /// Every piece of text the block holds, its address and captions included.
    public var texts: [String] {
        switch self {
        case .paragraph(let text), .heading(let text), .quote(let text), .preformatted(let text): [text]
        case .list(let list): list.items
        case .image(let image): [image.url, image.alt ?? "", image.caption ?? "", image.credit ?? ""]
        case .embed(let embed): [embed.url, embed.title ?? ""]
        }
    }

    public var text: String {
        switch self {
        case .paragraph(let text), .heading(let text), .quote(let text), .preformatted(let text): text
        case .list(let list): list.items.joined(separator: "\n")
        case .image(let image): image.text
        case .embed(let embed): embed.title ?? embed.url
        }
    }
}

/// The items of a list block, and whether their order is part of the meaning.
public struct BodyList: Hashable, Sendable, Codable {
    public var ordered: Bool
    public var items: [String]

    public init(ordered: Bool, items: [String]) {
        self.ordered = ordered
        self.items = items
    }
}

/// A picture in the body, with the words that go with it.
public struct BodyImage: Hashable, Sendable, Codable {
    public var url: String
    /// What the picture shows, for readers who cannot see it.
    public var alt: String?
    public var caption: String?
    /// Who took or owns the picture ("Photo: Sana Mirza").
    public var credit: String?

    public init(url: String, alt: String? = nil, caption: String? = nil, credit: String? = nil) {
        self.url = url
        self.alt = alt
        self.caption = caption
        self.credit = credit
    }

    /// Caption and credit (or the alt text when there is no caption), one after the other.
    public var text: String {
        [caption ?? alt, credit].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// An embedded item kept as a link: the page shows a link, never the third party's script.
public struct EmbedLink: Hashable, Sendable, Codable {
    public var url: String
    public var title: String?

    public init(url: String, title: String? = nil) {
        self.url = url
        self.title = title
    }
}

extension BodyBlock: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, text, ordered, items, url, alt, caption, credit, title
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "paragraph": self = .paragraph(try container.decode(String.self, forKey: .text))
        case "heading": self = .heading(try container.decode(String.self, forKey: .text))
        case "quote": self = .quote(try container.decode(String.self, forKey: .text))
        case "preformatted": self = .preformatted(try container.decode(String.self, forKey: .text))
        case "list":
            self = .list(
                BodyList(
                    ordered: try container.decodeIfPresent(Bool.self, forKey: .ordered) ?? false,
                    items: try container.decode([String].self, forKey: .items)))
        case "image":
            self = .image(
                BodyImage(
                    url: try container.decode(String.self, forKey: .url),
                    alt: try container.decodeIfPresent(String.self, forKey: .alt),
                    caption: try container.decodeIfPresent(String.self, forKey: .caption),
                    credit: try container.decodeIfPresent(String.self, forKey: .credit)))
        case "embed":
            self = .embed(
                EmbedLink(
                    url: try container.decode(String.self, forKey: .url),
                    title: try container.decodeIfPresent(String.self, forKey: .title)))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unknown body block type '\(other)'; expected one of "
                    + Self.types.joined(separator: ", "))
        }
    }

    /// Every block carries `type` and `text`; the others add their own fields, `null` when absent,
    /// so clients see one shape per type.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(text, forKey: .text)
        switch self {
        case .paragraph, .heading, .quote, .preformatted:
            break
        case .list(let list):
            try container.encode(list.ordered, forKey: .ordered)
            try container.encode(list.items, forKey: .items)
        case .image(let image):
            try container.encode(image.url, forKey: .url)
            try container.encode(image.alt, forKey: .alt)
            try container.encode(image.caption, forKey: .caption)
            try container.encode(image.credit, forKey: .credit)
        case .embed(let embed):
            try container.encode(embed.url, forKey: .url)
            try container.encode(embed.title, forKey: .title)
        }
    }
}
