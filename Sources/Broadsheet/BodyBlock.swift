/// One block of an article's body, in reading order.
///
/// Text is plain: formats that carry markup reduce it to these blocks, and the web layer
/// escapes it, so nothing a source sends can inject HTML into a page.
public enum BodyBlock: Hashable, Sendable {
    case paragraph(String)
    case heading(String)
    case quote(String)

    /// The name used in JSON (`{"type": "paragraph", "text": ...}`).
    public var type: String {
        switch self {
        case .paragraph: "paragraph"
        case .heading: "heading"
        case .quote: "quote"
        }
    }

    public var text: String {
        switch self {
        case .paragraph(let text), .heading(let text), .quote(let text): text
        }
    }
}

extension BodyBlock: Codable {
    private enum CodingKeys: String, CodingKey { case type, text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .text)
        switch try container.decode(String.self, forKey: .type) {
        case "paragraph": self = .paragraph(text)
        case "heading": self = .heading(text)
        case "quote": self = .quote(text)
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unknown body block type '\(other)'; expected paragraph, heading or quote")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(text, forKey: .text)
    }
}
