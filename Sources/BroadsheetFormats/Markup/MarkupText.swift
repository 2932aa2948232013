/// Escaping for the HTML and XML we write ourselves (feeds, sitemaps, the snippets of search
/// pages): text goes in escaped, then our own tags go around it.
public enum MarkupText {
    /// The five characters that matter in element content and attribute values.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Text fit for an XML 1.0 document: the characters XML forbids (most C0 controls, lone
    /// surrogates cannot occur in a Swift string) are dropped, then the rest is escaped.
    public static func escapeXML(_ text: String) -> String {
        escape(String(String.UnicodeScalarView(text.unicodeScalars.filter(isAllowedInXML))))
    }

    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
