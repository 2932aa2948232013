import Foundation

/// RSS 2.0, with the extensions readers expect: `content:encoded` for the full story,
/// `dc:creator` for bylines (RSS's own `author` wants an e-mail address), `atom:link rel="self"`,
/// and `dcterms:modified` so a correction re-dates the entry.
public enum RSSFeedWriter {
    public static let contentType = "application/rss+xml; charset=utf-8"

    public static func write(_ feed: Feed, selfURL: String) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:atom="http://www.w3.org/2005/Atom">
            <channel>
            <title>\(x(feed.title))</title>
            <link>\(x(feed.homePageURL))</link>
            <description>\(x(feed.description))</description>
            <language>\(x(feed.language))</language>
            <lastBuildDate>\(InternetDate.imfFixdate(feed.updated))</lastBuildDate>
            <generator>Broadsheet</generator>
            <atom:link href="\(x(selfURL))" rel="self" type="application/rss+xml"/>

            """
        for entry in feed.entries {
            xml += "<item>\n"
            xml += "<title>\(x(entry.title))</title>\n"
            xml += "<link>\(x(entry.url))</link>\n"
            xml += "<guid isPermaLink=\"true\">\(x(entry.id))</guid>\n"
            xml += "<pubDate>\(InternetDate.imfFixdate(entry.published))</pubDate>\n"
            xml += "<dcterms:modified>\(InternetDate.rfc3339(entry.updated))</dcterms:modified>\n"
            for author in entry.authors { xml += "<dc:creator>\(x(author.name))</dc:creator>\n" }
            for category in entry.categories { xml += "<category>\(x(category.label))</category>\n" }
            xml += "<description>\(x(entry.summary))</description>\n"
            xml += "<content:encoded>\(x(entry.contentHTML))</content:encoded>\n"
            xml += "</item>\n"
        }
        return xml + "</channel>\n</rss>\n"
    }

    private static func x(_ text: String) -> String { MarkupText.escapeXML(text) }
}
