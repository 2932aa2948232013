import Broadsheet

/// An article's body as HTML, for the feeds that carry full content: each block its own
/// element, every piece of text escaped, the dateline leading the first paragraph.
public enum BodyHTML {
    public static func html(of blocks: [BodyBlock], dateline: Dateline?) -> String {
        var html = ""
        for (index, block) in blocks.enumerated() {
            let text = MarkupText.escape(block.text)
            switch block {
            case .paragraph:
                let lead = index == 0 ? dateline.map { "<strong>\(MarkupText.escape($0.place)):</strong> " } ?? "" : ""
                html += "<p>\(lead)\(text)</p>\n"
            case .heading: html += "<h2>\(text)</h2>\n"
            case .quote: html += "<blockquote><p>\(text)</p></blockquote>\n"
            }
        }
        return html
    }
}
