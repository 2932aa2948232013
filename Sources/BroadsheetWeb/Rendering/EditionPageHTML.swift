/// An edition's page as the bundled `layout.mustache` and `edition.mustache` write it, made in
/// Swift (`LayoutHTML` says how and why) while the theme replaces neither; a test renders it both
/// ways and compares. The empty archive's front (`EmptyFrontModel`) stays with the template.
enum EditionPageHTML {
    static func html(_ page: PageModel<EditionModel>) -> String {
        let edition = page.content
        let cards = edition.groups.reduce(0) { $0 + $1.articles.count }
        return LayoutHTML.page(page.layout, around: cards * 1_024) { html in
            html += "<header class=\"edition-head\">\n  <h1>" + HTMLText.escape(edition.heading)
            if let region = edition.region {
                html += " <span class=\"edition-head__region\">" + HTMLText.escape(region) + " edition</span>"
            }
            html += "</h1>\n  <p class=\"edition-head__count\">\(edition.article_count) "
            html += edition.single_article ? "article" : "articles"
            html += "</p>\n  <nav class=\"edition-nav\" aria-label=\"Other editions\">\n    "
            if let previous = edition.previous {
                html +=
                    "<a rel=\"prev\" href=\"" + HTMLText.escape(previous.url) + "\">← " + HTMLText.escape(previous.date)
                    + "</a>"
            }
            html += "\n    <a href=\"/epaper\">All editions</a>\n    "
            if let next = edition.next {
                html +=
                    "<a rel=\"next\" href=\"" + HTMLText.escape(next.url) + "\">" + HTMLText.escape(next.date)
                    + " →</a>"
            }
            html += "\n  </nav>\n  <p class=\"edition-head__book\"><a href=\"" + HTMLText.escape(edition.book_url)
            html += "\" download>Download this edition as an e-book (EPUB)</a></p>\n</header>\n<div class=\"groups\">\n"
            for group in edition.groups {
                html +=
                    "<section class=\"group\">\n  <h2 class=\"group__name\"><a href=\"" + HTMLText.escape(group.url)
                    + "\">"
                html += HTMLText.escape(group.name) + "</a></h2>\n  "
                for card in group.articles { html += LayoutHTML.card(card) }
                html += "\n</section>\n"
            }
            html += "</div>\n"
        }
    }
}
