/// A story's card as the bundled `card.mustache` writes it, made in Swift (`LayoutHTML` says how):
/// an export makes a hundred thousand of them, and mustache's look-ups were most of each one's
/// making. `FragmentRendering` takes this way while the theme keeps the template; a test renders
/// cards both ways and compares.
enum CardHTML {
    static func html(_ card: CardModel, site: SiteModel) -> String {
        var html = "<article class=\"card\" lang=\"" + escape(card.lang) + "\" dir=\"" + escape(card.dir) + "\">\n"
        html += "  <h3 class=\"card__headline\"><a href=\"" + escape(card.url) + "\">" + escape(card.headline)
        html += "</a></h3>\n  "
        if let summary = card.summary.value { html += "<p class=\"card__summary\">" + escape(summary) + "</p>" }
        html += "\n  <p class=\"card__meta\" lang=\"" + escape(site.language) + "\" dir=\"ltr\">\n    "
        if let byline = card.byline.value { html += "<span class=\"card__byline\">" + escape(byline) + "</span> · " }
        html +=
            "\n    <a class=\"card__section\" href=\"" + escape(card.section.url) + "\">" + escape(card.section.name)
        html += "</a> ·\n    <time datetime=\"" + escape(card.published_iso) + "\">" + escape(card.published)
        html += "</time>\n    "
        if let page = card.on_page.value {
            html += " · <a class=\"card__page\" href=\"" + escape(page.url) + "\">" + escape(page.name) + "</a>"
        }
        html += "\n  </p>\n</article>\n"
        return html
    }

    private static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
