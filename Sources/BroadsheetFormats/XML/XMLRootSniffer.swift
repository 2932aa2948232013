import Foundation

/// Tells the XML formats apart from a file's first bytes, without parsing it: the root element's
/// name and, for RSS, whether it declares WordPress's export namespace.
///
/// `--format auto` uses it; reading stays with each format's reader, which checks the root again.
public enum XMLRootSniffer {
    /// The XML document kinds Broadsheet reads.
    public enum Kind: Hashable, Sendable {
        case nitf
        case newsMLG2
        case newsML1
        case rss
        case atom
        case wordPress
        /// XML, but with a root element of no format we read.
        case other(root: String)
    }

    /// How far into a file the root element is looked for (a long DOCTYPE or comment may precede it).
    static let window = 64 * 1024

    /// The kind of XML document `data` starts, or nil when it does not look like XML at all.
    public static func kind(of data: Data) -> Kind? {
        guard let tag = rootTag(in: data) else { return nil }
        let name = tag.name.split(separator: ":").last.map(String.init) ?? tag.name
        switch name {
        case "nitf": return .nitf
        case "newsMessage", "newsItem", "packageItem": return .newsMLG2
        case "NewsML": return .newsML1
        case "feed": return .atom
        case "rss", "RDF":
            return tag.text.contains("wordpress.org/export/") ? .wordPress : .rss
        default: return .other(root: tag.name)
        }
    }

    /// The root element's qualified name and the whole start tag's text.
    static func rootTag(in data: Data) -> (name: String, text: String)? {
        var text = headText(of: data)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rest = Substring(text).drop(while: \.isWhitespace)
        guard rest.first == "<" else { return nil }
        while rest.hasPrefix("<") {
            if rest.hasPrefix("<?") {
                guard let end = rest.range(of: "?>") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!") {
                guard let end = endOfDeclaration(rest) else { return nil }
                rest = rest[end...]
            } else {
                let tag = rest.dropFirst()
                let name = tag.prefix(while: { !$0.isWhitespace && $0 != ">" && $0 != "/" })
                // An XML name starts with a letter, `_` or `:`; anything else is not markup.
                guard let first = name.first, first.isLetter || first == "_" || first == ":" else { return nil }
                let close = tag.firstIndex(of: ">") ?? tag.endIndex
                return (String(name), String(tag[..<close]))
            }
            rest = rest.drop(while: \.isWhitespace)
        }
        return nil
    }

    /// The first `window` bytes as text: UTF-8, or UTF-16 when the bytes say so (a byte order mark,
    /// or a `<` as two bytes), as libxml2 would read them.
    private static func headText(of data: Data) -> String {
        let head = data.prefix(window)
        let start = Array(head.prefix(2))
        let encoding: String.Encoding?
        switch start {
        case [0xFF, 0xFE], [0x3C, 0x00]: encoding = .utf16LittleEndian
        case [0xFE, 0xFF], [0x00, 0x3C]: encoding = .utf16BigEndian
        default: encoding = nil
        }
        guard let encoding else { return String(decoding: head, as: UTF8.self) }
        let even = head.prefix(head.count - head.count % 2)
        return String(data: Data(even), encoding: encoding) ?? ""
    }

    /// Just past a `<!DOCTYPE …>`, whose internal subset in brackets may hold `>` characters.
    private static func endOfDeclaration(_ text: Substring) -> Substring.Index? {
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            switch text[index] {
            case "[": depth += 1
            case "]": depth -= 1
            case ">" where depth <= 0: return text.index(after: index)
            default: break
            }
            index = text.index(after: index)
        }
        return nil
    }
}
