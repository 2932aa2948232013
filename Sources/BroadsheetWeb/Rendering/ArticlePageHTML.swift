/// An article's page as the bundled `layout.mustache` and `article.mustache` write it, made in
/// Swift: mustache looks up each of a page's seventy names through the model's stack, splitting
/// the name and casting each model it passes to two protocols, and that was four fifths of
/// rendering an article page, a tenth of a static export. `Theme.render` takes this way while the
/// theme replaces neither template; a theme that replaces either has its templates make the page.
///
/// Each line writes what its template's line writes (`LayoutHTML` says how); a test renders
/// pages with every optional part both ways and compares them byte for byte.
enum ArticlePageHTML {
    /// The page, or nil when its body must be made by the theme's body templates (`body_html` is
    /// absent for a story with blocks), which only mustache can render.
    static func html(_ page: PageModel<ArticleModel>) -> String? {
        let article = page.content
        guard article.body_html.value != nil || article.body.isEmpty else { return nil }
        return LayoutHTML.page(page.layout, around: article.body_html.value?.utf8.count ?? 0) { html in
            writeStory(article, into: &html)
        }
    }

    /// `article.mustache`'s `content` block.
    private static func writeStory(_ article: ArticleModel, into html: inout String) {
        let sectionURL = HTMLText.escape(article.section.url)
        let sectionName = HTMLText.escape(article.section.name)
        let headline = HTMLText.escape(article.headline)
        html += "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumbs\" dir=\"ltr\">\n"
        html += "  <ol><li><a href=\"/\">Home</a></li><li><a href=\"" + sectionURL + "\">" + sectionName
        html += "</a></li><li aria-current=\"page\">" + headline + "</li></ol>\n</nav>\n"
        html +=
            "<article class=\"story\" lang=\"" + HTMLText.escape(article.lang) + "\" dir=\""
            + HTMLText.escape(article.dir) + "\">\n"
        html += "  <header class=\"story__head\">\n"
        html +=
            "    <p class=\"story__kicker\" dir=\"ltr\"><a href=\"" + sectionURL + "\">" + sectionName + "</a></p>\n"
        html += "    <h1 class=\"story__headline\">" + headline + "</h1>\n    "
        if let summary = article.summary { html += "<p class=\"story__summary\">" + HTMLText.escape(summary) + "</p>" }
        html += "\n    <div class=\"story__credit\" dir=\"ltr\">\n      "
        if let byline = article.byline { writeByline(byline, article.authors, into: &html) }
        html += "\n      <p class=\"story__times\">\n"
        html += "        Published <time datetime=\"" + HTMLText.escape(article.published_iso) + "\">"
        html += HTMLText.escape(article.published) + "</time>\n        "
        if let updated = article.updated {
            html +=
                "<br>Updated <time datetime=\"" + HTMLText.escape(article.updated_iso ?? "") + "\">"
                + HTMLText.escape(updated)
            html += "</time>"
        }
        html += "\n      </p>\n    </div>\n  </header>\n  <div class=\"story__body\">\n"
        if let body = article.body_html.value { html += body + "\n" }
        html += "  </div>\n"
        if article.has_corrections {
            html += "  <aside class=\"corrections\" aria-labelledby=\"corrections-title\" dir=\"ltr\">\n"
            html += "    <h2 id=\"corrections-title\">Corrections</h2>\n    <ul>"
            for correction in article.corrections {
                html +=
                    "<li><strong>" + HTMLText.escape(correction.kind) + ", " + HTMLText.escape(correction.date)
                    + ":</strong> "
                html += HTMLText.escape(correction.text) + "</li>"
            }
            html += "</ul>\n  </aside>\n"
        }
        if article.has_printed { writePrinted(article.printed, into: &html) }
        html += "  <footer class=\"story__foot\" dir=\"ltr\">\n"
        html += "    <p class=\"story__print-line\"><a href=\"" + HTMLText.escape(article.edition_url) + "\">"
        html += HTMLText.escape(article.print_line) + "</a></p>\n"
        html += "    <p class=\"story__terms\">Filed under <a href=\"" + sectionURL + "\">" + sectionName + "</a>"
        if article.has_topics {
            html += " · Topics:\n      "
            for topic in article.topics {
                html +=
                    "<a class=\"topic\" href=\"" + HTMLText.escape(topic.url) + "\">" + HTMLText.escape(topic.name)
                    + "</a> "
            }
        }
        html += "</p>\n  </footer>\n</article>\n"
        if article.has_related {
            html += "<aside class=\"related\" aria-labelledby=\"related-title\">\n"
            html += "  <h2 id=\"related-title\">Related</h2>\n  <ul class=\"related__list\">\n    "
            for card in article.related { html += "<li>" + LayoutHTML.card(card) + "</li>" }
            html += "\n  </ul>\n</aside>\n"
        }
    }

    /// The `byline` section: the credits as links, or the byline's text when none is linked.
    private static func writeByline(_ byline: String, _ authors: [AuthorLinkModel], into html: inout String) {
        html += "<p class=\"story__byline\">\n        "
        for author in authors {
            if !author.first { html += ", " }
            html += "<a href=\"" + HTMLText.escape(author.url) + "\" class=\"author"
            if author.agency { html += " author--agency" }
            html += "\">" + HTMLText.escape(author.name) + "</a>"
            if author.agency { html += " <span class=\"badge\" title=\"News agency\">News agency</span>" }
        }
        html += "\n        "
        if authors.isEmpty { html += HTMLText.escape(byline) }
        html += "\n      </p>"
    }

    /// The `has_printed` section: the pages the story runs on, each with its picture and clipping.
    private static func writePrinted(_ places: [PrintedPlaceModel], into html: inout String) {
        html += "  <nav class=\"printed-places\" aria-label=\"Where this story is printed\" dir=\"ltr\">\n    <ul>"
        for place in places {
            html += "<li><a href=\"" + HTMLText.escape(place.url) + "\">"
            if let thumbnail = place.thumbnail.value {
                html += "<img src=\"" + HTMLText.escape(thumbnail) + "\" alt=\"" + HTMLText.escape(place.alt)
                html += "\" loading=\"lazy\" decoding=\"async\">"
            }
            html += "<span>" + HTMLText.escape(place.note) + "</span></a>"
            if let clip = place.clip.value {
                html +=
                    " <a class=\"printed-places__clip\" href=\"" + HTMLText.escape(clip) + "\">Share this clipping</a>"
            }
            html += "</li>"
        }
        html += "</ul>\n  </nav>\n"
    }
}
