/// A section's, topic's or author's listing page as the bundled `layout.mustache` and
/// `listing.mustache` write it, made in Swift (`LayoutHTML` says how and why) while the theme
/// replaces neither; a test renders it both ways and compares.
enum ListingPageHTML {
    static func html(_ page: PageModel<ListingModel>) -> String {
        let listing = page.content
        let pagination = listing.pagination
        return LayoutHTML.page(page.layout, around: listing.articles.count * 1_024) { html in
            html += "<header class=\"listing-head\">\n  "
            if let note = listing.note { html += "<p class=\"listing-head__note\">" + HTMLText.escape(note) + "</p>" }
            html += "\n  <h1>" + HTMLText.escape(listing.heading) + "</h1>\n  "
            if pagination.page == nil {
                html += "<p class=\"listing-head__count\">" + (pagination.total.map { "\($0)" } ?? "") + " articles</p>"
            }
            html += "\n  "
            if let page = pagination.page {
                html += "<p class=\"listing-head__count\">Page \(page)"
                if let span = pagination.span { html += ": " + HTMLText.escape(span) }
                html += "</p>"
            }
            html += "\n</header>\n<section class=\"group\">\n  "
            for card in listing.articles { html += LayoutHTML.card(card) }
            html += "\n  "
            if listing.articles.isEmpty { html += "<p>Nothing has been published here yet.</p>" }
            html += "\n</section>\n"
            if pagination.show {
                html += "<nav class=\"pager\" aria-label=\"Pages\">\n  "
                if let newer = pagination.newer {
                    html += "<a rel=\"prev\" href=\"" + HTMLText.escape(newer) + "\">← Newer</a>"
                }
                html += "\n  "
                if let older = pagination.older {
                    html += "<a rel=\"next\" href=\"" + HTMLText.escape(older) + "\">Older →</a>"
                }
                html += "\n</nav>\n"
            }
        }
    }
}
