/// A story's body as its page shows it, written as the bundled `body-*.mustache` templates write
/// it but without mustache: looking up each block's template and fields was a quarter of
/// rendering an article page. `article.mustache` prints it as `body_html` when the theme keeps
/// every bundled body template (`Theme.keepsBundledBodyBlocks`); a theme that replaces any has its
/// templates render every block. (The feeds' body, `BodyHTML`, is another: addresses made absolute.)
///
/// Each case writes what its template writes, escaped as mustache escapes (`MarkupContentType`);
/// a test renders every kind of block both ways and compares the pages.
enum ArticleBodyHTML {
    /// The blocks, each ending in its template's newline, the last one's left out: the line of
    /// `article.mustache` that prints them ends with it.
    static func html(_ blocks: [BodyBlockModel]) -> String {
        var html = ""
        html.reserveCapacity(blocks.reduce(0) { $0 + $1.text.utf8.count + 64 })
        for block in blocks {
            write(block, into: &html)
            html += "\n"
        }
        if !html.isEmpty { html.removeLast() }
        return html
    }

    /// One block as the template its `block_template` names writes it, without the newline.
    private static func write(_ block: BodyBlockModel, into html: inout String) {
        let escape = HTMLText.escape
        switch block.block_template {
        case "body-dateline-paragraph":
            html += #"<p><span class="dateline">"# + escape(block.dateline.value ?? "") + ":</span> "
            html += escape(block.text) + "</p>"
        case "body-heading": html += "<h2>" + escape(block.text) + "</h2>"
        case "body-quote": html += "<blockquote><p>" + escape(block.text) + "</p></blockquote>"
        case "body-preformatted": html += "<pre>" + escape(block.text) + "</pre>"
        case "body-list":
            let tag = block.ordered ? "ol" : "ul"
            html += "<" + tag + ">"
            for item in block.items { html += "<li>" + escape(item) + "</li>" }
            html += "</" + tag + ">"
        case "body-image":
            html += #"<figure class="story__figure">"#
            if let src = block.src.value {
                html += #"<img src=""# + escape(src) + #"" alt=""# + escape(block.alt)
                html += #"" loading="lazy" decoding="async">"#
            }
            if block.has_caption {
                html += "<figcaption>"
                if let caption = block.caption.value { html += escape(caption) }
                if let credit = block.credit.value { html += #" <small class="credit">"# + escape(credit) + "</small>" }
                html += "</figcaption>"
            }
            html += "</figure>"
        case "body-embed":
            html += #"<p class="story__embed">"#
            let title = escape(block.title.value ?? "")
            if let href = block.href.value {
                html += #"<a href=""# + escape(href) + #"" rel="nofollow noopener noreferrer">"# + title + "</a>"
            } else {
                html += title
            }
            html += "</p>"
        default: html += "<p>" + escape(block.text) + "</p>"
        }
    }
}
