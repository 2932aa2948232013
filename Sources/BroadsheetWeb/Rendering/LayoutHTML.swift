/// The bundled `layout.mustache` around a page's `content` block, made in Swift for the pages
/// that are (`ArticlePageHTML`, `ListingPageHTML`, `EditionPageHTML`, `ArchivePageHTML`), so that
/// mustache no longer looks up the layout's twenty names through the stack on each of them.
///
/// A page made this way writes what its templates write, line by line: a section tag alone on its
/// line is dropped with the line's indent and end, as mustache drops it, and every value is
/// escaped by `MarkupText.escape`, as the templates' content type escapes it
/// (`MarkupContentType`). The masthead's sections, the feed links and the cards still come from
/// their own templates (`FragmentRendering`).
enum LayoutHTML {
    /// The whole page, the content block written by `content`. `size` is about how many bytes the
    /// content's longest value takes (an article's body), to reserve room for it once.
    static func page(_ layout: LayoutModel, around size: Int = 0, content: (inout String) -> Void) -> String {
        var html = ""
        html.reserveCapacity(size + 12_288)
        writeHead(layout, into: &html)
        html += "<main id=\"main\" tabindex=\"-1\">\n"
        content(&html)
        html += "\n</main>\n<footer class=\"footer\">\n  <p>" + HTMLText.escape(layout.site.name)
        html += " · <a href=\"/epaper\">Archive</a> · <a href=\"/api/v1/articles\">API</a></p>\n</footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    /// `layout.mustache` from its first line to `<main>`.
    private static func writeHead(_ layout: LayoutModel, into html: inout String) {
        let site = layout.site
        html +=
            "<!doctype html>\n<html lang=\"" + HTMLText.escape(site.language) + "\" dir=\"" + HTMLText.escape(site.dir)
            + "\">\n"
        html += "<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>" + HTMLText.escape(layout.page.title) + "</title>\n"
        if let description = layout.page.description {
            html += "<meta name=\"description\" content=\"" + HTMLText.escape(description) + "\">\n"
        }
        if let canonical = layout.page.canonical {
            html += "<link rel=\"canonical\" href=\"" + HTMLText.escape(canonical) + "\">\n"
        }
        html += "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
        html += MetaTagModel.html(layout.meta)
        for script in layout.json_ld { html += "<script type=\"application/ld+json\">" + script + "</script>\n" }
        html += layout.rendering.html(for: .feedLinks(layout.feeds))
        html +=
            "<link rel=\"search\" type=\"application/opensearchdescription+xml\" title=\"" + HTMLText.escape(site.name)
        html += "\" href=\"/opensearch.xml\">\n\n</head>\n<body>\n"
        html += "<a class=\"skip-link\" href=\"#main\">Skip to the content</a>\n<header class=\"masthead\">\n"
        html += "  <div class=\"masthead__inner\">\n"
        html += "    <p class=\"masthead__name\"><a href=\"/\">" + HTMLText.escape(site.name) + "</a></p>\n"
        html += "    <form class=\"masthead__search\" action=\"/search\" method=\"get\" role=\"search\">\n"
        html += "      <label for=\"masthead-q\" class=\"visually-hidden\">Search the archive</label>\n"
        html += "      <input id=\"masthead-q\" type=\"search\" name=\"q\" placeholder=\"Search the archive\">\n"
        html += "      <button type=\"submit\">Search</button>\n    </form>\n"
        html += "    <p class=\"masthead__links\"><a href=\"/epaper\">E-Paper archive</a></p>\n  </div>\n"
        if layout.has_nav {
            html += "  <nav class=\"sections\" aria-label=\"Sections\">\n    <ul>\n      "
            html += layout.rendering.html(for: .nav(layout.nav))
            html += "\n    </ul>\n  </nav>\n"
        }
        html += "</header>\n"
    }

    /// The HTML of `card`, as its fragment is rendered (`FragmentRendering`, `CardHTML`).
    static func card(_ card: CardModel) -> String { card.rendering.html(for: .card(card)) }
}
