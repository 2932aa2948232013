/// A story's card as the bundled `card.mustache` writes it, made in Swift (`LayoutHTML` says how):
/// an export makes a hundred thousand of them, and mustache's look-ups were most of each one's
/// making. `FragmentRendering` takes this way while the theme keeps the template; a test renders
/// cards both ways and compares.
enum CardHTML {
    static func html(_ card: CardModel, site: SiteModel) -> String {
        var html =
            "<article class=\"card\" lang=\"" + HTMLText.escape(card.lang) + "\" dir=\"" + HTMLText.escape(card.dir)
            + "\">\n"
        html +=
            "  <h3 class=\"card__headline\"><a href=\"" + HTMLText.escape(card.url) + "\">"
            + HTMLText.escape(card.headline)
        html += "</a></h3>\n  "
        if let summary = card.summary.value {
            html += "<p class=\"card__summary\">" + HTMLText.escape(summary) + "</p>"
        }
        html += "\n  <p class=\"card__meta\" lang=\"" + HTMLText.escape(site.language) + "\" dir=\"ltr\">\n    "
        if let byline = card.byline.value {
            html += "<span class=\"card__byline\">" + HTMLText.escape(byline) + "</span> · "
        }
        html +=
            "\n    <a class=\"card__section\" href=\"" + HTMLText.escape(card.section.url) + "\">"
            + HTMLText.escape(card.section.name)
        html +=
            "</a> ·\n    <time datetime=\"" + HTMLText.escape(card.published_iso) + "\">"
            + HTMLText.escape(card.published)
        html += "</time>\n    "
        if let page = card.on_page.value {
            html +=
                " · <a class=\"card__page\" href=\"" + HTMLText.escape(page.url) + "\">" + HTMLText.escape(page.name)
                + "</a>"
        }
        html += "\n  </p>\n</article>\n"
        return html
    }
}
