/// What an element means for the blocks being built: everything not named here is inline,
/// and keeps its text.
enum HTMLElementRole: Equatable {
    /// Flattened into the surrounding text (`b`, `span`, `code`, and every unknown element).
    case inline
    /// Ends the text before it and starts new text (`p`, `div`, `section`, `tr`).
    case boundary
    case heading
    case quote
    case list(ordered: Bool)
    case item
    case figure
    case caption
    case credit
    case preformatted
    /// A link; `href` is the checked, resolved address, nil when it is missing or unsafe.
    case anchor(href: String?)
    /// A table cell: its text joins its row's, separated by ` | `.
    case cell
    /// Parsed, but its text is not part of the story (`head`).
    case dropped

    /// Elements that never have content or an end tag, and those whose content and end tag the
    /// tokenizer has already consumed: none of them is kept open.
    static let neverOpen = Set([
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr", "keygen",
    ]).union(HTMLTokenizer.skippedContent).union(HTMLTokenizer.rawTextContent)

    static let boundaries: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "address", "details",
        "summary", "center", "hgroup", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "caption",
        "form", "fieldset", "legend", "body", "html", "dialog", "search", "object", "video", "audio", "picture",
        "noscript",
    ]

    /// The role of an element with these attributes, given whether it is inside a figure or caption.
    static func of(_ name: String, classes: Set<String>, inFigure: Bool) -> HTMLElementRole {
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6": return .heading
        case "blockquote": return .quote
        case "ul", "menu", "dir": return .list(ordered: false)
        case "ol": return .list(ordered: true)
        case "li": return .item
        case "figure": return .figure
        case "figcaption": return .caption
        case "pre", "listing": return .preformatted
        case "td", "th": return .cell
        case "head": return .dropped
        default: break
        }
        // WordPress and many CMSs mark pictures and their captions with classes, not `figure`.
        if classes.contains("wp-caption") { return .figure }
        if classes.contains(where: { $0.contains("credit") || $0.contains("copyright") }) { return .credit }
        if classes.contains(where: { $0.contains("caption") }) { return .caption }
        if inFigure, name == "small" || name == "cite" { return .credit }
        return boundaries.contains(name) ? .boundary : .inline
    }

    /// The class attribute's tokens, lowercased.
    static func classes(_ attribute: String?) -> Set<String> {
        guard let attribute, !attribute.isEmpty else { return [] }
        return Set(
            attribute.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
    }
}
