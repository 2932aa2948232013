/// WordPress stores classic posts without `<p>` tags: paragraphs are separated by blank lines and
/// `wpautop` adds the tags when a page is shown. This does the same before the HTML is read, so
/// a migrated post keeps its paragraphs.
///
/// ```
/// "First.\n\nSecond, <em>with</em> markup.\n\n<h2>Head</h2>"
/// → "<p>First.</p>\n<p>Second, <em>with</em> markup.</p>\n<h2>Head</h2>"
/// ```
/// A chunk that starts with a block element (or any closing tag) is left as it is, and so is
/// block-editor content, which carries its own tags.
enum WordPressParagraphs {
    static func marked(_ content: String) -> String {
        let normalized = content.replacingOccurrences(of: "\r\n", with: "\n")
        var chunks: [String] = []
        var current: [Substring] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { chunks.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { chunks.append(current.joined(separator: "\n")) }
        return chunks.map { chunk in
            let trimmed = chunk.drop(while: \.isWhitespace)
            return startsWithBlock(trimmed)
                ? String(trimmed) : "<p>" + trimmed.replacingOccurrences(of: "\n", with: "<br>") + "</p>"
        }.joined(separator: "\n")
    }

    private static let blockElements: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre",
        "figure", "figcaption", "table", "thead", "tbody", "tr", "td", "th", "hr", "section", "article", "aside",
        "iframe", "embed", "video", "audio", "address", "form", "!--",
    ]

    private static func startsWithBlock(_ text: Substring) -> Bool {
        guard text.first == "<" else { return false }
        let rest = text.dropFirst()
        if rest.first == "/" { return true }
        if rest.hasPrefix("!--") { return true }
        let name = rest.prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
        return blockElements.contains(name)
    }
}
